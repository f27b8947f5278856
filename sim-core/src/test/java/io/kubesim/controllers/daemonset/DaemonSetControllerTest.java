package io.kubesim.controllers.daemonset;

import static io.kubesim.controllers.daemonset.DaemonSets.daemonSet;
import static io.kubesim.controllers.daemonset.DaemonSets.podsOf;
import static io.kubesim.controllers.daemonset.DaemonSets.pool;
import static io.kubesim.controllers.daemonset.DaemonSets.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Manifest;
import io.kubesim.api.Resources;
import io.kubesim.api.Taint;
import io.kubesim.api.TaintEffect;
import io.kubesim.api.Toleration;
import io.kubesim.cluster.DaemonSet;
import io.kubesim.cluster.Pod;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.ClusterEvent;
import io.kubesim.metrics.WorkloadStatus;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.NodePool;
import io.kubesim.sim.TimelineAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The DaemonSet controller end to end, with the real scheduler and kubelets (k8s-semantics.md 12). */
class DaemonSetControllerTest {
    private static final long ROLLOUT_AT = SimTime.seconds(60);

    private static List<ClusterEvent> events(ClusterSimulation sim, String reason) {
        return sim.events().events().stream().filter(e -> e.reason().equals(reason)).toList();
    }

    private static NodePool tainted(Taint t) {
        return new NodePool("t", 1, Resources.of(4000, 16L << 30), 110, Map.of(), List.of(t), List.of());
    }

    private static Taint taint(String key, TaintEffect effect) {
        return new Taint(key, "", effect);
    }

    static Stream<Arguments> taints() {
        Toleration dedicated = new Toleration("dedicated", true, "", TaintEffect.NO_SCHEDULE, null);
        return Stream.of(
                Arguments.of("a custom NoSchedule taint keeps the pod off (12.2)",
                        taint("dedicated", TaintEffect.NO_SCHEDULE), daemonSet("agent"), false),
                Arguments.of("unless the template tolerates it (12.2)",
                        taint("dedicated", TaintEffect.NO_SCHEDULE), daemonSet("agent").tolerating(dedicated), true),
                Arguments.of("a custom NoExecute taint keeps the pod off (12.2)",
                        taint("dedicated", TaintEffect.NO_EXECUTE), daemonSet("agent"), false),
                Arguments.of("PreferNoSchedule is ignored (12.2)",
                        taint("dedicated", TaintEffect.PREFER_NO_SCHEDULE), daemonSet("agent"), true),
                Arguments.of("a cordoned node still gets one (12.3 unschedulable)",
                        taint(DaemonPodTolerations.UNSCHEDULABLE, TaintEffect.NO_SCHEDULE), daemonSet("agent"), true),
                Arguments.of("a not-ready node still gets one (12.3)",
                        taint(DaemonPodTolerations.NOT_READY, TaintEffect.NO_EXECUTE), daemonSet("agent"), true),
                Arguments.of("an unreachable node still gets one (12.3)",
                        taint(DaemonPodTolerations.UNREACHABLE, TaintEffect.NO_EXECUTE), daemonSet("agent"), true),
                Arguments.of("a memory-pressure node still gets one (12.3)",
                        taint(DaemonPodTolerations.MEMORY_PRESSURE, TaintEffect.NO_SCHEDULE), daemonSet("agent"), true),
                Arguments.of("network-unavailable keeps a pod-network pod off (12.3)",
                        taint(DaemonPodTolerations.NETWORK_UNAVAILABLE, TaintEffect.NO_SCHEDULE), daemonSet("agent"),
                        false),
                Arguments.of("but not a hostNetwork pod (12.3)",
                        taint(DaemonPodTolerations.NETWORK_UNAVAILABLE, TaintEffect.NO_SCHEDULE),
                        daemonSet("agent").hostNetwork(), true),
                Arguments.of("the control-plane taint needs an explicit toleration (12.3)",
                        taint("node-role.kubernetes.io/control-plane", TaintEffect.NO_SCHEDULE), daemonSet("agent"),
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("taints")
    @DisplayName("12.2, 12.3: taints against the template's tolerations plus the ones the controller adds")
    void placementByTaints(String name, Taint taint, DaemonSets ds, boolean runs) {
        ClusterSimulation sim = run(List.of(pool("a", 2), tainted(taint)), List.of(ds.build()), List.of(),
                SimTime.seconds(30));
        List<Pod> onTainted = podsOf(sim, "agent").stream().filter(p -> "t-1".equals(DaemonPods.targetNode(p))).toList();
        assertEquals(runs ? 1 : 0, onTainted.size());
        DaemonSet.Status s = sim.store().daemonSets().get("default", "agent").status();
        assertEquals(runs ? 3 : 2, s.desiredNumberScheduled());
        assertEquals(s.desiredNumberScheduled(), s.currentNumberScheduled());
        if (runs) {
            assertEquals("t-1", onTainted.get(0).nodeName(), "the scheduler bound it to its node (12.4)");
        }
    }

    @Test
    @DisplayName("12.4: each pod is pinned to its node by matchFields metadata.name and bound there by the scheduler")
    void pinnedByNodeNameAffinity() {
        ClusterSimulation sim = run(List.of(pool("a", 3)), List.of(daemonSet("agent").build()), List.of(),
                SimTime.seconds(30));
        List<Pod> pods = podsOf(sim, "agent");
        assertEquals(3, pods.size());
        List<String> nodes = new ArrayList<>();
        for (Pod p : pods) {
            var term = p.spec().affinity().nodeAffinity().required().get(0);
            assertEquals(DaemonPods.NODE_NAME_FIELD, term.matchFields().get(0).key());
            assertEquals(List.of(p.nodeName()), term.matchFields().get(0).values());
            assertTrue(p.spec().nodeName().isEmpty(), "the controller does not set nodeName");
            assertTrue(p.isReady());
            nodes.add(p.nodeName());
        }
        assertEquals(List.of("a-1", "a-2", "a-3"), nodes.stream().sorted().toList());
        DaemonSet.Status s = sim.store().daemonSets().get("default", "agent").status();
        assertEquals(new DaemonSet.Status(3, 3, 0, 3, 3, 3, 0, 1), s);
        assertEquals(3, events(sim, "SuccessfulCreate").size());
        assertTrue(events(sim, "SuccessfulCreate").get(0).message().startsWith("Created pod: agent-"));
    }

    @Test
    @DisplayName("12.2: nodeSelector: only the matching pool's nodes are desired")
    void nodeSelector() {
        NodePool ssd = new NodePool("ssd", 2, Resources.of(4000, 16L << 30), 110, Map.of("disk", "ssd"), List.of(),
                List.of());
        ClusterSimulation sim = run(List.of(pool("a", 3), ssd), List.of(daemonSet("agent").nodeSelector("disk", "ssd")
                .build()), List.of(), SimTime.seconds(30));
        assertEquals(List.of("ssd-1", "ssd-2"), podsOf(sim, "agent").stream().map(Pod::nodeName).sorted().toList());
        assertEquals(2, sim.store().daemonSets().get("default", "agent").status().desiredNumberScheduled());
    }

    @Test
    @DisplayName("12.5: a node added at 60 s gets its pod in the same instant; a removed node's pod goes with it")
    void nodesComeAndGo() {
        ClusterSimulation sim = run(List.of(pool("a", 2)), List.of(daemonSet("agent").build()),
                List.of(new TimelineAction.AddNodes(SimTime.seconds(60), "a", 1),
                        new TimelineAction.RemoveNodes(SimTime.seconds(120), "", 0, List.of("a-1"))),
                SimTime.minutes(4));
        List<ClusterEvent> created = events(sim, "SuccessfulCreate");
        assertEquals(3, created.size());
        assertEquals(SimTime.seconds(60), created.get(2).time(), "within one sync of the node appearing");
        List<Pod> pods = podsOf(sim, "agent");
        assertEquals(List.of("a-2", "a-3"), pods.stream().map(Pod::nodeName).sorted().toList(),
                "pod GC removed the pod of the deleted node");
        DaemonSet.Status s = sim.store().daemonSets().get("default", "agent").status();
        assertEquals(2, s.desiredNumberScheduled());
        assertEquals(2, s.numberAvailable());
    }

    @Test
    @DisplayName("12.5: a node pool upgrade: each surge node gets its pod when it appears, each removed node's pod goes with it")
    void nodePoolUpgrade() {
        ClusterSimulation sim = run(List.of(pool("a", 3)), List.of(daemonSet("agent").build()),
                List.of(new TimelineAction.Upgrade(SimTime.seconds(30), "a", 1, 0, SimTime.minutes(10), null)),
                SimTime.minutes(15));
        List<String> nodes = sim.store().nodes().list().stream().map(n -> n.name()).sorted().toList();
        assertEquals(3, nodes.size());
        assertTrue(nodes.stream().noneMatch(n -> n.equals("a-1") || n.equals("a-2") || n.equals("a-3")),
                "every old node replaced: " + nodes);
        assertEquals(nodes, podsOf(sim, "agent").stream().map(Pod::nodeName).sorted().toList(),
                "one pod on each new node, none left of the old ones");
        for (var n : sim.store().nodes().list()) {
            long created = n.metadata().creationTimestamp();
            assertTrue(events(sim, "SuccessfulCreate").stream().anyMatch(e -> e.time() == created),
                    n.name() + " got its pod the instant it appeared");
        }
        DaemonSet.Status s = sim.store().daemonSets().get("default", "agent").status();
        assertEquals(3, s.desiredNumberScheduled());
        assertEquals(3, s.numberAvailable());
    }

    @Test
    @DisplayName("12.2: a NoSchedule taint added later keeps the running pod (misscheduled); a NoExecute taint removes it")
    void taintsAddedLater() {
        ClusterSimulation sim = run(List.of(pool("a", 2)), List.of(daemonSet("agent").build()), List.of(),
                SimTime.seconds(30));
        io.kubesim.cluster.Node a1 = sim.store().nodes().get("a-1");
        a1.addTaint(taint("dedicated", TaintEffect.NO_SCHEDULE));
        sim.store().nodes().update(a1);
        sim.run(SimTime.seconds(60));
        DaemonSet.Status s = sim.store().daemonSets().get("default", "agent").status();
        assertEquals(2, podsOf(sim, "agent").size(), "shouldContinueRunning: the pod stays");
        assertEquals(1, s.desiredNumberScheduled());
        assertEquals(1, s.numberMisscheduled());
        a1.addTaint(taint("evict", TaintEffect.NO_EXECUTE));
        sim.store().nodes().update(a1);
        sim.run(SimTime.seconds(90));
        assertEquals(List.of("a-2"), podsOf(sim, "agent").stream().map(Pod::nodeName).toList());
        assertEquals(0, sim.store().daemonSets().get("default", "agent").status().numberMisscheduled());
    }

    @Test
    @DisplayName("12.5: a failed daemon pod is deleted (FailedDaemonPod) and replaced on its node")
    void failedPodReplaced() {
        ClusterSimulation sim = run(List.of(pool("a", 2)), List.of(daemonSet("agent").build()), List.of(),
                SimTime.seconds(30));
        Pod failed = podsOf(sim, "agent").get(0);
        failed.setPhase(io.kubesim.cluster.PodPhase.FAILED);
        sim.store().pods().update(failed);
        sim.run(SimTime.seconds(60));
        ClusterEvent e = events(sim, "FailedDaemonPod").get(0);
        assertEquals("Found failed daemon pod default/" + failed.name() + " on node " + failed.nodeName()
                + ", will try to kill it", e.message());
        assertFalse(sim.store().pods().contains(failed));
        List<Pod> pods = podsOf(sim, "agent");
        assertEquals(2, pods.size());
        assertTrue(pods.stream().anyMatch(p -> p.nodeName().equals(failed.nodeName()) && p != failed),
                "the replacement is created for the same node and bound there");
    }

    /** Times of the DaemonSet's SuccessfulDelete events, and of its SuccessfulCreate events after the rollout. */
    private static List<Long> times(ClusterSimulation sim, String reason) {
        return events(sim, reason).stream().map(ClusterEvent::time).filter(t -> t >= ROLLOUT_AT).toList();
    }

    /** The reasons of the controller's create and delete events after the rollout, in order. */
    private static List<String> sequence(ClusterSimulation sim) {
        return sim.events().events().stream().filter(e -> e.time() >= ROLLOUT_AT)
                .map(ClusterEvent::reason)
                .filter(r -> r.equals("SuccessfulCreate") || r.equals("SuccessfulDelete")).toList();
    }

    private static TimelineAction rollout() {
        return new TimelineAction.RolloutDaemonSet(ROLLOUT_AT, "agent", Map.of("agent", "agent:2"));
    }

    @Test
    @DisplayName("12.6: maxUnavailable 1 (the default): delete-then-create, one node at a time")
    void rollingUpdateOneAtATime() {
        ClusterSimulation sim = run(List.of(pool("a", 4)), List.of(daemonSet("agent").build()), List.of(rollout()),
                SimTime.minutes(5));
        List<Long> deletes = times(sim, "SuccessfulDelete");
        List<Long> creates = times(sim, "SuccessfulCreate");
        assertEquals(4, deletes.size());
        assertEquals(4, creates.size());
        assertEquals(ROLLOUT_AT, deletes.get(0), "the first old pod goes at once");
        assertEquals(List.of("SuccessfulDelete", "SuccessfulCreate", "SuccessfulDelete", "SuccessfulCreate",
                "SuccessfulDelete", "SuccessfulCreate", "SuccessfulDelete", "SuccessfulCreate"), sequence(sim),
                "delete, then create, node by node");
        for (int i = 1; i < 4; i++) {
            assertTrue(deletes.get(i) > creates.get(i - 1), "node " + i + " waits for the previous new pod");
            assertTrue(deletes.get(i) - deletes.get(i - 1) >= SimTime.seconds(10),
                    "... to start (10 s) and become available");
        }
        DaemonSet.Status s = sim.store().daemonSets().get("default", "agent").status();
        assertEquals(4, s.updatedNumberScheduled());
        assertEquals(4, s.numberAvailable());
        for (Pod p : podsOf(sim, "agent")) {
            assertEquals("agent:2", p.spec().containers().get(0).image());
        }
        WorkloadStatus stats = daemonSetStatus(sim);
        assertEquals(3, stats.minAvailable(), "maxUnavailable 1: never more than one node without an available pod");
        assertEquals(List.of(new WorkloadStatus.Rollout(ROLLOUT_AT, stats.rollouts().get(0).end())), stats.rollouts());
        assertTrue(stats.rollouts().get(0).end() > creates.get(3), "the rollout ends once the last new pod is available");
    }

    @Test
    @DisplayName("12.6: maxUnavailable 2: two nodes at a time")
    void rollingUpdateTwoAtATime() {
        ClusterSimulation sim = run(List.of(pool("a", 4)), List.of(daemonSet("agent").maxUnavailable(2).build()),
                List.of(rollout()), SimTime.minutes(5));
        List<Long> deletes = times(sim, "SuccessfulDelete");
        assertEquals(List.of(ROLLOUT_AT, ROLLOUT_AT), deletes.subList(0, 2));
        assertTrue(deletes.get(2) > ROLLOUT_AT);
        assertEquals(2, daemonSetStatus(sim).minAvailable());
    }

    @Test
    @DisplayName("12.6: maxSurge 1: create-then-delete, the old pod goes once the new one is available; never below desired")
    void rollingUpdateWithSurge() {
        ClusterSimulation sim = run(List.of(pool("a", 3)), List.of(daemonSet("agent").maxSurge(1).build()),
                List.of(rollout()), SimTime.minutes(5));
        List<Long> deletes = times(sim, "SuccessfulDelete");
        List<Long> creates = times(sim, "SuccessfulCreate");
        assertEquals(3, deletes.size());
        assertEquals(3, creates.size());
        assertEquals(ROLLOUT_AT, creates.get(0), "the first new pod starts beside the old one");
        assertEquals(List.of("SuccessfulCreate", "SuccessfulDelete", "SuccessfulCreate", "SuccessfulDelete",
                "SuccessfulCreate", "SuccessfulDelete"), sequence(sim), "create, then delete, node by node");
        for (int i = 0; i < 3; i++) {
            assertTrue(deletes.get(i) >= creates.get(i) + SimTime.seconds(10), "old pod " + i
                    + " goes after its replacement started and became available");
            if (i > 0) {
                assertTrue(creates.get(i) >= deletes.get(i - 1), "one surge pod at a time");
            }
        }
        assertEquals(3, daemonSetStatus(sim).minAvailable(), "no node lost its agent");
        assertEquals(3, sim.store().daemonSets().get("default", "agent").status().updatedNumberScheduled());
    }

    @Test
    @DisplayName("12.6: OnDelete: nothing is replaced until a pod is deleted; its replacement has the new template")
    void onDelete() {
        List<Manifest> manifests = List.of(daemonSet("agent").onDelete().build());
        ClusterSimulation sim = run(List.of(pool("a", 2)), manifests, List.of(rollout()), SimTime.minutes(2));
        assertTrue(times(sim, "SuccessfulDelete").isEmpty());
        DaemonSet ds = sim.store().daemonSets().get("default", "agent");
        assertEquals(0, ds.status().updatedNumberScheduled());
        assertEquals(2, ds.status().numberAvailable());
        Pod victim = podsOf(sim, "agent").get(0);
        String node = victim.nodeName();
        String oldHash = victim.metadata().labels().get(DaemonSet.LABEL_CONTROLLER_REVISION_HASH);
        sim.store().deletePod(victim, 0L);
        sim.run(SimTime.minutes(3));
        Pod replacement = podsOf(sim, "agent").stream().filter(p -> p.nodeName().equals(node)).findFirst().orElseThrow();
        assertNotEquals(oldHash, replacement.metadata().labels().get(DaemonSet.LABEL_CONTROLLER_REVISION_HASH));
        assertEquals("agent:2", replacement.spec().containers().get(0).image());
        assertEquals(1, ds.status().updatedNumberScheduled());
    }

    @Test
    @DisplayName("12.5: a pod that does not fit waits Pending on its own node; the controller does not check resources")
    void resourcesAreTheSchedulersBusiness() {
        ClusterSimulation sim = run(List.of(pool("a", 3)), List.of(daemonSet("agent").cpu(5000).build()), List.of(),
                SimTime.seconds(30));
        List<Pod> pods = podsOf(sim, "agent");
        assertEquals(3, pods.size());
        assertFalse(pods.get(0).isBound());
        DaemonSet.Status s = sim.store().daemonSets().get("default", "agent").status();
        assertEquals(3, s.desiredNumberScheduled());
        assertEquals(3, s.currentNumberScheduled(), "a pod waiting for its node counts as scheduled to it");
        assertEquals(0, s.numberReady());
        assertEquals("0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector. "
                + "preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is "
                + "not helpful for scheduling.", events(sim, "FailedScheduling").get(0).message(),
                "3.7: the other nodes fail the node-name affinity (12.4)");
    }

    @Test
    @DisplayName("same seed, same events: two runs of a rollout are identical")
    void deterministic() {
        List<Manifest> manifests = List.of(daemonSet("agent").build(), daemonSet("exporter").maxSurge(1).build());
        List<TimelineAction> timeline = List.of(rollout(), new TimelineAction.AddNodes(SimTime.seconds(90), "a", 2));
        List<String> a = run(List.of(pool("a", 5)), manifests, timeline, SimTime.minutes(4)).events().events().stream()
                .map(ClusterEvent::toString).toList();
        List<String> b = run(List.of(pool("a", 5)), manifests, timeline, SimTime.minutes(4)).events().events().stream()
                .map(ClusterEvent::toString).toList();
        assertEquals(a, b);
    }

    /** The DaemonSet's entry in the run's workloads section (there is one DaemonSet). */
    private static WorkloadStatus daemonSetStatus(ClusterSimulation sim) {
        return sim.result().workloads().stream().filter(w -> w.kind().equals("DaemonSet")).findFirst().orElseThrow();
    }
}
