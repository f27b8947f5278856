package io.kubesim.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An output directory whose files appear only on {@link #commit()}: until then they are written
 * into a hidden staging folder inside it, which {@link #abort()} (or a failed run) removes.
 */
public final class OutputDirectory implements AutoCloseable {
    private final Path dir;
    private final Path staging;
    private boolean committed;

    private OutputDirectory(Path dir, Path staging) {
        this.dir = dir;
        this.staging = staging;
    }

    /** Creates the directory if needed and a fresh staging folder inside it. */
    public static OutputDirectory open(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path staging = Files.createTempDirectory(dir, ".kubesim-staging-");
        return new OutputDirectory(dir, staging);
    }

    public Path dir() {
        return dir;
    }

    /** Where a file named {@code name} is written before the commit. */
    public Path staged(String name) {
        return staging.resolve(name);
    }

    /** Moves every staged file into the directory, replacing older ones, and removes the staging folder. */
    public void commit() throws IOException {
        try (Stream<Path> files = Files.list(staging)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                Path target = dir.resolve(f.getFileName());
                try {
                    Files.move(f, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.deleteIfExists(staging);
        committed = true;
    }

    /** Removes the staging folder and what is in it. */
    public void abort() {
        if (!Files.exists(staging)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(staging)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (!committed) {
            abort();
        }
    }
}
