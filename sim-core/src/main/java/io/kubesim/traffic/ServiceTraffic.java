package io.kubesim.traffic;

import io.kubesim.metrics.LatencyHistogram;
import java.util.Arrays;

/**
 * What one Service saw: requests and their outcomes by cause, in total and per sample interval,
 * and the latency of the requests it served (overall and for the current interval).
 */
public final class ServiceTraffic {
    private static final RequestCause[] CAUSES = RequestCause.values();

    private final String key;
    private final String displayName;
    private final long interval;
    private final long[] totals = new long[CAUSES.length];
    private final FluidTally fluid = new FluidTally();
    private final long[] moved = new long[2];
    private long[][] perInterval = new long[CAUSES.length][64];
    private int intervals;
    private final LatencyHistogram latency = new LatencyHistogram();
    private final LatencyHistogram intervalLatency = new LatencyHistogram();
    /** Latency of requests from entry points as their clients saw it, failures included. */
    private final LatencyHistogram clientLatency = new LatencyHistogram();
    private long entryRequests;
    /** Attempts sent again after a failure (by a client or a proxy). */
    long retried;
    /** Requests served with a fallback after a call they needed failed (fluid: an expected amount). */
    double degraded;
    /** Failed requests through a mesh proxy, by Envoy response flag, in flag order. */
    private final java.util.SortedMap<String, Long> responseFlags = new java.util.TreeMap<>();
    /** Requests that failed with a failure their retry policy covers, with no retry left (or the budget spent). */
    long retriesExhausted;

    ServiceTraffic(String key, String displayName, long interval) {
        this.key = key;
        this.displayName = displayName;
        this.interval = interval;
    }

    /** {@code namespace/name}. */
    public String key() {
        return key;
    }

    /** The name used in outputs. */
    public String displayName() {
        return displayName;
    }

    /**
     * Records an outcome that the client saw at {@code outcomeTime} (which may lie before now: a
     * request found to exceed its timeout failed, for the client, when the timeout passed).
     */
    void record(long outcomeTime, RequestCause cause, long latencyMicros) {
        count(outcomeTime, cause, 1);
        if (cause == RequestCause.OK) {
            latency.record(latencyMicros);
            intervalLatency.record(latencyMicros);
        }
    }

    /**
     * Records a fluid amount of outcomes at {@code outcomeTime}; whole requests are counted as the
     * fractions add up, so totals and per-interval counts stay whole numbers that sum up.
     */
    void recordFluid(long outcomeTime, RequestCause cause, double amount) {
        long whole = fluid.add(cause, amount);
        if (whole > 0) {
            count(outcomeTime, cause, whole);
        }
    }

    /**
     * Moves a fluid amount of outcomes already recorded as served to {@code cause}: requests the
     * fluid model counted as served when they arrived but that were still in flight when their
     * pod failed them. Taken from the current interval's successes.
     */
    void reclassifyFluid(long time, RequestCause cause, double amount) {
        fluid.reclassify(cause, amount, moved);
        if (moved[0] > 0) {
            count(time, cause, moved[0]);
        }
        if (moved[1] < 0) {
            count(time, RequestCause.OK, moved[1]);
        }
    }

    /** An entry point's request ended as its client saw it, after {@code latencyMicros}. */
    void recordEntry(RequestCause cause, long latencyMicros) {
        entryRequests++;
        clientLatency.record(latencyMicros);
    }

    /** Requests that came from entry points (not from other Services). */
    public long entryRequests() {
        return entryRequests;
    }

    /**
     * The latency of entry-point requests as their clients measured it, failed ones included (a
     * request that waited 30 s for a connect and failed counts its 30 s), as a load generator
     * reports it; microseconds at percentile {@code p}.
     */
    public long clientLatencyPercentile(double p) {
        return clientLatency.percentile(p);
    }

    /** The slowest entry-point request as its client saw it, failed ones included, in microseconds. */
    public long clientMaxLatency() {
        return clientLatency.max();
    }

    /** A request through a mesh proxy failed with Envoy's response {@code flag}. */
    void responseFlag(String flag) {
        responseFlags.merge(flag, 1L, Long::sum);
    }

    /** Failed requests through a mesh proxy by Envoy response flag ({@code UH}, {@code UF}, {@code URX}, {@code UC}). */
    public java.util.SortedMap<String, Long> responseFlags() {
        return java.util.Collections.unmodifiableSortedMap(responseFlags);
    }

    /** Requests it served with a fallback after a call they needed failed: answered 200, degraded. */
    public long degraded() {
        return Math.round(degraded);
    }

    /** Attempts sent again after a failure, by a client or a proxy. */
    public long retried() {
        return retried;
    }

    /** Requests that failed with a retriable failure and had no retry left. */
    public long retriesExhausted() {
        return retriesExhausted;
    }

    /** Records the latency of {@code weight} served requests (a fraction is allowed). */
    void recordLatency(long latencyMicros, double weight) {
        latency.record(latencyMicros, weight);
        intervalLatency.record(latencyMicros, weight);
    }

    private void count(long outcomeTime, RequestCause cause, long n) {
        totals[cause.ordinal()] += n;
        int i = (int) (outcomeTime / interval);
        if (i >= perInterval[0].length) {
            int size = Math.max(i + 1, perInterval[0].length * 2);
            for (int c = 0; c < CAUSES.length; c++) {
                perInterval[c] = Arrays.copyOf(perInterval[c], size);
            }
        }
        perInterval[cause.ordinal()][i] += n;
        intervals = Math.max(intervals, i + 1);
    }

    public long requests() {
        long n = 0;
        for (long t : totals) {
            n += t;
        }
        return n;
    }

    public long succeeded() {
        return totals[RequestCause.OK.ordinal()];
    }

    public long failed() {
        return requests() - succeeded();
    }

    public long count(RequestCause cause) {
        return totals[cause.ordinal()];
    }

    /** Latency of served requests at a percentile, in microseconds. */
    public long latencyPercentile(double p) {
        return latency.percentile(p);
    }

    /** The slowest served request, in microseconds (0 if none was served). */
    public long maxLatency() {
        return latency.max();
    }

    /** The length of one interval of the per-interval counts, in microseconds (the sample interval). */
    public long interval() {
        return interval;
    }

    /** Number of sample intervals that have any outcome. */
    public int intervals() {
        return intervals;
    }

    /** Outcomes of one cause in interval {@code i}. */
    public long count(RequestCause cause, int i) {
        return i < perInterval[0].length ? perInterval[cause.ordinal()][i] : 0;
    }

    /** All outcomes in interval {@code i}. */
    public long requests(int i) {
        long n = 0;
        for (int c = 0; c < CAUSES.length; c++) {
            n += count(CAUSES[c], i);
        }
        return n;
    }

    /**
     * The served-latency histogram of the interval now ending (the latency gauge resets it at
     * each sample; {@link IntervalLatencies} read it just before).
     */
    public LatencyHistogram intervalLatency() {
        return intervalLatency;
    }
}
