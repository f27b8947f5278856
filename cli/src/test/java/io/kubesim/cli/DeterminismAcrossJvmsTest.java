package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Byte-identical outputs (DESIGN.md principle 2) across separate JVMs, garbage collectors and
 * thread counts: every command that writes files runs twice as a child process, once on the default
 * collector with {@code --jobs 1} and once on the serial collector with {@code --jobs 2}, and every
 * file each wrote is compared. A run inside one JVM cannot catch iteration orders that change per
 * process, such as {@code Map.of}'s salted order or identity hash codes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeterminismAcrossJvmsTest {
    @TempDir
    static Path tmp;

    private Path runA;
    private Path runB;
    private Path sweepA;
    private Path sweepB;
    private Path capacityA;
    private Path capacityB;

    /** {@code kubesim COMMAND SCENARIO --out tmp/NAME -q ARGS...} in a JVM of its own with {@code jvm} options. */
    private Path inChildJvm(String name, List<String> jvm, String command, String scenario, String... args)
            throws IOException, InterruptedException {
        Path out = tmp.resolve(name);
        List<String> line = new ArrayList<>(List.of(command, scenario, "--out", out.toString(), "-q"));
        line.addAll(List.of(args));
        Process p = ChildJvm.start(jvm, Main.class, tmp.resolve(name + ".log"), line);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), name);
        assertEquals(0, p.exitValue(), () -> read(tmp.resolve(name + ".log")));
        return out;
    }

    private static final List<String> DEFAULT_GC = List.of();
    private static final List<String> SERIAL_GC = List.of("-XX:+UseSerialGC");

    @BeforeAll
    void runEverythingTwice() throws Exception {
        String boutique = CliHarness.library("online-boutique.yaml");
        runA = inChildJvm("run-a", DEFAULT_GC, "run", boutique, "--decisions", "--pod-series", "--replications", "2",
                "--jobs", "1");
        runB = inChildJvm("run-b", SERIAL_GC, "run", boutique, "--decisions", "--pod-series", "--replications", "2",
                "--jobs", "2");
        String rolling = CliHarness.library("rolling-update.yaml");
        String[] grid = {"--set", "deployment/web:spec.strategy.rollingUpdate.maxSurge=1,3",
                "--set", "deployment/web:spec.strategy.rollingUpdate.maxUnavailable=0,2", "--replications", "2"};
        sweepA = inChildJvm("sweep-a", DEFAULT_GC, "sweep", rolling, concat(grid, "--jobs", "1"));
        sweepB = inChildJvm("sweep-b", SERIAL_GC, "sweep", rolling, concat(grid, "--jobs", "2"));
        String capacity = CliHarness.library("online-boutique-capacity.yaml");
        capacityA = inChildJvm("capacity-a", DEFAULT_GC, "capacity", capacity, "--slo", "error-ratio=0.5%,p99=250ms",
                "--max", "4", "--jobs", "1");
        capacityB = inChildJvm("capacity-b", SERIAL_GC, "capacity", capacity, "--slo", "error-ratio=0.5%,p99=250ms",
                "--max", "4", "--jobs", "2");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @ParameterizedTest(name = "run: {0}")
    @DisplayName("run writes the same bytes in every file, explain's records, pods.csv and replications included")
    @ValueSource(strings = {"events.jsonl", "timeseries.csv", "scheduling.jsonl", "decisions.jsonl", "pods.csv",
        "replications.csv", "report.html"})
    void runFiles(String file) throws IOException {
        assertArrayEquals(Files.readAllBytes(runA.resolve(file)), Files.readAllBytes(runB.resolve(file)), file);
    }

    @Test
    @DisplayName("run: summary.json is the same but for the wall time")
    void summaryJson() throws IOException {
        assertEquals(withoutWallTime(runA.resolve("summary.json")), withoutWallTime(runB.resolve("summary.json")));
    }

    private static String withoutWallTime(Path summary) throws IOException {
        return Files.readString(summary).replaceAll("\"wallSeconds\" : [0-9.]+", "");
    }

    @ParameterizedTest(name = "sweep: {0}")
    @DisplayName("sweep writes the same bytes in every file")
    @ValueSource(strings = {"sweep.csv", "sweep.json", "sweep.txt", "sweep.html"})
    void sweepFiles(String file) throws IOException {
        assertArrayEquals(Files.readAllBytes(sweepA.resolve(file)), Files.readAllBytes(sweepB.resolve(file)), file);
    }

    @Test
    @DisplayName("capacity writes the same capacity.json (its answer's keys in one order)")
    void capacityJson() throws IOException {
        assertArrayEquals(Files.readAllBytes(capacityA.resolve("capacity.json")),
                Files.readAllBytes(capacityB.resolve("capacity.json")));
        assertTrue(Files.readString(capacityA.resolve("capacity.json")).contains("\"answer\" : {\n    \"shape\""),
                "shape before nodes in the answer");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
