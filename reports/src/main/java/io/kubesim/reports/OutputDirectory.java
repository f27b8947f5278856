package io.kubesim.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An output directory whose files appear only on {@link #commit()}: until then they are written
 * into a hidden staging folder inside it, which {@link #abort()} (or a failed run) removes, with the
 * directory itself when the run created it. A run
 * stopped from outside (SIGTERM, SIGINT, an exit while the heap is gone) has its staging folders
 * removed by a shutdown hook, and the directory keeps what an earlier run had committed: a commit
 * under way finishes before the hook looks.
 */
public final class OutputDirectory implements AutoCloseable {
    /** The staging folders not yet committed or removed, for the shutdown hook; guarded by itself. */
    private static final Set<OutputDirectory> OPEN = new LinkedHashSet<>();
    private static boolean hooked;

    private final Path dir;
    private final Path staging;
    /** The directory did not exist before: an aborted run removes it again if it is empty. */
    private final boolean created;
    private boolean committed;

    private OutputDirectory(Path dir, Path staging, boolean created) {
        this.dir = dir;
        this.staging = staging;
        this.created = created;
    }

    /** Creates the directory if needed and a fresh staging folder inside it. */
    public static OutputDirectory open(Path dir) throws IOException {
        boolean created = !Files.exists(dir);
        Files.createDirectories(dir);
        synchronized (OPEN) {
            if (!hooked) {
                Runtime.getRuntime().addShutdownHook(new Thread(OutputDirectory::removeOpen, "kubesim-staging-cleanup"));
                hooked = true;
            }
            OutputDirectory d = new OutputDirectory(dir, Files.createTempDirectory(dir, ".kubesim-staging-"), created);
            OPEN.add(d);
            return d;
        }
    }

    /** The shutdown hook: removes every staging folder still open (after a commit under way). */
    private static void removeOpen() {
        synchronized (OPEN) {
            for (OutputDirectory d : OPEN) {
                try {
                    d.removeStaging();
                } catch (UncheckedIOException e) {
                    // the JVM is going down; what cannot be removed stays, hidden
                }
            }
            OPEN.clear();
        }
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
        synchronized (OPEN) {
            moveAll();
            OPEN.remove(this);
        }
    }

    private void moveAll() throws IOException {
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

    /** Removes the staging folder and what is in it (left to the shutdown hook if that fails). */
    public void abort() {
        removeStaging();
        synchronized (OPEN) {
            OPEN.remove(this);
        }
    }

    /** Deletes the staging folder, and the directory if this run created it and it is empty. */
    private void removeStaging() {
        delete(staging);
        if (created) {
            try {
                Files.deleteIfExists(dir); // only if empty: what else is there stays
            } catch (IOException e) {
                // not empty, or gone: either way nothing of this run is left in it
            }
        }
    }

    private static void delete(Path staging) {
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
