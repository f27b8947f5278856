package io.kubesim.metrics;

import java.util.Arrays;

/**
 * Latencies in microseconds, counted in log-linear buckets with 64 sub-buckets per power of two
 * (under 1.6 % relative error, as an HdrHistogram with two significant digits), from 0 to about
 * 2^40 µs (12 days). Recording is allocation-free; percentiles report the bucket's upper bound
 * (never under the true value).
 */
public final class LatencyHistogram {
    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;
    private static final int MAX_EXPONENT = 40;
    private static final int BUCKETS = (MAX_EXPONENT - SUB_BITS + 2) * SUB;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long max;

    static int index(long micros) {
        long v = Math.max(0, micros);
        if (v < 2 * SUB) {
            return (int) v;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(v) - SUB_BITS;
        if (exponent > MAX_EXPONENT - SUB_BITS) {
            return BUCKETS - 1;
        }
        return (exponent + 1) * SUB + (int) (v >>> exponent) - SUB;
    }

    /** The largest value that falls in bucket {@code i}. */
    static long upperBound(int i) {
        if (i < 2 * SUB) {
            return i;
        }
        int exponent = i / SUB - 1;
        long sub = i % SUB + SUB;
        return ((sub + 1) << exponent) - 1;
    }

    public void record(long micros) {
        counts[index(micros)]++;
        total++;
        max = Math.max(max, micros);
    }

    public long count() {
        return total;
    }

    /**
     * The value at or under which {@code percentile} percent of the recorded values lie (the
     * bucket's upper bound, capped at the largest value recorded); 0 when nothing was recorded.
     */
    public long percentile(double percentile) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upperBound(i), max);
            }
        }
        return max;
    }

    public void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        max = Math.max(max, other.max);
    }

    public void reset() {
        Arrays.fill(counts, 0);
        total = 0;
        max = 0;
    }
}
