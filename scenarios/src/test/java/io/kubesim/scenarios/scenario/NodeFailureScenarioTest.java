package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.controllers.NodeLifecycleConfig;
import io.kubesim.engine.SimTime;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.sim.TimelineAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node-failure actions and {@code controlPlane} read into a SimulationSpec. */
class NodeFailureScenarioTest {
    @TempDir
    Path dir;

    private SimulationSpec load(String text) throws Exception {
        Files.writeString(dir.resolve("web.yaml"), ScenarioInputErrorsTest.WEB);
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, text);
        return ScenarioLoader.load(file).value();
    }

    @Test
    void failAndRecoverActions() throws Exception {
        SimulationSpec spec = load(ScenarioInputErrorsTest.BASE
                .replace("      count: 3", "      count: 3\n      zones: [zone-a, zone-b]")
                .replace("  - at: 1m\n    scale: {deployment: web, replicas: 2}\n", """
                          - at: 1m
                            failNodes: {nodes: [pool-a-1]}
                          - at: 2m
                            failNodes: {pool: pool-a, count: 2}
                          - at: 3m
                            failZone: {zone: zone-b}
                          - at: 4m
                            recoverNodes: {nodes: [pool-a-1]}
                          - at: 5m
                            recoverZone: {zone: zone-b}
                        """));
        assertEquals(List.of(
                new TimelineAction.FailNodes(SimTime.minutes(1), "", 0, List.of("pool-a-1")),
                new TimelineAction.FailNodes(SimTime.minutes(2), "pool-a", 2, List.of()),
                new TimelineAction.FailZone(SimTime.minutes(3), "zone-b"),
                new TimelineAction.RecoverNodes(SimTime.minutes(4), List.of("pool-a-1"), ""),
                new TimelineAction.RecoverNodes(SimTime.minutes(5), List.of(), "zone-b")), spec.timeline());
        assertEquals(NodeLifecycleConfig.DEFAULT, spec.nodeLifecycle(), "no controlPlane: upstream defaults");
        assertEquals(SimTime.seconds(50), spec.nodeLifecycle().nodeMonitorGracePeriod());
    }

    @Test
    void failBusiestActions() throws Exception {
        SimulationSpec spec = load(ScenarioInputErrorsTest.BASE
                .replace("  - at: 1m\n    scale: {deployment: web, replicas: 2}\n", """
                          - at: 1m
                            failBusiestNode: {pool: pool-a}
                          - at: 2m
                            failBusiestNode: {}
                          - at: 3m
                            failBusiestZone: {}
                          - at: 4m
                            failBusiestNode: {deployment: web}
                        """));
        assertEquals(List.of(
                new TimelineAction.FailBusiest(SimTime.minutes(1), "pool-a", false),
                new TimelineAction.FailBusiest(SimTime.minutes(2), "", false),
                new TimelineAction.FailBusiest(SimTime.minutes(3), "", true),
                new TimelineAction.FailBusiest(SimTime.minutes(4), "", false, "Deployment", "default/web")),
                spec.timeline());
    }

    @Test
    void controlPlaneGracePeriod() throws Exception {
        SimulationSpec spec = load(ScenarioInputErrorsTest.BASE.replace("duration: 10m",
                "duration: 10m\ncontrolPlane: {nodeMonitorGracePeriod: 40s}"));
        assertEquals(NodeLifecycleConfig.GRACE_PERIOD_UP_TO_1_31, spec.nodeLifecycle().nodeMonitorGracePeriod());
        assertEquals(NodeLifecycleConfig.DEFAULT.evictionRate(), spec.nodeLifecycle().evictionRate());
    }
}
