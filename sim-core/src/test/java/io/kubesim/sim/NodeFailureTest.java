package io.kubesim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Container;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodSpec;
import io.kubesim.api.Resources;
import io.kubesim.api.ServicePort;
import io.kubesim.api.Taint;
import io.kubesim.api.TaintEffect;
import io.kubesim.api.Toleration;
import io.kubesim.app.ApplicationModel;
import io.kubesim.cluster.ConditionStatus;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.NodeCondition;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodAdmission;
import io.kubesim.controllers.NodeLifecycleConfig;
import io.kubesim.controllers.TaintEvictionController;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.ClusterEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Node failure and what the control plane does about it, as k8s-semantics.md 7 states it: the
 * node-lifecycle controller's grace period, Unknown conditions, unreachable taints,
 * MarkPodsNotReady, per-zone rate limits and FullDisruption; the taint-eviction controller's
 * tolerationSeconds. Nodes join at 0 and renew their Lease every 10 s (4.6); monitor passes fall
 * on multiples of 5 s.
 */
class NodeFailureTest {
    private static final Resources NODE = Resources.of(8000, 32L << 30);

    private static NodePool pool(String name, int count, List<String> zones, List<Taint> taints) {
        return new NodePool(name, count, NODE, 110, Map.of(), taints, zones);
    }

    /** A bare pod pinned to a node (no scheduler involved), with these tolerations. */
    private static Manifest.PodManifest pod(String name, String node, List<Toleration> tolerations) {
        Container c = new Container("app", "app:1", Resources.of(100, 64L << 20), Resources.NONE, List.of(), null, null,
                null, null, false);
        PodSpec base = PodSpec.of(List.of(c)).withTolerations(tolerations);
        PodSpec spec = new PodSpec(base.containers(), base.initContainers(), base.nodeSelector(), base.affinity(),
                base.tolerations(), base.topologySpreadConstraints(), "", null, false, 30, node, "", "Always",
                Resources.NONE, false);
        return new Manifest.PodManifest("default", name, Map.of("app", "web"), Map.of(), spec, Manifest.Origin.UNKNOWN);
    }

    private static Toleration unreachableFor(Long seconds) {
        return new Toleration(PodAdmission.TAINT_UNREACHABLE, true, "", TaintEffect.NO_EXECUTE, seconds);
    }

    private static ClusterSimulation simulation(List<NodePool> pools, List<Manifest> manifests,
                                                List<TimelineAction> timeline, NodeLifecycleConfig config) {
        SimulationSpec spec = new SimulationSpec("node-failure", 1, SimTime.minutes(20), SimTime.seconds(1), pools,
                manifests, Map.of(), ApplicationModel.DEFAULT, timeline).withNodeLifecycle(config);
        return new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
    }

    private static TimelineAction fail(long atSeconds, String... nodes) {
        return new TimelineAction.FailNodes(SimTime.seconds(atSeconds), "", 0, List.of(nodes));
    }

    private static void runTo(ClusterSimulation sim, double seconds) {
        sim.run(SimTime.ofSeconds(seconds));
    }

    private static Node node(ClusterSimulation sim, String name) {
        return sim.store().nodes().get(name);
    }

    private static Pod pod(ClusterSimulation sim, String name) {
        return sim.store().pods().get("default", name);
    }

    private static boolean hasTaint(Node n, String key, TaintEffect effect) {
        return n.taints().stream().anyMatch(t -> t.key().equals(key) && t.effect() == effect);
    }

    private static List<ClusterEvent> events(ClusterSimulation sim, String reason) {
        List<ClusterEvent> out = new ArrayList<>();
        for (ClusterEvent e : sim.events().events()) {
            if (e.reason().equals(reason)) {
                out.add(e);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "fails at {0} s, grace {1} s -> Unknown at {2} s")
    @CsvSource({"120, 50, 175", "127, 50, 175", "131, 50, 185", "120, 40, 165"})
    @DisplayName("k8s-semantics.md 7: a node is Unknown at the first monitor pass more than node-monitor-grace-period "
            + "after the pass that saw its last Lease renewal")
    void gracePeriodUntilUnknown(long failAt, long grace, long unknownAt) {
        ClusterSimulation sim = simulation(List.of(pool("n", 3, List.of("a", "b", "c"), List.of())),
                List.of(pod("p", "n-3", List.of())), List.of(fail(failAt, "n-3")),
                NodeLifecycleConfig.DEFAULT.withNodeMonitorGracePeriod(SimTime.seconds(grace)));
        runTo(sim, unknownAt - 0.001);
        Node n = node(sim, "n-3");
        assertTrue(n.isReady(), "still Ready just before");
        assertTrue(pod(sim, "p").isReady(), "its pod still Ready: nobody has noticed");
        runTo(sim, unknownAt);
        for (NodeCondition c : NodeCondition.values()) {
            assertEquals(ConditionStatus.UNKNOWN, n.condition(c).status(), c.wireName());
            assertEquals("NodeStatusUnknown", n.condition(c).reason());
            assertEquals("Kubelet stopped posting node status.", n.condition(c).message());
        }
        assertEquals(SimTime.seconds(unknownAt), n.condition(NodeCondition.READY).lastTransitionTime());
        List<ClusterEvent> notReady = events(sim, "NodeNotReady");
        assertEquals("Node n-3 status is now: NodeNotReady", notReady.get(0).message());
        assertEquals("node-controller", notReady.get(0).source());
        assertTrue(node(sim, "n-1").isReady() && node(sim, "n-2").isReady(), "the other nodes are untouched");
    }

    @Test
    @DisplayName("k8s-semantics.md 7: Unknown → unreachable:NoSchedule at once, unreachable:NoExecute (rate-limited), "
            + "MarkPodsNotReady with a NodeNotReady warning per pod")
    void unreachableTaintsAndMarkPodsNotReady() {
        ClusterSimulation sim = simulation(List.of(pool("n", 3, List.of("a", "b", "c"), List.of())),
                List.of(pod("p", "n-3", List.of()), pod("q", "n-1", List.of())), List.of(fail(120, "n-3")),
                NodeLifecycleConfig.DEFAULT);
        runTo(sim, 174);
        Node n = node(sim, "n-3");
        assertFalse(hasTaint(n, PodAdmission.TAINT_UNREACHABLE, TaintEffect.NO_SCHEDULE));
        runTo(sim, 175);
        assertTrue(hasTaint(n, PodAdmission.TAINT_UNREACHABLE, TaintEffect.NO_SCHEDULE));
        assertTrue(hasTaint(n, PodAdmission.TAINT_UNREACHABLE, TaintEffect.NO_EXECUTE),
                "a healthy zone's bucket is full: the first NoExecute taint goes on at once");
        Pod p = pod(sim, "p");
        assertEquals(ConditionStatus.FALSE, p.readyCondition().status(), "MarkPodsNotReady");
        assertEquals(SimTime.seconds(175), p.readyCondition().lastTransitionTime());
        assertTrue(pod(sim, "q").isReady(), "pods on healthy nodes stay Ready");
        List<ClusterEvent> podEvents = events(sim, "NodeNotReady").stream()
                .filter(e -> e.object().startsWith("Pod/")).toList();
        assertEquals(1, podEvents.size());
        assertTrue(podEvents.get(0).warning());
        assertEquals("Node is not ready", podEvents.get(0).message());
        assertEquals(p.phase(), io.kubesim.cluster.PodPhase.RUNNING, "the Pod object stays as it was: Running");
    }

    @Test
    @DisplayName("k8s-semantics.md 7 and 5: the node's pods leave the ready endpoints when it goes NotReady, not before")
    void readyEndpointsDropAtNotReady() {
        Manifest.ServiceManifest svc = new Manifest.ServiceManifest("default", "web", Map.of(), Map.of("app", "web"),
                List.of(new ServicePort("http", 80, "8080", "TCP", 0)), "ClusterIP", false, false,
                Manifest.Origin.UNKNOWN);
        ClusterSimulation sim = simulation(List.of(pool("n", 3, List.of("a", "b", "c"), List.of())),
                List.of(svc, pod("p1", "n-1", List.of()), pod("p2", "n-2", List.of()), pod("p3", "n-3", List.of())),
                List.of(fail(120, "n-3")), NodeLifecycleConfig.DEFAULT);
        runTo(sim, 600);
        SimulationResult r = sim.result();
        io.kubesim.metrics.TimeSeries ready = r.series().find("service_endpoints_ready", "service=web");
        assertNotNull(ready);
        for (int i = 0; i < ready.size(); i++) {
            long t = ready.timeAt(i);
            if (t >= SimTime.seconds(10) && t <= SimTime.seconds(175)) {
                assertEquals(3, ready.valueAt(i), "at " + SimTime.format(t) + ": still 3 ready endpoints");
            }
            if (t >= SimTime.seconds(177)) {
                assertEquals(2, ready.valueAt(i), "at " + SimTime.format(t) + ": the dead node's pod left");
            }
        }
    }

    @Test
    @DisplayName("k8s-semantics.md 7: tolerationSeconds timing: default 300 s (admission), explicit 60 s, 0 s at once, "
            + "none = stays; DeletionByTaintManager; the pods stay Terminating on the dead node")
    void tolerationSecondsTiming() {
        ClusterSimulation sim = simulation(List.of(pool("n", 3, List.of("a", "b", "c"), List.of())),
                List.of(pod("defaults", "n-3", List.of()), pod("short", "n-3", List.of(unreachableFor(60L))),
                        pod("zero", "n-3", List.of(unreachableFor(0L))),
                        pod("forever", "n-3", List.of(unreachableFor(null)))),
                List.of(fail(120, "n-3")), NodeLifecycleConfig.DEFAULT);
        runTo(sim, 175);
        assertTrue(pod(sim, "zero").metadata().isDeleting(), "tolerationSeconds 0: deleted when the taint appears");
        assertFalse(pod(sim, "short").metadata().isDeleting());
        runTo(sim, 234.999);
        assertFalse(pod(sim, "short").metadata().isDeleting(), "not before 60 s after the taint");
        runTo(sim, 235);
        assertTrue(pod(sim, "short").metadata().isDeleting(), "60 s after the taint (175 s)");
        runTo(sim, 474.999);
        assertFalse(pod(sim, "defaults").metadata().isDeleting(), "not before 300 s after the taint");
        runTo(sim, 475);
        Pod d = pod(sim, "defaults");
        assertTrue(d.metadata().isDeleting(), "DefaultTolerationSeconds: 300 s after the taint");
        assertEquals("DeletionByTaintManager", d.disruptionTarget().reason());
        runTo(sim, 1200);
        assertFalse(pod(sim, "forever").metadata().isDeleting(), "no tolerationSeconds: tolerated forever");
        assertNotNull(pod(sim, "defaults"), "its kubelet is dead: the pod stays Terminating");
        List<ClusterEvent> evictions = events(sim, "TaintManagerEviction");
        assertEquals(List.of("Marking for deletion Pod default/zero", "Marking for deletion Pod default/short",
                "Marking for deletion Pod default/defaults"), evictions.stream().map(ClusterEvent::message).toList());
        assertEquals(3, sim.result().counters().get(TaintEvictionController.EVICTIONS));
        assertEquals(3, sim.result().pods().evictedByTaintManager());
    }

    @Test
    @DisplayName("k8s-semantics.md 7: a pod that does not tolerate a NoExecute taint is deleted at once; "
            + "one tolerating it for 30 s after 30 s")
    void notToleratingIsImmediate() {
        Taint dedicated = new Taint("dedicated", "db", TaintEffect.NO_EXECUTE);
        Toleration tolerate30 = new Toleration("dedicated", false, "db", TaintEffect.NO_EXECUTE, 30L);
        ClusterSimulation sim = simulation(List.of(pool("db", 1, List.of(), List.of(dedicated))),
                List.of(pod("intruder", "db-1", List.of()), pod("guest", "db-1", List.of(tolerate30))), List.of(),
                NodeLifecycleConfig.DEFAULT);
        runTo(sim, 29.999);
        assertNull(pod(sim, "intruder"), "deleted at 0 and gone (its kubelet is alive)");
        assertNotNull(pod(sim, "guest"));
        assertFalse(pod(sim, "guest").metadata().isDeleting());
        runTo(sim, 30);
        assertTrue(pod(sim, "guest") == null || pod(sim, "guest").metadata().isDeleting());
        List<ClusterEvent> evictions = events(sim, "TaintManagerEviction");
        assertEquals(0, evictions.get(0).time());
        assertEquals(SimTime.seconds(30), evictions.get(1).time());
    }

    private static List<Long> taintTimes(SimulationResult r) {
        return r.nodes().failures().stream().map(SimulationResult.NodeFailure::taintedAt).filter(t -> t >= 0)
                .sorted().toList();
    }

    @Test
    @DisplayName("k8s-semantics.md 7: NoExecute taints in a healthy zone go on at node-eviction-rate 0.1/s")
    void normalZoneRate() {
        ClusterSimulation sim = simulation(List.of(pool("n", 10, List.of("a"), List.of())), List.of(),
                List.of(fail(120, "n-9", "n-10")), NodeLifecycleConfig.DEFAULT);
        runTo(sim, 300);
        assertEquals(List.of(SimTime.seconds(175), SimTime.seconds(185)), taintTimes(sim.result()));
    }

    @Test
    @DisplayName("k8s-semantics.md 7: PartialDisruption (≥ 55 % and more than 2 not ready) in a zone of at most 50 "
            + "nodes stops NoExecute tainting; NoSchedule still goes on")
    void partialDisruptionSmallZone() {
        ClusterSimulation sim = simulation(List.of(pool("n", 10, List.of("a"), List.of()),
                        pool("m", 2, List.of("b"), List.of())), List.of(),
                List.of(fail(120, "n-5", "n-6", "n-7", "n-8", "n-9", "n-10")), NodeLifecycleConfig.DEFAULT);
        runTo(sim, 1200);
        SimulationResult r = sim.result();
        assertEquals(6, r.nodes().wentNotReady());
        assertEquals(0, r.nodes().taintedNoExecute());
        assertTrue(hasTaint(node(sim, "n-5"), PodAdmission.TAINT_UNREACHABLE, TaintEffect.NO_SCHEDULE));
    }

    @Test
    @DisplayName("k8s-semantics.md 7: PartialDisruption in a zone larger than 50 nodes taints at the secondary rate "
            + "0.01/s")
    void partialDisruptionLargeZone() {
        List<String> failed = new ArrayList<>();
        for (int i = 21; i <= 60; i++) {
            failed.add("n-" + i);
        }
        ClusterSimulation sim = simulation(List.of(pool("n", 60, List.of("a"), List.of()),
                        pool("m", 2, List.of("b"), List.of())), List.of(),
                List.of(fail(120, failed.toArray(String[]::new))), NodeLifecycleConfig.DEFAULT);
        runTo(sim, 400);
        assertEquals(List.of(SimTime.seconds(175), SimTime.seconds(275), SimTime.seconds(375)),
                taintTimes(sim.result()));
    }

    @Test
    @DisplayName("k8s-semantics.md 7: FullDisruption in every zone stops NoExecute tainting: the pods stay")
    void fullDisruptionEverywhere() {
        ClusterSimulation sim = simulation(List.of(pool("n", 3, List.of("a"), List.of())),
                List.of(pod("p", "n-1", List.of())),
                List.of(new TimelineAction.FailZone(SimTime.seconds(120), "a")), NodeLifecycleConfig.DEFAULT);
        runTo(sim, 1200);
        SimulationResult r = sim.result();
        assertEquals(3, r.nodes().wentNotReady());
        assertEquals(0, r.nodes().taintedNoExecute());
        assertFalse(pod(sim, "p").metadata().isDeleting(), "no NoExecute taint, no eviction");
        assertEquals(3, r.nodes().notReadyAtEnd());
        assertTrue(r.eventsProcessed() < 2000, "the tainting queue does not spin at rate 0: " + r.eventsProcessed());
    }

    @Test
    @DisplayName("k8s-semantics.md 7: one zone fully disrupted while another is healthy: tainting goes on at the "
            + "normal rate")
    void oneZoneDownOthersHealthy() {
        ClusterSimulation sim = simulation(List.of(pool("n", 6, List.of("a", "b"), List.of())),
                List.of(pod("p", "n-1", List.of())),
                List.of(new TimelineAction.FailZone(SimTime.seconds(120), "a")), NodeLifecycleConfig.DEFAULT);
        runTo(sim, 1200);
        SimulationResult r = sim.result();
        assertEquals(List.of(SimTime.seconds(175), SimTime.seconds(185), SimTime.seconds(195)), taintTimes(r));
        assertEquals(List.of("n-1", "n-3", "n-5"), r.nodes().failures().stream()
                .map(SimulationResult.NodeFailure::node).toList(), "zone a: the odd nodes (round-robin)");
        assertTrue(pod(sim, "p").metadata().isDeleting(), "evicted 300 s after its node's taint");
    }

    @Test
    @DisplayName("recovery: the kubelet renews and posts Ready again; the next monitor pass takes the unreachable taints "
            + "off, which cancels pending taint evictions; pods deleted meanwhile are cleaned up, the others restart")
    void recovery() {
        ClusterSimulation sim = simulation(List.of(pool("n", 3, List.of("a", "b", "c"), List.of())),
                List.of(pod("defaults", "n-3", List.of()), pod("short", "n-3", List.of(unreachableFor(60L)))),
                List.of(fail(120, "n-3"), new TimelineAction.RecoverNodes(SimTime.seconds(300), List.of("n-3"), "")),
                NodeLifecycleConfig.DEFAULT);
        runTo(sim, 299);
        assertTrue(pod(sim, "short").metadata().isDeleting(), "deleted at 235 s, Terminating on the dead node");
        runTo(sim, 300);
        Node n = node(sim, "n-3");
        assertTrue(n.isReady());
        assertEquals("KubeletReady", n.condition(NodeCondition.READY).reason());
        assertEquals("Node n-3 status is now: NodeReady", events(sim, "NodeReady").get(0).message());
        assertTrue(n.taints().isEmpty(), "the pass at 300 s took both unreachable taints off: " + n.taints());
        runTo(sim, 310);
        assertNull(pod(sim, "short"), "the returning kubelet removed the pod deleted meanwhile");
        assertTrue(pod(sim, "defaults").isReady(), "restarted on the returning node");
        runTo(sim, 1200);
        assertFalse(pod(sim, "defaults").metadata().isDeleting(), "its eviction (due at 475 s) was cancelled");
        assertTrue(events(sim, "TaintManagerEviction").stream()
                .anyMatch(e -> e.message().equals("Cancelling deletion of Pod default/defaults")));
        SimulationResult.NodeFailure f = sim.result().nodes().failures().get(0);
        assertEquals(List.of(SimTime.seconds(120), SimTime.seconds(175), SimTime.seconds(175), SimTime.seconds(300)),
                List.of(f.failedAt(), f.notReadyAt(), f.taintedAt(), f.recoveredAt()));
        assertEquals(0, sim.result().nodes().notReadyAtEnd());
    }

    @Test
    @DisplayName("failNodes by pool takes the newest nodes still up")
    void failNodesByPool() {
        ClusterSimulation sim = simulation(List.of(pool("n", 4, List.of("a"), List.of())), List.of(),
                List.of(new TimelineAction.FailNodes(SimTime.seconds(60), "n", 2, List.of()),
                        new TimelineAction.FailNodes(SimTime.seconds(70), "n", 1, List.of())),
                NodeLifecycleConfig.DEFAULT);
        runTo(sim, 100);
        assertEquals(List.of("n-3", "n-4", "n-2"), sim.result().nodes().failures().stream()
                .map(SimulationResult.NodeFailure::node).toList(), "n-4 and n-3 at 60 s (listed in node order), n-2 at 70 s");
    }

    @Test
    @DisplayName("k8s-semantics.md 7: a node that never reported gets node-startup-grace-period (60 s) and "
            + "NodeStatusNeverUpdated")
    void startupGracePeriod() {
        ClusterSimulation sim = simulation(List.of(pool("n", 3, List.of("a", "b", "c"), List.of())), List.of(),
                List.of(fail(0, "n-3")), NodeLifecycleConfig.DEFAULT);
        runTo(sim, 60);
        assertTrue(node(sim, "n-3").isReady(), "the pass at 60 s: 0 + 60 is not before 60");
        runTo(sim, 65);
        Node n = node(sim, "n-3");
        assertEquals(ConditionStatus.UNKNOWN, n.condition(NodeCondition.READY).status());
        assertEquals("NodeStatusNeverUpdated", n.condition(NodeCondition.READY).reason());
        assertEquals("Kubelet never posted node status.", n.condition(NodeCondition.READY).message());
    }
}
