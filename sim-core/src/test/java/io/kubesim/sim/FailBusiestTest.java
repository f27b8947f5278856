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
 * whose pods serve the most requests per second at that moment loses its machine; without traffic,
 * the one running the most pods.
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
        return pinned(name, node, "web");
    }

    private static Manifest pinned(String name, String node, String app) {
        Container c = new Container("app", "app:1", Resources.of(100, 64L << 20), Resources.NONE, List.of(), null, null,
                null, null, false);
        PodSpec base = PodSpec.of(List.of(c));
        PodSpec spec = new PodSpec(base.containers(), base.initContainers(), base.nodeSelector(), base.affinity(),
                base.tolerations(), base.topologySpreadConstraints(), "", null, false, 30, node, "", "Always",
                Resources.NONE, false);
        return new Manifest.PodManifest("default", name, Map.of("app", app), Map.of(), spec, Manifest.Origin.UNKNOWN);
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
    @DisplayName("the action's window names what was asked: the pool, nothing for the whole cluster, kind/name for a workload")
    void actionTargets() {
        assertEquals("n", cluster(new TimelineAction.FailBusiest(SimTime.seconds(30), "n", false)).result().actions()
                .get(0).target());
        assertEquals("", cluster(new TimelineAction.FailBusiest(SimTime.seconds(30), "", false)).result().actions()
                .get(0).target());
        assertEquals("deployment/default/web", cluster(new TimelineAction.FailBusiest(SimTime.seconds(30), "", false,
                "Deployment", "default/web")).result().actions().get(0).target());
    }

    @Test
    @DisplayName("a zone loss takes every node of the zone with the most pods, not the zone of the busiest node")
    void busiestZone() {
        assertEquals(List.of("n-1", "n-3"),
                failed(cluster(new TimelineAction.FailBusiest(SimTime.seconds(30), "", true))));
    }

    private static Manifest.ServiceManifest service(String name) {
        return new Manifest.ServiceManifest("default", name, Map.of(), Map.of("app", name),
                List.of(new io.kubesim.api.ServicePort("http", 80, "8080", "TCP", 0)), "ClusterIP", false, false,
                Manifest.Origin.UNKNOWN);
    }

    private static io.kubesim.traffic.EntryPoint entry(String service, double rate) {
        return new io.kubesim.traffic.EntryPoint(service + "-clients", service, false,
                new io.kubesim.traffic.ArrivalSpec.Rate(new io.kubesim.traffic.RateSeries(new long[]{0},
                        new double[]{rate}), true));
    }

    /** Two nodes n-1 (zone a) and n-2 (zone b); which one a loss at 60 s takes. */
    private static List<String> lostWithTraffic(List<Manifest> manifests, List<io.kubesim.traffic.EntryPoint> traffic,
                                                boolean zone) {
        return lostWithTraffic(manifests, traffic, zone, "");
    }

    private static List<String> lostWithTraffic(List<Manifest> manifests, List<io.kubesim.traffic.EntryPoint> traffic,
                                                boolean zone, String deployment) {
        Resources node = Resources.of(8000, 32L << 30);
        List<NodePool> pools = List.of(new NodePool("n", 2, node, 110, Map.of(), List.of(), List.of("a", "b")));
        SimulationSpec spec = new SimulationSpec("busiest-traffic", 1, SimTime.minutes(2), SimTime.seconds(1), pools,
                manifests, Map.of(), ApplicationModel.DEFAULT,
                List.of(new TimelineAction.FailBusiest(SimTime.seconds(60), "", zone,
                        deployment.isEmpty() ? "" : "Deployment", deployment)))
                .withTraffic(traffic, io.kubesim.traffic.NetworkSpec.DEFAULT);
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(spec.duration());
        return failed(sim);
    }

    @Test
    @DisplayName("with traffic, the node whose pods serve the most requests fails, not the one running the most pods")
    void busiestByTraffic() {
        // docs/scenario-format.md, failBusiestNode: n-1 runs the Service's pods, n-2 three pods nobody calls
        List<Manifest> manifests = List.of(pinned("front-0", "n-1", "front"), pinned("front-1", "n-1", "front"),
                pinned("batch-0", "n-2", "batch"), pinned("batch-1", "n-2", "batch"), pinned("batch-2", "n-2", "batch"),
                service("front"));
        for (boolean zone : new boolean[]{false, true}) {
            assertEquals(List.of("n-1"), lostWithTraffic(manifests, List.of(entry("front", 20)), zone),
                    zone ? "zone a holds the served pods" : "the served pods' node");
        }
    }

    @Test
    @DisplayName("a Service's only ready pod outweighs more traffic to replicated pods: losing it is an outage")
    void soleEndpointFirst() {
        // n-1: cache's only pod at 5 req/s; n-2: three front replicas at 30 req/s in all
        List<Manifest> manifests = List.of(pinned("cache-0", "n-1", "cache"), pinned("front-0", "n-2", "front"),
                pinned("front-1", "n-2", "front"), pinned("front-2", "n-2", "front"), service("front"),
                service("cache"));
        assertEquals(List.of("n-1"), lostWithTraffic(manifests, List.of(entry("front", 30), entry("cache", 5)), false));
        assertEquals(List.of("n-2"), lostWithTraffic(manifests, List.of(entry("front", 30)), false),
                "an only pod nobody calls weighs nothing");
    }

    @Test
    @DisplayName("with a workload named, the node running most of its pods fails, however busy the others are")
    void nodeOfAWorkload() {
        // Deployment web (1 replica) pinned to n-1; three bare pods on n-2 make n-2 the busiest otherwise
        io.kubesim.api.PodSpec spec = ((Manifest.PodManifest) pinned("x", "n-1", "web")).spec();
        Manifest web = new Manifest.DeploymentManifest("default", "web", Map.of(), Map.of(),
                io.kubesim.api.LabelSelector.of(Map.of("app", "web")),
                new io.kubesim.api.PodTemplate(Map.of("app", "web"), Map.of(), spec), 1,
                io.kubesim.api.DeploymentStrategy.DEFAULT_ROLLING, 0, 10, 600, false, Manifest.Origin.UNKNOWN);
        List<Manifest> manifests = List.of(web, pinned("batch-0", "n-2", "batch"), pinned("batch-1", "n-2", "batch"),
                pinned("batch-2", "n-2", "batch"));
        assertEquals(List.of("n-2"), lostWithTraffic(manifests, List.of(), false), "by pods");
        assertEquals(List.of("n-1"), lostWithTraffic(manifests, List.of(), false, "default/web"));
    }
}
