package io.kubesim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing half-written: files appear only on commit; an aborted run leaves the directory as it was. */
class OutputDirectoryTest {
    @TempDir
    Path tmp;

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    @DisplayName("staged files appear on commit and replace older ones")
    void commit() throws IOException {
        Path dir = tmp.resolve("out");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("summary.json"), "old");
        try (OutputDirectory out = OutputDirectory.open(dir)) {
            Files.writeString(out.staged("summary.json"), "new");
            Files.writeString(out.staged("events.jsonl"), "e");
            assertEquals("old", Files.readString(dir.resolve("summary.json")), "not before the commit");
            out.commit();
        }
        assertEquals(List.of("events.jsonl", "summary.json"), names(dir));
        assertEquals("new", Files.readString(dir.resolve("summary.json")));
    }

    @Test
    @DisplayName("a run that fails before the commit leaves nothing behind, not even the folder it created")
    void abort() throws IOException {
        Path dir = tmp.resolve("out");
        try (OutputDirectory out = OutputDirectory.open(dir)) {
            Files.writeString(out.staged("summary.json"), "partial");
            throw new IllegalStateException("the run failed");
        } catch (IllegalStateException expected) {
            assertFalse(Files.exists(dir));
        }
    }

    @Test
    @DisplayName("a run that fails into a folder of an earlier run leaves that run's files as they were")
    void abortKeepsTheEarlierRun() throws IOException {
        Path dir = tmp.resolve("out");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("summary.json"), "earlier");
        try (OutputDirectory out = OutputDirectory.open(dir)) {
            Files.writeString(out.staged("summary.json"), "partial");
            throw new IllegalStateException("the run failed");
        } catch (IllegalStateException expected) {
            assertEquals(List.of("summary.json"), names(dir));
        }
        assertEquals("earlier", Files.readString(dir.resolve("summary.json")));
    }
}
