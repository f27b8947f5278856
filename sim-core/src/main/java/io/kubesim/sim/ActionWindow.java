package io.kubesim.sim;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One timeline action as a window of time for attribution: from the moment the timeline played
 * it to the moment the cluster settled after it (see {@link ActionSettling}), or -1 if it never
 * did before the end of the run.
 *
 * <p>{@code kind} is the scenario's timeline key ({@code rollout}, {@code scale}, {@code drain},
 * {@code upgrade}, {@code failNodes}, {@code failZone}, {@code failBusiestNode},
 * {@code failBusiestZone}, {@code recoverNodes}, {@code addNodes}, {@code removeNodes},
 * {@code cordon}, {@code uncordon}); {@code target} what it acted on, as the scenario names it
 * (a workload, a node, a pool, a zone).
 */
public final class ActionWindow {
    private final String kind;
    private final String target;
    private final long start;
    private long end = -1;
    /** The action's own work is over (rollout complete, drain done, every upgrade batch done). */
    private BooleanSupplier done = () -> true;
    /** Nodes the action took down: settled needs none of their pods still counted Ready. */
    private List<String> failedNodes = List.of();
    /** The drains the action started (a drain, or each node of an upgrade). */
    private final List<DrainRecord> drains = new java.util.ArrayList<>();
    private long evictedByKubeletOrTaints;

    ActionWindow(String kind, String target, long start) {
        this.kind = kind;
        this.target = target;
        this.start = start;
    }

    public String kind() {
        return kind;
    }

    public String target() {
        return target;
    }

    /** When the timeline played the action, in virtual microseconds. */
    public long start() {
        return start;
    }

    /** When the cluster had settled after it; -1 if it had not by the end of the run. */
    public long end() {
        return end;
    }

    public boolean settled() {
        return end >= 0;
    }

    /** The window's end for attribution: its settling, or {@code runEnd} if it never settled. */
    public long endOr(long runEnd) {
        return end >= 0 ? end : runEnd;
    }

    /**
     * Pods evicted while the window was open: by its drains through the eviction API, and by the
     * kubelets (node pressure) or the taint-eviction controller (NoExecute taints) meanwhile.
     */
    public long evictions() {
        long n = evictedByKubeletOrTaints;
        for (DrainRecord d : drains) {
            n += d.evicted();
        }
        return n;
    }

    void drainStarted(DrainRecord d) {
        drains.add(d);
    }

    void evictedMeanwhile() {
        evictedByKubeletOrTaints++;
    }

    void doneWhen(BooleanSupplier done) {
        this.done = done;
    }

    boolean done() {
        return done.getAsBoolean();
    }

    void failedNodes(List<String> nodes) {
        this.failedNodes = List.copyOf(nodes);
    }

    List<String> failedNodes() {
        return failedNodes;
    }

    void settle(long now) {
        end = now;
    }
}
