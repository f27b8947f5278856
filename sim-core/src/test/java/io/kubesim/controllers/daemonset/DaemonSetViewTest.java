package io.kubesim.controllers.daemonset;

import static io.kubesim.controllers.daemonset.DaemonSets.daemonSet;
import static io.kubesim.controllers.daemonset.DaemonSets.podsOf;
import static io.kubesim.controllers.daemonset.DaemonSets.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.PodSpec;
import io.kubesim.api.Taint;
import io.kubesim.api.TaintEffect;
import io.kubesim.app.ApplicationModel;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.DaemonSet;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodPhase;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.sim.TimelineAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The controller keeps each DaemonSet's answers, pods and counts incrementally and syncs only the
 * nodes that changed; the status it writes must still be what updateDaemonSetStatus computes from
 * the whole store (k8s-semantics.md 12.5), whatever happens to nodes and pods in between.
 */
class DaemonSetViewTest {

    /** updateDaemonSetStatus read directly off the store: every node judged, every pod grouped (12.2, 12.5). */
    private static DaemonSet.Status fromStore(ClusterStore store, DaemonSet ds) {
        PodSpec judged = DaemonPods.withTolerations(ds);
        String hash = DaemonSetHistory.hash(ds.template());
        int desired = 0;
        int current = 0;
        int misscheduled = 0;
        int ready = 0;
        int updated = 0;
        int available = 0;
        for (Node n : store.nodes().list()) {
            List<Pod> pods = new ArrayList<>();
            for (Pod p : store.podsByOwner().get(ds.metadata().uid())) {
                if (!(p.isTerminal() && p.metadata().isDeleting()) && n.name().equals(DaemonPods.targetNode(p))) {
                    pods.add(p);
                }
            }
            if (!NodeEligibility.of(judged, n).shouldRun()) {
                misscheduled += pods.isEmpty() ? 0 : 1;
                continue;
            }
            desired++;
            if (pods.isEmpty()) {
                continue;
            }
            current++;
            Pod oldest = pods.stream().min(DaemonSetController.OLDEST_FIRST).orElseThrow();
            ready += oldest.isReady() ? 1 : 0;
            available += oldest.isAvailable(ds.minReadySeconds(), store.now()) ? 1 : 0;
            updated += hash.equals(oldest.metadata().labels().get(DaemonSet.LABEL_CONTROLLER_REVISION_HASH)) ? 1 : 0;
        }
        return new DaemonSet.Status(desired, current, misscheduled, ready, updated, available, desired - available,
                ds.metadata().generation());
    }

    static Stream<Arguments> churn() {
        long min = SimTime.minutes(1);
        return Stream.of(
                Arguments.of("rolling update, maxUnavailable 1", daemonSet("agent")),
                Arguments.of("rolling update with surge and minReadySeconds 20", daemonSet("agent").maxSurge(1)
                        .minReadySeconds(20)),
                Arguments.of("OnDelete", daemonSet("agent").onDelete()),
                Arguments.of("a nodeSelector", daemonSet("agent").nodeSelector(Node.LABEL_HOSTNAME, "a-2")))
                .map(a -> Arguments.of(a.get()[0], a.get()[1], List.of(
                        new TimelineAction.AddNodes(min, "a", 2),
                        new TimelineAction.RolloutDaemonSet(2 * min, "agent", Map.of("agent", "agent:2")),
                        new TimelineAction.RemoveNodes(3 * min, "", 0, List.of("a-1")),
                        new TimelineAction.FailNodes(4 * min, "", 0, List.of("a-3")),
                        new TimelineAction.AddNodes(5 * min, "a", 1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("churn")
    void everyStatusWrittenEqualsAFullReadingOfTheStore(String name, DaemonSets agent, List<TimelineAction> timeline) {
        ApplicationModel app = ApplicationModel.DEFAULT.withStartupTime(
                new DurationDistribution.Constant(SimTime.seconds(10)));
        ClusterSimulation sim = new ClusterSimulation(new SimulationSpec("daemonset", 1, SimTime.minutes(12),
                SimTime.seconds(1), List.of(pool("a", 4)), List.of(agent.build()), Map.of(), app, timeline),
                ClusterSimulation.Options.IN_MEMORY);
        List<String> writes = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        sim.store().daemonSets().observe((type, ds) -> {
            if (ds.status().observedGeneration() != ds.metadata().generation()) {
                return; // the rollout's spec write, not a status write
            }
            DaemonSet.Status expected = fromStore(sim.store(), ds);
            writes.add(SimTime.format(sim.store().now()));
            if (!expected.equals(ds.status())) {
                wrong.add("at " + SimTime.format(sim.store().now()) + ": " + ds.status() + ", expected " + expected);
            }
        });
        sim.run(SimTime.seconds(150));
        // outside the timeline: a pod fails, and a node gets a NoSchedule taint (its pod stays, misscheduled)
        Pod failed = podsOf(sim, "agent").get(0);
        failed.setPhase(PodPhase.FAILED);
        sim.store().pods().update(failed);
        Node a2 = sim.store().nodes().get("a-2");
        a2.addTaint(new Taint("dedicated", "", TaintEffect.NO_SCHEDULE));
        sim.store().nodes().update(a2);
        sim.run(SimTime.minutes(12));
        assertEquals(List.of(), wrong);
        assertTrue(writes.size() >= 6, "the DaemonSet's status was written through the churn: " + writes);
    }
}
