package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.engine.SimTime;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.DefaultSampleInterval;
import io.kubesim.sim.SimulationSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A scenario without {@code sampleInterval} is sampled every second unless its time series would
 * not fit {@link DefaultSampleInterval#POINT_BUDGET} points over its duration; then the shortest
 * step that fits. A scenario that sets one always gets it.
 */
class DefaultSampleIntervalTest {
    @TempDir
    Path dir;

    /** A cluster of {@code nodes} nodes and {@code deployments} Deployments, each behind a Service. */
    private SimulationSpec load(int nodes, int deployments, String duration, String extra) {
        StringBuilder manifests = new StringBuilder();
        for (int i = 0; i < deployments; i++) {
            manifests.append("""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: web-%1$d}
                    spec:
                      replicas: 1
                      selector: {matchLabels: {app: web-%1$d}}
                      template:
                        metadata: {labels: {app: web-%1$d}}
                        spec: {containers: [{name: c, image: nginx}]}
                    ---
                    apiVersion: v1
                    kind: Service
                    metadata: {name: web-%1$d}
                    spec: {selector: {app: web-%1$d}, ports: [{port: 80}]}
                    ---
                    """.formatted(i));
        }
        String scenario = """
                apiVersion: kubesim.io/v1alpha1
                kind: Scenario
                metadata: {name: sized}
                duration: %s
                %smanifests: [m.yaml]
                cluster:
                  nodePools:
                    - {name: pool, count: %d, allocatable: {cpu: "4", memory: 8Gi}}
                """.formatted(duration, extra, nodes);
        try {
            Files.writeString(dir.resolve("m.yaml"), manifests.toString());
            Path file = dir.resolve("s.yaml");
            Files.writeString(file, scenario);
            return ScenarioLoader.load(file).value();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0} nodes, {1} Deployments and Services, {2}: every {3}")
    @CsvSource(delimiter = '|', textBlock = """
            3    | 4    | 30m | 1s
            10   | 20   | 2h  | 1s
            100  | 20   | 2h  | 2s
            1000 | 200  | 1h   | 10s
            1000 | 200  | 24h  | 5m0s
            5000 | 1000 | 24h  | 30m0s
            5000 | 1000 | 168h | 2h0m0s
            """)
    @DisplayName("the default is one second for small runs and coarser as nodes, workloads and duration grow")
    void growsWithTheCluster(int nodes, int deployments, String duration, String expected) {
        SimulationSpec spec = load(nodes, deployments, duration, "");
        assertEquals(expected, SimTime.format(spec.sampleInterval()));
    }

    @Test
    @DisplayName("the chosen step keeps the points within the budget, and the step below it would not")
    void shortestStepWithinTheBudget() {
        SimulationSpec spec = load(5000, 1000, "24h", "");
        long series = DefaultSampleInterval.series(spec.nodePools(), spec.manifests());
        assertEquals(4 + 7 * 5000 + (7 + 6 + 8) * 1000, series);
        long step = spec.sampleInterval();
        assertTrue(series * (spec.duration() / step + 1) <= DefaultSampleInterval.POINT_BUDGET);
        assertTrue(series * (spec.duration() / SimTime.minutes(15) + 1) > DefaultSampleInterval.POINT_BUDGET,
                "15m, the step below, would not fit");
    }

    @Test
    @DisplayName("a sampleInterval the scenario sets is kept, however large the cluster, while its series fit the limits")
    void explicitIntervalWins() {
        // 5,000 nodes for a day: the default is 30m; 1m is 1,441 samples of about 56,000 series, within 100 million points
        assertEquals(SimTime.minutes(1), load(5000, 1000, "24h", "sampleInterval: 1m\n").sampleInterval());
        assertEquals(SimTime.minutes(5), load(3, 1, "30m", "sampleInterval: 5m\n").sampleInterval());
    }

    @Test
    @DisplayName("however long the duration, the default is a positive step no longer than needed")
    void hugeDurations() {
        // a million nodes: more series than the budget, so no step fits and the doubling runs to the end
        var pools = java.util.List.of(new io.kubesim.sim.NodePool("huge", 1_000_000,
                io.kubesim.api.Resources.of(4000, 16L << 30), 110, java.util.Map.of(), java.util.List.of(),
                java.util.List.of()));
        for (long duration : new long[] {Long.MAX_VALUE, Long.MAX_VALUE / 3, SimTime.minutes(60) * 24 * 365 * 100}) {
            long step = DefaultSampleInterval.of(duration, pools, java.util.List.of());
            assertTrue(step >= SimTime.minutes(60) && (step >= duration / 2 || step > Long.MAX_VALUE / 2),
                    "no step fits, so the steps double to the duration: " + duration + ": " + step);
        }
    }
}
