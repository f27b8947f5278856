package io.kubesim.scenarios;

import io.kubesim.engine.SimTime;

/**
 * The largest inputs kubesim takes, checked when a scenario is read so that a run which could not
 * finish (or would overflow a count) is refused up front with its location, instead of running the
 * heap out or looping for hours. Each bound is far above anything a real cluster has (Kubernetes'
 * published limits are 5,000 nodes and 150,000 pods; the largest cloud machines have about 2,000
 * cores and 32 TiB), and each message says what to change. docs/limits.md lists them.
 */
public final class Limits {
    /** The longest scenario: 366 days, a year of a leap year. */
    public static final long MAX_DURATION = 366 * 24 * SimTime.MICROS_PER_HOUR;
    /** {@link #MAX_DURATION} as messages write it. */
    public static final String MAX_DURATION_TEXT = "8784h (366 days)";
    /** Samples a time series may hold: a day at 10 ms, or a year at 4 s. */
    public static final long MAX_SAMPLES_PER_SERIES = 10_000_000;
    /** Points (series × samples) all time series together may hold: 1.6 GB of heap at 16 bytes a point. */
    public static final long MAX_SERIES_POINTS = 100_000_000;
    /** A node's {@code allocatable.pods}. */
    public static final int MAX_PODS_PER_NODE = 100_000;
    /** Nodes the cluster starts with, over all pools (so at most this many in one pool). */
    public static final long MAX_NODES = 100_000;
    /** A node's allocatable or capacity CPU: 2,048 cores, in millicores. */
    public static final long MAX_NODE_CPU_MILLIS = 2_048_000;
    /** A node's allocatable or capacity memory: 64 TiB. */
    public static final long MAX_NODE_MEMORY_BYTES = 64L << 40;
    /** Pods the workloads ask for at once, summed over every workload's replicas. */
    public static final long MAX_PODS = 1_000_000;
    /** The highest request rate an entry point may reach, in requests per second, in either traffic mode. */
    public static final double MAX_RATE = 1e9;
    /** The highest request rate an entry point may reach in exact mode, which simulates every request. */
    public static final double MAX_EXACT_RATE = 1e6;
    /** Closed-loop virtual users of one entry point. */
    public static final int MAX_USERS = 1_000_000;
    /** {@code --replications}: runs of one scenario (or of each point of a sweep). */
    public static final int MAX_REPLICATIONS = 1_000;
    /**
     * Engine events a run may take before it is stopped as a runaway ({@code --max-events}): sixteen
     * times a simulated day of a 5,000-node, 150,000-pod cluster.
     */
    public static final long DEFAULT_MAX_EVENTS = 1_000_000_000L;

    private Limits() {
    }

    /**
     * Whether {@code series} time series sampled every {@code interval} over {@code duration} stay
     * within {@link #MAX_SAMPLES_PER_SERIES} and {@link #MAX_SERIES_POINTS}.
     */
    public static boolean seriesFit(long duration, long interval, long series) {
        long samples = duration / interval + 1;
        return samples <= MAX_SAMPLES_PER_SERIES && samples <= MAX_SERIES_POINTS / Math.max(1, series);
    }
}
