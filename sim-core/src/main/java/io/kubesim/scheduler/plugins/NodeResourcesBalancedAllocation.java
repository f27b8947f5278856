package io.kubesim.scheduler.plugins;

import io.kubesim.scheduler.framework.CycleState;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.scheduler.framework.PreScorePlugin;
import io.kubesim.scheduler.framework.ScorePlugin;
import io.kubesim.scheduler.framework.Status;
import java.util.List;

/**
 * Prefers nodes whose cpu and memory would be used in similar proportions (k8s-semantics.md 3.5,
 * upstream balanced_allocation.go). It uses actual requests (no 100m / 200 MiB defaults):
 * <pre>
 *   f_r   = min((node requested_r + pod_r) / alloc_r, 1)   resources with alloc_r == 0 skipped
 *   std   = |f_cpu - f_mem| / 2  (upstream's two-resource form of the standard deviation)
 *   score = int((1 - std) * 100)
 * </pre>
 * Example: f_cpu 0.5, f_mem 0.25: std 0.125, score int(87.5) = 87.
 */
public final class NodeResourcesBalancedAllocation implements PreScorePlugin, ScorePlugin {
    public static final String NAME = "NodeResourcesBalancedAllocation";

    @Override
    public String name() {
        return NAME;
    }

    /** upstream: a pod that requests none of cpu and memory is not scored (Skip). */
    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasibleNodes) {
        return pod.cpu() == 0 && pod.memory() == 0 ? Status.SKIP : Status.SUCCESS;
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        long allocCpu = node.allocatableCpu();
        long allocMemory = node.allocatableMemory();
        if (allocCpu == 0 || allocMemory == 0) {
            return MAX_NODE_SCORE; // at most one fraction: std 0
        }
        double cpu = Math.min(1.0, (double) (node.requestedCpu() + pod.cpu()) / allocCpu);
        double memory = Math.min(1.0, (double) (node.requestedMemory() + pod.memory()) / allocMemory);
        return (long) ((1 - Math.abs((cpu - memory) / 2)) * MAX_NODE_SCORE);
    }

    /** The default loop, as this class's own copy: the JIT sees one receiver at its call and inlines {@link #score}. */
    @Override
    public void scoreAll(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
        for (int i = 0; i < scores.length && i < nodes.size(); i++) {
            scores[i] = score(state, pod, nodes.get(i));
        }
    }
}
