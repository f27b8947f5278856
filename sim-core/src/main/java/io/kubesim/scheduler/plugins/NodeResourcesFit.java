package io.kubesim.scheduler.plugins;

import io.kubesim.api.Resources;
import io.kubesim.scheduler.framework.Code;
import io.kubesim.scheduler.framework.CycleState;
import io.kubesim.scheduler.framework.FilterPlugin;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.scheduler.framework.ScorePlugin;
import io.kubesim.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Filters nodes without room for the pod's requests or pod count, and scores with the
 * LeastAllocated strategy (k8s-semantics.md 3.4 and 3.5, upstream noderesources fit.go and
 * least_allocated.go).
 *
 * <p>Fit compares the actual effective request ({@link io.kubesim.cluster.Pod#requests()}: init
 * peaks, sidecars, overhead; unset counts 0) with allocatable minus what the node's pods request.
 * Every failure is Unschedulable, so preemption may resolve it. Scoring uses the non-zero
 * requests (100m cpu / 200 MiB memory for a container without a request):
 * <pre>
 *   s_r  = alloc_r == 0 or req_r &gt; alloc_r ? 0 : (alloc_r - req_r) * 100 / alloc_r   (integer)
 *   node = sum(s_r * w_r) / sum(w_r)  over resources with alloc_r != 0            (integer)
 * </pre>
 * Worked example: node 4000m / 8 GiB with 1000m / 2 GiB requested, pod 1000m / 2 GiB:
 * cpu (4000-2000)*100/4000 = 50, memory likewise 50, node (50+50)/2 = 50.
 */
public final class NodeResourcesFit implements FilterPlugin, ScorePlugin {
    public static final String NAME = "NodeResourcesFit";
    public static final String TOO_MANY_PODS = "Too many pods";

    private static final Status INSUFFICIENT_CPU = Status.unschedulable(NAME, "Insufficient cpu");
    private static final Status INSUFFICIENT_MEMORY = Status.unschedulable(NAME, "Insufficient memory");
    private static final Status INSUFFICIENT_PODS = Status.unschedulable(NAME, TOO_MANY_PODS);

    private final long cpuWeight;
    private final long memoryWeight;

    /** With the LeastAllocated resource weights (upstream default cpu 1, memory 1). */
    public NodeResourcesFit(long cpuWeight, long memoryWeight) {
        this.cpuWeight = cpuWeight;
        this.memoryWeight = memoryWeight;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        boolean tooManyPods = node.podCount() + 1 > node.allocatablePods();
        boolean cpu = pod.cpu() > 0 && pod.cpu() > node.allocatableCpu() - node.requestedCpu();
        boolean memory = pod.memory() > 0 && pod.memory() > node.allocatableMemory() - node.requestedMemory();
        boolean ephemeral = pod.ephemeralStorage() > 0
                && pod.ephemeralStorage() > node.allocatableEphemeralStorage() - node.requestedEphemeralStorage();
        boolean extended = false;
        if (pod.hasExtended()) {
            Resources alloc = node.node().allocatable();
            for (Map.Entry<String, Long> e : pod.extended().entrySet()) {
                if (e.getValue() > alloc.get(e.getKey()) - node.requestedExtended(e.getKey())) {
                    extended = true;
                }
            }
        }
        int failures = (tooManyPods ? 1 : 0) + (cpu ? 1 : 0) + (memory ? 1 : 0) + (ephemeral ? 1 : 0) + (extended ? 1 : 0);
        if (failures == 0) {
            return Status.SUCCESS;
        }
        if (failures == 1 && !extended && !ephemeral) {
            return tooManyPods ? INSUFFICIENT_PODS : cpu ? INSUFFICIENT_CPU : INSUFFICIENT_MEMORY;
        }
        // upstream fitsRequest order: pods, cpu, memory, ephemeral-storage, then extended resources.
        List<String> reasons = new ArrayList<>(failures);
        if (tooManyPods) {
            reasons.add(TOO_MANY_PODS);
        }
        if (cpu) {
            reasons.add("Insufficient cpu");
        }
        if (memory) {
            reasons.add("Insufficient memory");
        }
        if (ephemeral) {
            reasons.add("Insufficient ephemeral-storage");
        }
        for (Map.Entry<String, Long> e : pod.extended().entrySet()) {
            if (e.getValue() > node.node().allocatable().get(e.getKey()) - node.requestedExtended(e.getKey())) {
                reasons.add("Insufficient " + e.getKey());
            }
        }
        return Status.of(Code.UNSCHEDULABLE, NAME, reasons);
    }

    /** LeastAllocated over cpu and memory with the non-zero requests. */
    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        long sum = 0;
        long weights = 0;
        long cpu = node.allocatableCpu();
        if (cpu != 0) {
            sum += leastRequestedScore(node.nonZeroRequestedCpu() + pod.nonZeroCpu(), cpu) * cpuWeight;
            weights += cpuWeight;
        }
        long memory = node.allocatableMemory();
        if (memory != 0) {
            sum += leastRequestedScore(node.nonZeroRequestedMemory() + pod.nonZeroMemory(), memory) * memoryWeight;
            weights += memoryWeight;
        }
        return weights == 0 ? 0 : sum / weights;
    }

    /** The default loop, as this class's own copy: the JIT sees one receiver at its call and inlines {@link #score}. */
    @Override
    public void scoreAll(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
        for (int i = 0; i < scores.length && i < nodes.size(); i++) {
            scores[i] = score(state, pod, nodes.get(i));
        }
    }

    /** upstream leastRequestedScore: {@code (capacity - requested) * 100 / capacity}, 0 when over capacity. */
    public static long leastRequestedScore(long requested, long capacity) {
        if (capacity == 0 || requested > capacity) {
            return 0;
        }
        return (capacity - requested) * MAX_NODE_SCORE / capacity;
    }
}
