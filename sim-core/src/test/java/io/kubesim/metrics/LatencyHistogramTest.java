package io.kubesim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Log-linear buckets: exact below 128 µs, within 1/64 relative above, percentiles never below the truth. */
class LatencyHistogramTest {

    @Test
    @DisplayName("every value falls in a bucket whose upper bound is within 1/64 above it")
    void bucketError() {
        for (long v = 0; v < 5_000_000; v += 1 + v / 100) {
            long upper = LatencyHistogram.upperBound(LatencyHistogram.index(v));
            assertTrue(upper >= v, "upper bound " + upper + " below " + v);
            assertTrue(upper - v <= Math.max(0, v / 64), "bucket too wide at " + v + ": " + upper);
        }
    }

    @Test
    @DisplayName("percentiles of 1..1000 ms land within 1.6 % above the exact ranks")
    void percentiles() {
        LatencyHistogram h = new LatencyHistogram();
        for (int ms = 1; ms <= 1000; ms++) {
            h.record(ms * 1000L);
        }
        assertEquals(1000, h.count());
        for (double p : new double[]{50, 95, 99}) {
            long exact = (long) (p * 10) * 1000L;
            long got = h.percentile(p);
            assertTrue(got >= exact && got <= exact * 1.016, p + ": " + got + " vs " + exact);
        }
        assertEquals(1_000_000, h.percentile(100), "the maximum is exact");
    }

    @Test
    void addAndReset() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        a.record(10);
        b.record(20);
        b.record(30);
        a.add(b);
        assertEquals(3, a.count());
        assertEquals(30, a.percentile(100));
        a.reset();
        assertEquals(0, a.count());
        assertEquals(0, a.percentile(50));
    }

    @Test
    @DisplayName("weighted values count as that many: 0.9 of a request at 10 and 0.1 at 1000 put p50 at 10 and p95 at 1000")
    void weights() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(10, 0.9);
        h.record(1000, 0.1);
        h.record(5000, 0);
        assertEquals(1, h.count());
        assertEquals(10, h.percentile(50));
        assertEquals(10, h.percentile(90));
        assertTrue(h.percentile(95) >= 1000 && h.percentile(95) <= 1016, "p95: " + h.percentile(95));
        assertEquals(1000, h.percentile(100), "a zero weight records nothing");
    }

    @Test
    @DisplayName("a compact histogram gives the same percentiles, and records and adds as before")
    void compact() {
        LatencyHistogram h = new LatencyHistogram();
        for (int ms = 1; ms <= 1000; ms += 7) {
            h.record(ms * 1000L, 0.5);
        }
        long[] before = {h.percentile(50), h.percentile(99), h.percentile(100), h.count()};
        h.compact();
        assertEquals(before[0], h.percentile(50));
        assertEquals(before[1], h.percentile(99));
        assertEquals(before[2], h.percentile(100));
        assertEquals(before[3], h.count());
        LatencyHistogram sum = new LatencyHistogram();
        sum.add(h);
        assertEquals(before[1], sum.percentile(99), "adding a compact histogram adds its buckets");
        h.record(5_000_000L);
        assertEquals(5_000_000L, h.percentile(100), "recording into it restores the full size");
        assertEquals(before[3] + 1, h.count());
    }

    @Test
    @DisplayName("a reset clears every bucket used, whatever its range: the next values alone count")
    void resetClearsTheRangeUsed() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(3, 1);
        h.record(9_000_000L);
        LatencyHistogram other = new LatencyHistogram();
        other.record(100_000L);
        h.add(other);
        h.reset();
        h.record(50);
        assertEquals(1, h.count());
        assertEquals(50, h.percentile(1));
        assertEquals(50, h.percentile(100));
        LatencyHistogram sum = new LatencyHistogram();
        sum.add(h);
        sum.add(other);
        assertEquals(50, sum.percentile(50));
        assertEquals(100_000L, sum.percentile(100));
    }
}
