package io.kubesim.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.kubesim.testing.Fixtures.container;
import static io.kubesim.testing.Fixtures.pod;

import io.kubesim.api.Container;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PriorityClass;
import io.kubesim.cluster.QosClass;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** oom_score_adj by QoS class, k8s-semantics.md 4.4 "OOM score". */
class OomScoreTest {
    private static final long GI = 1L << 30;

    @Test
    @DisplayName("4.4: Guaranteed −997, BestEffort 1000, node-critical −997 whatever its QoS")
    void fixedAdjustments() {
        assertEquals(-997, OomScore.adjustment(QosClass.GUARANTEED, 0, GI, 16 * GI));
        assertEquals(1000, OomScore.adjustment(QosClass.BEST_EFFORT, 0, 0, 16 * GI));
        assertEquals(-997, OomScore.adjustment(QosClass.BURSTABLE, PriorityClass.SYSTEM_CRITICAL_PRIORITY + 1000,
                GI, 16 * GI), "system-node-critical");
    }

    @Test
    @DisplayName("4.4: Burstable is 1000 − 1000 × request / capacity by integer division")
    void burstableFormula() {
        // 1000 − 1000 × 1 Gi / 16 Gi = 1000 − 62.5 → integer division 62 → 938
        assertEquals(938, OomScore.adjustment(QosClass.BURSTABLE, 0, GI, 16 * GI));
        // 3 Gi of 16 Gi: 1000 × 3 / 16 = 187.5 → 187 → 813
        assertEquals(813, OomScore.adjustment(QosClass.BURSTABLE, 0, 3 * GI, 16 * GI));
    }

    @Test
    @DisplayName("4.4: Burstable is clamped to [3, 999]")
    void burstableClamped() {
        assertEquals(999, OomScore.adjustment(QosClass.BURSTABLE, 0, 0, 16 * GI), "a request of 0 (cpu only)");
        assertEquals(3, OomScore.adjustment(QosClass.BURSTABLE, 0, 16 * GI, 16 * GI), "the whole node");
    }

    @Test
    @DisplayName("4.4: per container from its own request: a 4 GiB node, 100Mi and 900Mi containers in one Burstable pod get 976 and 781")
    void perContainerFromItsOwnRequest() {
        Pod p = pod("two").container(container("small").memory("100Mi").cpu("100m"))
                .container(container("large").memory("900Mi").cpu("100m")).build();
        assertEquals(QosClass.BURSTABLE, p.qosClass());
        // 1000 × 100Mi / 4Gi = 24.4 → 24 → 976;  1000 × 900Mi / 4Gi = 219.7 → 219 → 781
        assertEquals(976, OomScore.forContainer(p, p.spec().containers().get(0), 4 * GI));
        assertEquals(781, OomScore.forContainer(p, p.spec().containers().get(1), 4 * GI));
        // the pod's total (1000Mi) would have given 756 to both
        assertEquals(756, OomScore.adjustment(QosClass.BURSTABLE, 0, 1000L << 20, 4 * GI));
    }

    @Test
    @DisplayName("4.4: a sidecar never scores above the regular container with the smallest request (policy.go)")
    void sidecarCappedByRegularContainers() {
        Pod p = pod("meshed").container(container("app").memory("900Mi").cpu("100m"))
                .initContainer(container("proxy").memory("100Mi").cpu("100m").sidecar()).build();
        Container proxy = p.spec().initContainers().get(0);
        assertEquals(781, OomScore.forContainer(p, proxy, 4 * GI), "as the 900Mi app, not 976");
        Pod big = pod("big-proxy").container(container("app").memory("100Mi").cpu("100m"))
                .initContainer(container("proxy").memory("900Mi").cpu("100m").sidecar()).build();
        assertEquals(781, OomScore.forContainer(big, big.spec().initContainers().get(0), 4 * GI),
                "a sidecar requesting more than the app keeps its own, lower score");
    }

    @Test
    @DisplayName("badness = usage in thousandths of the node + adj: BestEffort dies before a Burstable pod within its request")
    void badnessPrefersBestEffort() {
        int burstableAdj = OomScore.adjustment(QosClass.BURSTABLE, 0, GI, 16 * GI); // 938
        double bestEffort = OomScore.badness(0.5 * GI, 16 * GI, 1000);               // 31.25 + 1000
        double withinRequest = OomScore.badness(1.0 * GI, 16 * GI, burstableAdj);    // 62.5 + 938
        double farAbove = OomScore.badness(6.0 * GI, 16 * GI, burstableAdj);         // 375 + 938
        assertEquals(1031.25, bestEffort, 1e-9);
        assertTrue(bestEffort > withinRequest, bestEffort + " vs " + withinRequest);
        assertTrue(farAbove > bestEffort, "a Burstable process far above its request is killed first");
    }
}
