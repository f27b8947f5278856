package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.kubelet.Kubelets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Probe workers stop ticking while no tick could change anything and resume at the next tick of
 * their period when the container changes. That only saves engine events: every output of a run is
 * the same as with every tick run, on library scenarios whose containers start late, crash, fail
 * probes, are drained, rolled out, lost with their node and OOM-killed.
 */
class ProbeTickElisionTest {
    @org.junit.jupiter.api.io.TempDir
    Path tmp;

    @AfterEach
    void restore() {
        Kubelets.elideQuiescentProbeTicks(true);
    }

    private Path run(String scenario, boolean elide) {
        Kubelets.elideQuiescentProbeTicks(elide);
        Path out = tmp.resolve((elide ? "elided-" : "every-") + scenario);
        CliHarness.Result r = CliHarness.run("run", CliHarness.library(scenario), "--out", out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }

    /** The file without the lines that say how long the run took and how many engine events it ran. */

    private static long eventsProcessed(Path run) throws IOException {
        return Files.readAllLines(run.resolve("summary.json")).stream().filter(l -> l.contains("\"eventsProcessed\""))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"early-readiness.yaml", "calibrated-readiness.yaml", "crashloop-backoff.yaml",
            "image-pull-backoff.yaml", "bad-release-rolling.yaml", "drain-with-pdb.yaml", "node-failure.yaml",
            "statefulset-rollout.yaml", "noisy-neighbour.yaml", "hpa-target-95.yaml", "rolling-update.yaml",
            "no-prestop.yaml"})
    @DisplayName("eliding quiescent probe ticks changes no output, only the number of engine events")
    void sameOutputsFewerEvents(String scenario) throws IOException {
        Path every = run(scenario, false);
        Path elided = run(scenario, true);
        CliHarness.assertSameOutputs(every, elided, scenario, "wallSeconds", "eventsProcessed");
        assertTrue(eventsProcessed(elided) < eventsProcessed(every),
                eventsProcessed(elided) + " events with elision, " + eventsProcessed(every) + " without");
    }
}
