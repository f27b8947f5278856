package io.kubesim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.api.Container;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodSpec;
import io.kubesim.api.Resources;
import io.kubesim.app.ApplicationModel;
import io.kubesim.engine.SimTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The timeline's worst single failure, as the capacity planner uses it: the node (or the zone)
 * running the most pods at that moment loses its machine.
 */
class FailBusiestTest {
    /** Pool n: n-1 (zone a) runs 2 pods, n-2 (zone b) 3, n-3 (zone a) 2; pool m: m-1 (zone c) runs 4. */
    private static ClusterSimulation cluster(TimelineAction failure) {
        List<Manifest> pods = new ArrayList<>();
        int[] perNode = {2, 3, 2};
        for (int node = 1; node <= 3; node++) {
            for (int i = 0; i < perNode[node - 1]; i++) {
                pods.add(pinned("p" + node + "-" + i, "n-" + node));
            }
        }
        for (int i = 0; i < 4; i++) {
            pods.add(pinned("q" + i, "m-1"));
        }
        Resources node = Resources.of(8000, 32L << 30);
        List<NodePool> pools = List.of(new NodePool("n", 3, node, 110, Map.of(), List.of(), List.of("a", "b", "a")),
                new NodePool("m", 1, node, 110, Map.of(), List.of(), List.of("c")));
        SimulationSpec spec = new SimulationSpec("busiest", 1, SimTime.minutes(2), SimTime.seconds(1), pools, pods,
                Map.of(), ApplicationModel.DEFAULT, List.of(failure));
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(spec.duration());
        return sim;
    }

    private static Manifest pinned(String name, String node) {
        Container c = new Container("app", "app:1", Resources.of(100, 64L << 20), Resources.NONE, List.of(), null, null,
                null, null, false);
        PodSpec base = PodSpec.of(List.of(c));
        PodSpec spec = new PodSpec(base.containers(), base.initContainers(), base.nodeSelector(), base.affinity(),
                base.tolerations(), base.topologySpreadConstraints(), "", null, false, 30, node, "", "Always",
                Resources.NONE, false);
        return new Manifest.PodManifest("default", name, Map.of("app", "web"), Map.of(), spec, Manifest.Origin.UNKNOWN);
    }

    private static List<String> failed(ClusterSimulation sim) {
        return sim.result().nodes().failures().stream().map(SimulationResult.NodeFailure::node).sorted().toList();
    }

    @Test
    @DisplayName("within a pool, the node running the most pods fails")
    void busiestNodeOfThePool() {
        assertEquals(List.of("n-2"), failed(cluster(new TimelineAction.FailBusiest(SimTime.seconds(30), "n", false))));
    }

    @Test
    @DisplayName("without a pool, the busiest node of the whole cluster fails")
    void busiestNodeOfTheCluster() {
        assertEquals(List.of("m-1"), failed(cluster(new TimelineAction.FailBusiest(SimTime.seconds(30), "", false))));
    }

    @Test
    @DisplayName("a zone loss takes every node of the zone with the most pods, not the zone of the busiest node")
    void busiestZone() {
        assertEquals(List.of("n-1", "n-3"),
                failed(cluster(new TimelineAction.FailBusiest(SimTime.seconds(30), "", true))));
    }
}
