package io.kubesim.metrics;

import java.util.Arrays;

/**
 * Latencies in microseconds, counted in log-linear buckets with 64 sub-buckets per power of two
 * (under 1.6 % relative error, as an HdrHistogram with two significant digits), from 0 to about
 * 2^40 µs (12 days). Recording is allocation-free; percentiles, adds and resets visit only the
 * range of buckets in use (a per-interval histogram is reset and read every sample); percentiles
 * report the bucket's upper bound
 * (never under the true value). Values may carry a weight, so a fluid model can record "this
 * many requests took about this long" without a value per request.
 *
 * <p>A histogram kept long after it stops changing (an action window's) can be {@link #compact()}ed
 * to its non-empty buckets; recording or adding into it makes it full-size again.
 */
public final class LatencyHistogram {
    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;
    private static final int MAX_EXPONENT = 40;
    private static final int BUCKETS = (MAX_EXPONENT - SUB_BITS + 2) * SUB;

    /** Per bucket; null while compact. */
    private double[] counts = new double[BUCKETS];
    /** While compact: the non-empty buckets in ascending order, and their counts. */
    private int[] compactIndex;
    private double[] compactCounts;
    /** The lowest and highest bucket ever counted into since the last reset (empty: BUCKETS, -1). */
    private int lowest = BUCKETS;
    private int highest = -1;
    private double total;
    private long max;
    /** Whether a weighted value was recorded: ranks are then shares of the weight, not whole counts. */
    private boolean weighted;

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
        int i = index(micros);
        dense()[i]++;
        mark(i, i);
        total++;
        max = Math.max(max, micros);
    }

    /** Records {@code weight} values (a fraction is allowed) of about {@code micros}. */
    public void record(long micros, double weight) {
        if (!(weight > 0)) {
            return;
        }
        int i = index(micros);
        dense()[i] += weight;
        mark(i, i);
        total += weight;
        weighted = true;
        max = Math.max(max, micros);
    }

    /** Whether nothing was recorded (not even a fraction of a value). */
    public boolean isEmpty() {
        return !(total > 0);
    }

    /** The largest latency recorded, in microseconds (0 if none). */
    public long max() {
        return max;
    }

    /** The number of values recorded (the sum of the weights, rounded). */
    public long count() {
        return Math.round(total);
    }

    /**
     * The value at or under which {@code percentile} percent of the recorded values lie (the
     * bucket's upper bound, capped at the largest value recorded); 0 when nothing was recorded.
     */
    public long percentile(double percentile) {
        if (total <= 0) {
            return 0;
        }
        // Whole counts: the nearest-rank definition. Weighted (fractional) counts: the first bucket
        // where the cumulative weight reaches the share.
        double share = percentile / 100.0 * total;
        double rank = weighted ? Math.max(share, Double.MIN_NORMAL) : Math.max(1, Math.ceil(share));
        double seen = 0;
        if (counts == null) {
            for (int k = 0; k < compactIndex.length; k++) {
                seen += compactCounts[k];
                if (seen >= rank) {
                    return Math.min(upperBound(compactIndex[k]), max);
                }
            }
            return max;
        }
        for (int i = lowest; i <= highest; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upperBound(i), max);
            }
        }
        return max;
    }

    public void add(LatencyHistogram other) {
        double[] into = dense();
        if (other.counts == null) {
            for (int k = 0; k < other.compactIndex.length; k++) {
                into[other.compactIndex[k]] += other.compactCounts[k];
            }
        } else {
            for (int i = other.lowest; i <= other.highest; i++) {
                into[i] += other.counts[i];
            }
        }
        mark(other.lowest, other.highest);
        total += other.total;
        max = Math.max(max, other.max);
        weighted |= other.weighted;
    }

    /**
     * Keeps only the non-empty buckets (a few hundred bytes instead of 18 KB); percentiles are
     * unchanged, and the next record or add restores the full size.
     */
    public void compact() {
        if (counts == null) {
            return;
        }
        int n = 0;
        for (int i = lowest; i <= highest; i++) {
            if (counts[i] != 0) {
                n++;
            }
        }
        compactIndex = new int[n];
        compactCounts = new double[n];
        for (int i = lowest, k = 0; i <= highest; i++) {
            if (counts[i] != 0) {
                compactIndex[k] = i;
                compactCounts[k++] = counts[i];
            }
        }
        counts = null;
    }

    private double[] dense() {
        if (counts == null) {
            counts = new double[BUCKETS];
            for (int k = 0; k < compactIndex.length; k++) {
                counts[compactIndex[k]] = compactCounts[k];
            }
            compactIndex = null;
            compactCounts = null;
        }
        return counts;
    }

    /** Widens the range of counted buckets to {@code [from, to]} (no-op for an empty range). */
    private void mark(int from, int to) {
        if (from <= to) {
            lowest = Math.min(lowest, from);
            highest = Math.max(highest, to);
        }
    }

    public void reset() {
        if (highest >= 0) {
            Arrays.fill(dense(), lowest, highest + 1, 0);
        }
        lowest = BUCKETS;
        highest = -1;
        total = 0;
        max = 0;
        weighted = false;
    }
}
