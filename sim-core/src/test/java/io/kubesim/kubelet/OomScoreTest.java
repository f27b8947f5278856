package io.kubesim.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
