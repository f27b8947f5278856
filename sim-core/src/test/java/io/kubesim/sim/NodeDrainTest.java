package io.kubesim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Container;
import io.kubesim.api.DeploymentStrategy;
import io.kubesim.api.IntOrPercent;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodSpec;
import io.kubesim.api.PodTemplate;
import io.kubesim.api.Probe;
import io.kubesim.api.Resources;
import io.kubesim.app.ApplicationModel;
import io.kubesim.cluster.Node;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.ClusterEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * kubectl drain and node pool upgrades end to end (k8s-semantics.md 6.3): three replicas start on
 * the only node of pool {@code a}; a node of pool {@code b} joins at 60 s and {@code a-1} is
 * drained at 90 s.
 */
class NodeDrainTest {
    private static final long DRAIN_AT = SimTime.seconds(90);

    private static Manifest.DeploymentManifest web() {
        Probe readiness = new Probe("httpGet :8080/ready", 0, 2, 1, 1, 3, null);
        Container c = new Container("web", "web:1", Resources.of(100, 64L << 20), Resources.NONE, List.of(), null,
                readiness, null, null, false);
        PodTemplate t = new PodTemplate(Map.of("app", "web"), Map.of(), PodSpec.of(List.of(c)));
        return new Manifest.DeploymentManifest("default", "web", Map.of(), Map.of(),
                LabelSelector.of(Map.of("app", "web")), t, 3, DeploymentStrategy.DEFAULT_ROLLING, 0, 10, 600, false,
                Manifest.Origin.UNKNOWN);
    }

    private static Manifest.PodDisruptionBudgetManifest minAvailable(int n) {
        return new Manifest.PodDisruptionBudgetManifest("default", "web", Map.of(), LabelSelector.of(Map.of("app", "web")),
                IntOrPercent.ofInt(n), null, false, Manifest.Origin.UNKNOWN);
    }

    private static ClusterSimulation run(List<Manifest> manifests, List<TimelineAction> extra, long duration) {
        NodePool a = new NodePool("a", 1, Resources.of(8000, 32L << 30), 110, Map.of(), List.of(), List.of());
        NodePool b = new NodePool("b", 0, Resources.of(8000, 32L << 30), 110, Map.of(), List.of(), List.of(),
                SimTime.seconds(30));
        ApplicationModel app = ApplicationModel.DEFAULT.withStartupTime(
                new io.kubesim.engine.DurationDistribution.Constant(SimTime.seconds(10)));
        List<TimelineAction> timeline = new ArrayList<>();
        timeline.add(new TimelineAction.AddNodes(SimTime.seconds(60), "b", 1));
        timeline.addAll(extra);
        SimulationSpec spec = new SimulationSpec("drain", 1, duration, SimTime.seconds(1), List.of(a, b), manifests,
                Map.of("web", app), ApplicationModel.DEFAULT, timeline);
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(duration);
        return sim;
    }

    private static TimelineAction.Drain drain(long timeout) {
        return new TimelineAction.Drain(DRAIN_AT, "a-1", timeout, null, false);
    }

    private static List<ClusterEvent> events(ClusterSimulation sim, String reason) {
        return sim.events().events().stream().filter(e -> e.reason().equals(reason)).toList();
    }

    @Test
    @DisplayName("6.3: no budget: cordon, every pod evicted at once, the drain ends when the last pod is gone")
    void drainWithoutBudget() {
        ClusterSimulation sim = run(List.of(web()), List.of(drain(0)), SimTime.minutes(4));
        DrainRecord d = sim.result().drains().get(0);
        assertEquals(DRAIN_AT, d.start());
        assertTrue(d.completed());
        assertEquals(0, d.evictionsBlocked());
        Node a1 = sim.store().nodes().get("a-1");
        assertTrue(a1.unschedulable(), "the drained node stays cordoned");
        assertEquals(0, sim.store().podsByNode().get("a-1").size());
        List<ClusterEvent> evicting = events(sim, "Evicting");
        assertEquals(3, evicting.size());
        evicting.forEach(e -> assertEquals(DRAIN_AT, e.time(), "kubectl evicts in parallel"));
        assertTrue(d.end() - d.start() < SimTime.seconds(5), "the app exits on SIGTERM at once; seen by a 1 s poll");
        assertEquals(0, (d.end() - d.start()) % SimTime.seconds(1), "kubectl notices a pod is gone on its 1 s poll");
    }

    @Test
    @DisplayName("6.3: with minAvailable 2 of 3, refused evictions are retried every 5 s until the budget allows them")
    void drainRetriesEveryFiveSeconds() {
        ClusterSimulation sim = run(List.of(web(), minAvailable(2)), List.of(drain(0)), SimTime.minutes(6));
        DrainRecord d = sim.result().drains().get(0);
        assertTrue(d.completed(), "replacements become Ready on b-1, so the budget lets the next pod go");
        assertTrue(d.evictionsBlocked() > 0);
        assertEquals(d.evictionsBlocked(), sim.result().evictionsBlocked());
        List<ClusterEvent> blocked = events(sim, "EvictionBlocked");
        assertEquals(d.evictionsBlocked(), blocked.size());
        assertTrue(blocked.get(0).message().contains("(will retry after 5s): Cannot evict pod as it would violate the "
                + "pod's disruption budget."), blocked.get(0).message());
        String pod = blocked.get(0).object();
        List<Long> times = blocked.stream().filter(e -> e.object().equals(pod)).map(ClusterEvent::time).toList();
        for (int i = 1; i < times.size(); i++) {
            assertEquals(SimTime.seconds(5), times.get(i) - times.get(i - 1), "kubectl retries a 429 after 5 s");
        }
        long withoutBudget = run(List.of(web()), List.of(drain(0)), SimTime.minutes(6)).result().drains().get(0).end();
        assertTrue(d.end() > withoutBudget, "waiting for the budget makes the drain longer");
    }

    @Test
    @DisplayName("6.3: a budget that never allows a disruption: the drain gives up at its timeout and the node stays cordoned")
    void drainTimeout() {
        ClusterSimulation sim = run(List.of(web(), minAvailable(3)), List.of(drain(SimTime.seconds(30))),
                SimTime.minutes(4));
        DrainRecord d = sim.result().drains().get(0);
        assertEquals(-1, d.end());
        assertEquals("drain did not complete within 30s", d.error());
        assertEquals(18, d.evictionsBlocked(), "3 pods refused at +0, +5, ... +25 s; the timeout at +30 s comes first");
        List<ClusterEvent> failed = events(sim, "DrainFailed");
        assertEquals(1, failed.size());
        assertEquals(DRAIN_AT + SimTime.seconds(30), failed.get(0).time());
        assertEquals(3, sim.store().podsByNode().get("a-1").size(), "no pod was evicted");
        ActionWindow window = sim.result().actions().get(1); // after the addNodes at 60 s
        assertTrue(window.settled(), "kubectl drain has exited with its error: the action's work is over");
        assertTrue(window.end() >= DRAIN_AT + SimTime.seconds(30), "not before the drain failed: " + window.end());
    }

    @Test
    @DisplayName("6.3: an unmanaged pod stops a drain without force, as kubectl refuses it; with force it is evicted")
    void unmanagedPodsNeedForce() {
        Container c = new Container("solo", "solo:1", Resources.of(100, 64L << 20), Resources.NONE, List.of(), null,
                null, null, null, false);
        Manifest.PodManifest solo = new Manifest.PodManifest("default", "solo", Map.of(), Map.of(),
                PodSpec.of(List.of(c)), Manifest.Origin.UNKNOWN);
        ClusterSimulation refused = run(List.of(web(), solo), List.of(drain(0)), SimTime.minutes(3));
        DrainRecord d = refused.result().drains().get(0);
        assertEquals(-1, d.end());
        assertEquals("cannot delete Pods that declare no controller (use --force to override): default/solo", d.error());
        assertTrue(refused.store().nodes().get("a-1").unschedulable(), "kubectl cordons before it lists the pods");
        assertEquals(4, refused.store().podsByNode().get("a-1").size());

        ClusterSimulation forced = run(List.of(web(), solo), List.of(new TimelineAction.Drain(DRAIN_AT, "a-1", 0, 0L,
                true)), SimTime.minutes(3));
        DrainRecord f = forced.result().drains().get(0);
        assertNull(f.error());
        assertTrue(f.completed());
        assertTrue(f.end() - f.start() < SimTime.seconds(5), "grace period 0 overrides the pods' 30 s");
    }

    @Test
    @DisplayName("upgrade, one node at a time: a surge node is created, Ready after the provisioning time, then the old one drained and deleted")
    void upgradeOneByOne() {
        NodePool a = new NodePool("a", 2, Resources.of(8000, 32L << 30), 110, Map.of(), List.of(), List.of(),
                SimTime.seconds(40));
        SimulationSpec spec = new SimulationSpec("upgrade", 1, SimTime.minutes(10), SimTime.seconds(1), List.of(a),
                List.of(web(), minAvailable(2)), Map.of(), ApplicationModel.DEFAULT,
                List.of(new TimelineAction.Upgrade(SimTime.seconds(60), "a", 1, 0, 0, null)));
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(spec.duration());
        List<DrainRecord> drains = sim.result().drains();
        assertEquals(List.of("a-1", "a-2"), drains.stream().map(DrainRecord::node).toList());
        assertEquals(SimTime.seconds(100), drains.get(0).start(), "the surge node is Ready 40 s after the upgrade starts");
        assertTrue(drains.get(1).start() >= drains.get(0).end() + SimTime.seconds(40), "one node at a time");
        drains.forEach(d -> assertTrue(d.completed()));
        List<String> nodes = sim.store().nodes().list().stream().map(Node::name).toList();
        assertEquals(List.of("a-3", "a-4"), nodes, "both old nodes replaced");
        assertEquals(3, sim.store().pods().list().stream().filter(p -> p.isReady()).count());
    }

    @Test
    @DisplayName("upgrade without surge (maxUnavailable 1): drain and delete first, the replacement after the provisioning time")
    void upgradeWithoutSurge() {
        NodePool a = new NodePool("a", 2, Resources.of(8000, 32L << 30), 110, Map.of(), List.of(), List.of(),
                SimTime.seconds(40));
        SimulationSpec spec = new SimulationSpec("upgrade", 1, SimTime.minutes(10), SimTime.seconds(1), List.of(a),
                List.of(web()), Map.of(), ApplicationModel.DEFAULT,
                List.of(new TimelineAction.Upgrade(SimTime.seconds(60), "a", 0, 1, 0, null)));
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(spec.duration());
        List<DrainRecord> drains = sim.result().drains();
        assertEquals(SimTime.seconds(60), drains.get(0).start(), "no surge node to wait for");
        assertTrue(drains.get(1).start() >= drains.get(0).end() + SimTime.seconds(40),
                "the next node waits for the replacement of the first");
        assertEquals(2, sim.store().nodes().size());
        assertTrue(sim.store().nodes().list().stream().noneMatch(n -> n.unschedulable()), "only new nodes remain");
    }

    @Test
    @DisplayName("upgrade: a drain blocked by a budget past drainTimeout ends with the node deleted anyway")
    void upgradeDrainTimeout() {
        NodePool a = new NodePool("a", 1, Resources.of(8000, 32L << 30), 110, Map.of(), List.of(), List.of(),
                SimTime.seconds(30));
        SimulationSpec spec = new SimulationSpec("upgrade", 1, SimTime.minutes(5), SimTime.seconds(1), List.of(a),
                List.of(web(), minAvailable(3)), Map.of(), ApplicationModel.DEFAULT,
                List.of(new TimelineAction.Upgrade(SimTime.seconds(60), "a", 1, 0, SimTime.seconds(60), null)));
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(spec.duration());
        DrainRecord d = sim.result().drains().get(0);
        assertEquals("drain did not complete within 1m0s", d.error());
        assertEquals(null, sim.store().nodes().get("a-1"), "deleted at the drain timeout");
        assertEquals(SimTime.seconds(150), events(sim, "RemovingNode").get(0).time(), "60 s + 30 s provisioning + 60 s");
    }
}
