package io.kubesim.scenarios.manifest;

import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns what a user names on the command line or in a scenario into manifest texts, as
 * {@code kubectl apply -f} does: a file; a directory, meaning every {@code *.yaml}, {@code *.yml}
 * and {@code *.json} directly inside it in name order; or {@code -} for standard input.
 */
public final class ManifestFiles {
    public static final String STDIN = "-";
    public static final String STDIN_NAME = "<stdin>";
    /** The largest input file read: as much as the YAML reader takes. */
    public static final int MAX_BYTES = 256 * 1024 * 1024;

    private ManifestFiles() {
    }

    /** The files a path stands for, in order; errors name {@code where} (the scenario entry) when given. */
    public static List<Path> expand(Path path, Location where) {
        Location at = where != null ? where : Location.ofFile(path.toString());
        if (!Files.exists(path)) {
            throw new InputException(at, "no such file or directory: " + path);
        }
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(path)) {
            s.filter(Files::isRegularFile).filter(ManifestFiles::isManifestName).sorted().forEach(files::add);
        } catch (IOException | UncheckedIOException e) {
            throw new InputException(at, "cannot list directory " + path + ": " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new InputException(at, "directory " + path + " contains no *.yaml, *.yml or *.json files");
        }
        return files;
    }

    /** Reads a file as text ({@link TextDecoding}); a directory, a missing file or binary data is an error naming it. */
    public static ManifestSource read(Path file) {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new InputException(Location.ofFile(name), "is a directory, expected a YAML file");
        }
        if (!Files.isRegularFile(file)) {
            throw new InputException(Location.ofFile(name), "no such file: " + name);
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw tooLarge(name, Files.size(file));
            }
            return source(Files.readAllBytes(file), name);
        } catch (IOException e) {
            throw new InputException(Location.ofFile(name), "cannot read file: " + e.getMessage());
        }
    }

    /** Reads all of standard input. */
    public static ManifestSource readStdin(InputStream in) {
        try {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw tooLarge(STDIN_NAME, bytes.length);
            }
            return source(bytes, STDIN_NAME);
        } catch (IOException e) {
            throw new InputException(Location.ofFile(STDIN_NAME), "cannot read standard input: " + e.getMessage());
        }
    }

    /** Refuses an input of more than {@link #MAX_BYTES}, before it is read into memory. */
    private static InputException tooLarge(String name, long size) {
        return new InputException(Location.ofFile(name), String.format(java.util.Locale.ROOT,
                "%s bytes: kubesim reads input files of at most 256 MiB; split it (kubectl apply -f takes a directory too)",
                name.equals(STDIN_NAME) ? "more than 268,435,456" : String.format(java.util.Locale.ROOT, "%,d", size)));
    }

    private static ManifestSource source(byte[] bytes, String name) {
        TextDecoding.Decoded d = TextDecoding.decode(bytes, name);
        return new ManifestSource(name, d.text(), d.warnings());
    }

    private static boolean isManifestName(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
    }
}
