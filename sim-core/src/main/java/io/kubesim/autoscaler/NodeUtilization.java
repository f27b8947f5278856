package io.kubesim.autoscaler;

import io.kubesim.scheduler.framework.NodeInfo;

/**
 * A node's utilization for scale-down (k8s-semantics.md section 8):
 * {@code max(cpu requests / allocatable cpu, memory requests / allocatable memory)}.
 */
public final class NodeUtilization {
    private NodeUtilization() {
    }

    public static double of(NodeInfo node) {
        long cpu = node.node().allocatable().cpuMillis();
        long mem = node.node().allocatable().memoryBytes();
        double c = cpu > 0 ? (double) node.requestedCpu() / cpu : 0;
        double m = mem > 0 ? (double) node.requestedMemory() / mem : 0;
        return Math.max(c, m);
    }

    /** Section 8: unneeded only when strictly below the threshold (0.5 exactly is needed). */
    public static boolean belowThreshold(NodeInfo node, double threshold) {
        return of(node) < threshold;
    }
}
