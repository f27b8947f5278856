package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Byte-identical outputs across separate JVMs (DESIGN.md principle 2). A run inside one JVM
 * cannot catch iteration orders that change per process, such as {@code Map.of}'s salted order
 * or identity hash codes, so this runs the CLI twice as child processes.
 */
class DeterminismAcrossJvmsTest {
    @TempDir
    Path tmp;

    private Path runInChildJvm(String name) throws IOException, InterruptedException {
        return inChildJvm(name, "run", CliHarness.library("online-boutique.yaml"), "--decisions");
    }

    /** {@code kubesim COMMAND SCENARIO --out tmp/NAME -q ARGS...} in a JVM of its own. */
    private Path inChildJvm(String name, String command, String scenario, String... args)
            throws IOException, InterruptedException {
        Path out = tmp.resolve(name);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> line = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), command, scenario, "--out", out.toString(), "-q"));
        line.addAll(List.of(args));
        Process p = new ProcessBuilder(line)
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve(name + ".log").toFile())
                .start();
        assertEquals(0, p.waitFor(), () -> read(tmp.resolve(name + ".log")));
        return out;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    @DisplayName("two JVMs running the same scenario and seed write the same bytes, explain's records included")
    void sameBytesInSeparateProcesses() throws Exception {
        Path a = runInChildJvm("a");
        Path b = runInChildJvm("b");
        for (String f : List.of("events.jsonl", "timeseries.csv", "scheduling.jsonl", "decisions.jsonl")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        assertEquals(Files.readString(a.resolve("summary.json")).replaceAll("\"wallSeconds\" : [0-9.]+", ""),
                Files.readString(b.resolve("summary.json")).replaceAll("\"wallSeconds\" : [0-9.]+", ""));
    }

    @Test
    @DisplayName("two JVMs sizing the same pool write the same capacity.json (its answer's keys in one order)")
    void capacityJsonInSeparateProcesses() throws Exception {
        String scenario = CliHarness.library("online-boutique-capacity.yaml");
        Path a = inChildJvm("capacity-a", "capacity", scenario, "--slo", "error-ratio=0.5%,p99=250ms", "--max", "4");
        Path b = inChildJvm("capacity-b", "capacity", scenario, "--slo", "error-ratio=0.5%,p99=250ms", "--max", "4");
        assertArrayEquals(Files.readAllBytes(a.resolve("capacity.json")), Files.readAllBytes(b.resolve("capacity.json")));
        assertTrue(Files.readString(a.resolve("capacity.json")).contains("\"answer\" : {\n    \"shape\""),
                "shape before nodes in the answer");
    }

}
