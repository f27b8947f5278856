package io.kubesim.kubelet;

import io.kubesim.api.Container;
import io.kubesim.api.PodSpec;
import io.kubesim.cluster.Pod;
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
     * The adjustment of one container of {@code pod} (GetContainerOOMScoreAdjust): from the
     * container's own memory request, not the pod's total. A sidecar (restartable init container)
     * never scores above the pod's regular container with the smallest memory request, so the
     * kernel does not pick the sidecar before the app it serves.
     *
     * <p>Worked example (a 4 GiB node, one Burstable pod): a container requesting 100Mi gets
     * 1000 − 1000 × 100Mi / 4Gi = 1000 − 24 = 976; one requesting 900Mi gets 1000 − 219 = 781.
     */
    static int forContainer(Pod pod, Container container, long nodeMemoryCapacity) {
        long request = container.requests().memoryBytes();
        if (container.restartableInit()) {
            request = Math.max(request, minRegularContainerMemory(pod.spec()));
        }
        return adjustment(pod.qosClass(), pod.priority(), request, nodeMemoryCapacity);
    }

    /**
     * Guaranteed and node-critical pods −997, BestEffort 1000, Burstable
     * {@code 1000 − 1000 × containerMemoryRequest / nodeCapacity} by integer division, clamped to
     * [3, 999] (3 = 1000 + the Guaranteed −997; 999 keeps Burstable below BestEffort).
     */
    static int adjustment(QosClass qos, int priority, long containerMemoryRequest, long nodeMemoryCapacity) {
        if (priority >= PriorityClass.SYSTEM_CRITICAL_PRIORITY + 1000 || qos == QosClass.GUARANTEED) {
            return GUARANTEED_ADJ;
        }
        if (qos == QosClass.BEST_EFFORT) {
            return BEST_EFFORT_ADJ;
        }
        long adj = 1000 - 1000 * containerMemoryRequest / nodeMemoryCapacity;
        return (int) Math.max(1000 + GUARANTEED_ADJ, Math.min(BEST_EFFORT_ADJ - 1, adj));
    }

    /** The smallest memory request among the pod's regular containers (init containers left out). */
    private static long minRegularContainerMemory(PodSpec spec) {
        long min = Long.MAX_VALUE;
        for (Container c : spec.containers()) {
            min = Math.min(min, c.requests().memoryBytes());
        }
        return min == Long.MAX_VALUE ? 0 : min;
    }

    /**
     * The kernel's badness: the process's memory as thousandths of the node's, plus its
     * oom_score_adj; the highest is killed.
     */
    static double badness(double usageBytes, long nodeMemoryCapacity, int adjustment) {
        return usageBytes * 1000.0 / nodeMemoryCapacity + adjustment;
    }
}
