package io.kubesim.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Manifest;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.traffic.TrafficMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale scenario of benchmarks/README.md and docs/scale.md: what the generator writes is a
 * valid scenario with the documented shape, and it runs in exact traffic mode under auto.
 */
class ScaleScenarioTest {
    @TempDir
    Path dir;

    private SimulationSpec load(int nodes, String arrivals) throws Exception {
        Files.writeString(dir.resolve("manifests.yaml"), ScaleScenario.manifests(nodes));
        Files.writeString(dir.resolve("scale.yaml"), ScaleScenario.scenario(nodes, arrivals));
        return ScenarioLoader.load(dir.resolve("scale.yaml")).value();
    }

    @Test
    @DisplayName("1,000 nodes: 200 Deployments of 144, 10 StatefulSets of 20, a DaemonSet, a day, and exact traffic under auto")
    void documentedShape() throws Exception {
        SimulationSpec spec = load(1000, ScaleScenario.DIURNAL);
        assertEquals(1000, spec.nodePools().get(0).count());
        List<Manifest.DeploymentManifest> deployments = spec.manifests().stream()
                .filter(m -> m instanceof Manifest.DeploymentManifest).map(m -> (Manifest.DeploymentManifest) m)
                .toList();
        assertEquals(200, deployments.size());
        assertEquals(10, spec.manifests().stream().filter(m -> m instanceof Manifest.StatefulSetManifest).count());
        assertEquals(1, spec.manifests().stream().filter(m -> m instanceof Manifest.DaemonSetManifest).count());
        assertEquals(30_000, ScaleScenario.pods(1000));
        assertEquals(150_000, ScaleScenario.pods(5000), "Kubernetes' published limit at 5,000 nodes");
        assertEquals(24L * 3600 * 1_000_000, spec.duration());
        assertEquals(20, spec.traffic().size(), "every tenth Service");
        // 172.8 million requests over the day: about 173 s in exact mode, 52 s of fluid steps (20 Services)
        assertEquals(TrafficMode.FLUID, ClusterSimulation.chooseTrafficMode(spec));
    }

    @Test
    @DisplayName("a per-minute trace is scaled to 100 requests per second over its first day")
    void traceScaledToTheMean() throws Exception {
        Path trace = dir.resolve("trace.csv");
        String arrivals = ScaleScenario.traceArrivals(trace, List.of("minute,requests", "0,60", "1,120"));
        // 90 requests a minute is 1.5 a second: scaled by 100 / 1.5
        assertTrue(arrivals.contains("rateScale: 66.6667"), arrivals);
        Files.writeString(trace, "minute,requests\n0,60\n1,120\n");
        SimulationSpec spec = load(100, arrivals);
        assertEquals(2, spec.traffic().size());
    }

    @Test
    @DisplayName("a trace row without a count is refused at its line and column")
    void badTraceRow() {
        Path trace = dir.resolve("bad.csv");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScaleScenario.traceArrivals(trace, List.of("minute,requests", "0,5", "1,abc")));
        assertEquals(trace + ":3:3: expected a request count, found \"abc\"", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ScaleScenario.traceArrivals(trace, List.of("minute,requests")), "no requests at all");
    }
}
