package io.kubesim.sim;

import io.kubesim.metrics.LatencyHistogram;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    /** Served latencies per Service (display name) in the intervals overlapping the window. */
    private final Map<String, LatencyHistogram> latency = new LinkedHashMap<>();
    /**
     * After settling, the following intervals' latencies, kept apart until the end of the run
     * tells whether an outage stretches the window over them (see {@link LatencyAttribution}).
     */
    private final List<TailInterval> tail = new ArrayList<>();
    private boolean tailOpen = true;

    private record TailInterval(long start, Map<String, LatencyHistogram> latency) {
    }

    ActionWindow(String kind, String target, long start) {
        this.kind = kind;
        this.target = target;
        this.start = start;
    }

    /**
     * The window a timeline action will open when it plays, not yet started: its {@code kind} and
     * {@code target} as summary.json will name them (a gate's {@code action[KIND TARGET]} is
     * checked against them before the run).
     */
    public static ActionWindow planned(TimelineAction action) {
        return TimelinePlayer.window(action);
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

    /**
     * The served latencies per Service (display name, in the order the traffic first saw them) in
     * the sample intervals that overlap the window, without each Service's startup: a percentile
     * over every such request, not a peak of per-interval percentiles. Final once the run's result
     * was built ({@link LatencyAttribution}).
     */
    public Map<String, LatencyHistogram> latencies() {
        return Collections.unmodifiableMap(latency);
    }

    /** An interval overlapping the window closed: the Service's latencies in it count in the window. */
    void addLatency(String service, LatencyHistogram interval) {
        latency.computeIfAbsent(service, k -> new LatencyHistogram()).add(interval);
    }

    /**
     * An interval that began at {@code start}, after the window settled, closed: the Service's
     * latencies in it count if an outage stretches the window over it, known at the end of the run.
     */
    void addTailLatency(long start, String service, LatencyHistogram interval) {
        if (tail.isEmpty() || tail.get(tail.size() - 1).start() != start) {
            tail.add(new TailInterval(start, new LinkedHashMap<>()));
        }
        LatencyHistogram copy = new LatencyHistogram();
        copy.add(interval);
        copy.compact();
        tail.get(tail.size() - 1).latency().put(service, copy);
    }

    /** Whether intervals after settling are still kept (an outage that began inside may still run). */
    boolean tailOpen() {
        return tailOpen;
    }

    /** No outage can stretch the window further: it keeps its latencies in a few buckets. */
    void closeTail() {
        tailOpen = false;
        latency.values().forEach(LatencyHistogram::compact);
    }

    /** At the end of the run, once the window's end is final: the kept intervals before it count. */
    void finishLatencies() {
        for (TailInterval t : tail) {
            if (t.start() < end) {
                t.latency().forEach(this::addLatency);
            }
        }
        tail.clear();
        closeTail();
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
