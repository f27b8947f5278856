package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run stopped from outside, or out of memory, leaves no partial files and the previous
 * {@code --out} contents as they were (docs/limits.md, "Interrupted runs"): the CLI in a child JVM.
 */
class InterruptedRunTest {
    @TempDir
    Path tmp;

    /** A scenario that runs for many seconds of wall time: 300 nodes for 100 days. */
    private Path longScenario() throws IOException {
        Files.writeString(tmp.resolve("web.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 300
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: c, image: nginx, readinessProbe: {tcpSocket: {port: 80}}}]}
                """);
        Path s = tmp.resolve("long.yaml");
        Files.writeString(s, """
                apiVersion: kubesim.io/v1alpha1
                kind: Scenario
                metadata: {name: long}
                duration: 2400h
                manifests: [web.yaml]
                cluster:
                  nodePools:
                    - {name: pool, count: 300, allocatable: {cpu: "4", memory: 16Gi}}
                """);
        return s;
    }

    private static Process cli(Path log, String heap, String... args) throws IOException {
        return ChildJvm.kubesim(List.of(heap), log, args);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest(name = "SIG{0}")
    @DisplayName("SIGTERM or SIGINT (Ctrl-C) during a run removes its staging folder and leaves the earlier run's files untouched")
    @ValueSource(strings = {"TERM", "INT"})
    void aSignalLeavesTheEarlierOutputs(String signal) throws Exception {
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("summary.json"), "the earlier run's summary");
        Process p = cli(tmp.resolve("run.log"), "-Xmx1g", "run", longScenario().toString(), "--out", out.toString(), "-q");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (names(out).stream().noneMatch(n -> n.startsWith(".kubesim-staging-")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(names(out).stream().anyMatch(n -> n.startsWith(".kubesim-staging-")), "the run started staging");
        Thread.sleep(500); // writing events.jsonl into the staging folder by now
        new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).start().waitFor();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(List.of("summary.json"), names(out));
        assertEquals("the earlier run's summary", Files.readString(out.resolve("summary.json")));
    }

    @Test
    @DisplayName("a run that runs out of heap says so in one line, exits 2 and writes nothing")
    void outOfMemoryIsOneLine() throws Exception {
        Path out = tmp.resolve("oom");
        Path log = tmp.resolve("oom.log");
        Process p = cli(log, "-Xmx24m", "run", longScenario().toString(), "--out", out.toString(), "-q");
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String printed = Files.readString(log);
        assertEquals(ExitCodes.BAD_INPUT, p.exitValue(), printed);
        assertTrue(printed.startsWith("error: kubesim ran out of memory (a heap of 24 MiB); nothing was written.")
                || printed.contains(": the run was stopped at ") && printed.contains("full after a full garbage collection"),
                printed);
        assertEquals(1, printed.strip().lines().count(), printed);
        assertFalse(printed.contains("Exception") || printed.contains("\tat "), printed);
        assertFalse(Files.exists(out), "nothing written, not even the folder");
    }
}
