package io.kubesim.cli;

import io.kubesim.reports.OutputDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a command's {@code --out} directory before any work is done, so that one that cannot be
 * written (a file in the way, no permission, a read-only file system) is a usage error at once
 * rather than a stack trace after the runs.
 */
public final class OutDir {
    private OutDir() {
    }

    /** The output directory at {@code out}, created if needed, with its staging folder. */
    public static OutputDirectory open(Path out) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageError("--out " + out + ": exists and is not a directory");
        }
        try {
            return OutputDirectory.open(out);
        } catch (IOException e) {
            throw new UsageError("--out " + out + ": cannot write there (" + reason(e) + ")");
        }
    }

    /** What went wrong, in words: "Not a directory: /x", "permission denied on /x", "a file is in the way: /x". */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return "permission denied on " + a.getFile();
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return "a file is in the way: " + f.getFile();
        }
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return "no such directory: " + n.getFile();
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason() + ": " + f.getFile();
        }
        return String.valueOf(e.getMessage());
    }
}
