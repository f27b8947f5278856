package io.kubesim.kubelet;

import io.kubesim.cluster.PriorityClass;
import io.kubesim.cluster.QosClass;

/**
 * The oom_score_adj the kubelet gives a container (k8s-semantics.md 4.4, pkg/kubelet/qos/policy.go)
 * and the kernel OOM killer's badness, which picks its victim when the node runs out of memory.
 */
final class OomScore {
    static final int GUARANTEED_ADJ = -997;
    static final int BEST_EFFORT_ADJ = 1000;

    private OomScore() {
    }

    /**
     * Guaranteed and node-critical pods −997, BestEffort 1000, Burstable
     * {@code 1000 − 1000 × memoryRequest / nodeCapacity} by integer division, clamped to [3, 999].
     */
    static int adjustment(QosClass qos, int priority, long podMemoryRequest, long nodeMemoryCapacity) {
        if (priority >= PriorityClass.SYSTEM_CRITICAL_PRIORITY + 1000 || qos == QosClass.GUARANTEED) {
            return GUARANTEED_ADJ;
        }
        if (qos == QosClass.BEST_EFFORT) {
            return BEST_EFFORT_ADJ;
        }
        long adj = 1000 - 1000 * podMemoryRequest / nodeMemoryCapacity;
        return (int) Math.max(3, Math.min(999, adj));
    }

    /**
     * The kernel's badness: the process's memory as thousandths of the node's, plus its
     * oom_score_adj; the highest is killed.
     */
    static double badness(double usageBytes, long nodeMemoryCapacity, int adjustment) {
        return usageBytes * 1000.0 / nodeMemoryCapacity + adjustment;
    }
}
