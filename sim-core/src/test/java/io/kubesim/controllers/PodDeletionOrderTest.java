package io.kubesim.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Container;
import io.kubesim.api.PodSpec;
import io.kubesim.api.Resources;
import io.kubesim.cluster.ConditionStatus;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodPhase;
import io.kubesim.engine.SimTime;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ReplicaSet scale-down ranking of k8s-semantics.md 2.8, rule by rule. */
class PodDeletionOrderTest {
    private static final long NOW = SimTime.seconds(1000);
    private int uid;

    private Pod pod(String node, PodPhase phase, long readySince) {
        ObjectMeta m = new ObjectMeta("default", "p" + (++uid), String.format("uid-%03d", uid));
        m.setCreationTimestamp(0);
        Pod p = new Pod(m, PodSpec.of(List.of(Container.of("c", "i", Resources.NONE))), 0);
        if (node != null) {
            p.bind(node, 0);
        }
        p.setPhase(phase);
        if (readySince >= 0) {
            p.readyCondition().set(ConditionStatus.TRUE, "", "", readySince);
        }
        return p;
    }

    private static boolean deletedFirst(Pod a, Pod b, Map<Pod, Integer> ranks) {
        return new PodDeletionOrder(ranks, NOW).compare(a, b) < 0;
    }

    @Test
    void unassignedBeforeAssigned() {
        Pod unassigned = pod(null, PodPhase.PENDING, -1);
        Pod assigned = pod("n1", PodPhase.PENDING, -1);
        assertTrue(deletedFirst(unassigned, assigned, Map.of()));
        assertTrue(!deletedFirst(assigned, unassigned, Map.of()));
    }

    @Test
    void pendingBeforeRunningAndNotReadyBeforeReady() {
        Pod pending = pod("n1", PodPhase.PENDING, -1);
        Pod running = pod("n1", PodPhase.RUNNING, -1);
        Pod ready = pod("n1", PodPhase.RUNNING, SimTime.seconds(10));
        assertTrue(deletedFirst(pending, running, Map.of()));
        assertTrue(deletedFirst(running, ready, Map.of()));
    }

    @Test
    void lowerDeletionCostFirst() {
        Pod cheap = pod("n1", PodPhase.RUNNING, SimTime.seconds(10));
        Pod dear = pod("n1", PodPhase.RUNNING, SimTime.seconds(10));
        cheap.metadata().putAnnotation(PodDeletionOrder.ANNOTATION_DELETION_COST, "-5");
        dear.metadata().putAnnotation(PodDeletionOrder.ANNOTATION_DELETION_COST, "100");
        assertTrue(deletedFirst(cheap, dear, Map.of()));
    }

    @Test
    void doubledUpPodsFirst() {
        Pod crowded = pod("n1", PodPhase.RUNNING, SimTime.seconds(10));
        Pod alone = pod("n2", PodPhase.RUNNING, SimTime.seconds(10));
        Map<Pod, Integer> ranks = new IdentityHashMap<>();
        ranks.put(crowded, 3);
        ranks.put(alone, 1);
        assertTrue(deletedFirst(crowded, alone, ranks));
    }

    @Test
    void recentlyReadyFirstInLogarithmicBuckets() {
        // Ready 300 s ago (3e11 ns, bucket 38) versus 600 s ago (6e11 ns, bucket 39): the newer goes first.
        Pod newer = pod("n1", PodPhase.RUNNING, NOW - SimTime.seconds(300));
        Pod older = pod("n1", PodPhase.RUNNING, NOW - SimTime.seconds(600));
        assertTrue(deletedFirst(newer, older, Map.of()));
        PodDeletionOrder order = new PodDeletionOrder(Map.of(), NOW);
        assertEquals(38, order.logRank(NOW - SimTime.seconds(300)));
        assertEquals(39, order.logRank(NOW - SimTime.seconds(600)));
        // 40 s and 35 s ago are both in bucket 35 (2^35 ns = 34.4 s, 2^36 ns = 68.7 s): the uid decides.
        Pod a = pod("n1", PodPhase.RUNNING, NOW - SimTime.seconds(40));
        Pod b = pod("n1", PodPhase.RUNNING, NOW - SimTime.seconds(35));
        assertEquals(order.logRank(NOW - SimTime.seconds(40)), order.logRank(NOW - SimTime.seconds(35)));
        assertTrue(deletedFirst(a, b, Map.of()), "same bucket: lower uid first");
    }
}
