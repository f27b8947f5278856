package io.kubesim.traffic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.engine.SimTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Arrival processes: Poisson over step series, evenly spaced arrivals, recorded replay. */
class ArrivalProcessesTest {
    private static final long S = SimTime.MICROS_PER_SECOND;

    private static RateSeries series(long[] seconds, double[] rates) {
        long[] t = new long[seconds.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = seconds[i] * S;
        }
        return new RateSeries(t, rates);
    }

    /** Every arrival before {@code until}, calling next with the previous arrival as a caller would. */
    private static long[] arrivals(ArrivalProcess p, long until) {
        List<Long> out = new ArrayList<>();
        long now = 0;
        while (true) {
            long t = p.next(now);
            if (t >= until) {
                break;
            }
            out.add(t);
            now = t;
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static long count(long[] arrivals, long from, long to) {
        long n = 0;
        for (long a : arrivals) {
            if (a >= from && a < to) {
                n++;
            }
        }
        return n;
    }

    private static ArrivalProcess poisson(RateSeries s, long seed) {
        return ArrivalProcesses.of(new ArrivalSpec.Rate(s, true), new Well19937c(seed));
    }

    private static ArrivalProcess even(RateSeries s) {
        return ArrivalProcesses.of(new ArrivalSpec.Rate(s, false), new Well19937c(1));
    }

    @Nested
    class Poisson {
        @Test
        @DisplayName("100/s for 1,000 s gives 100,000 arrivals within 5 standard deviations (±1,581)")
        void countOverALongConstantWindow() {
            long[] a = arrivals(poisson(RateSeries.constant(100), 7), 1000 * S);
            assertTrue(Math.abs(a.length - 100_000) < 1_581, "count " + a.length);
            for (int i = 1; i < a.length; i++) {
                assertTrue(a[i] >= a[i - 1], "arrivals never go back in time");
            }
        }

        @Test
        @DisplayName("the same seed gives the same arrivals; another seed other arrivals")
        void reproducible() {
            long[] a = arrivals(poisson(RateSeries.constant(50), 42), 60 * S);
            long[] b = arrivals(poisson(RateSeries.constant(50), 42), 60 * S);
            long[] c = arrivals(poisson(RateSeries.constant(50), 43), 60 * S);
            assertArrayEquals(a, b);
            assertFalse(java.util.Arrays.equals(a, c));
        }

        @Test
        @DisplayName("a step at rate 0 has no arrivals, and arrivals resume after it")
        void noArrivalsInAZeroStep() {
            long[] a = arrivals(poisson(series(new long[]{0, 10, 20}, new double[]{50, 0, 50}), 3), 30 * S);
            assertEquals(0, count(a, 10 * S, 20 * S));
            assertTrue(count(a, 0, 10 * S) > 400);
            assertTrue(count(a, 20 * S, 30 * S) > 400);
        }

        @Test
        @DisplayName("a rate change takes effect exactly at the step boundary")
        void rateChangeAtTheBoundary() {
            // 1/s for 100 s, 1000/s for 1 s, then nothing
            long[] a = arrivals(poisson(series(new long[]{0, 100, 101}, new double[]{1, 1000, 0}), 5), 1000 * S);
            long burst = count(a, 100 * S, 101 * S);
            assertTrue(Math.abs(burst - 1000) < 5 * Math.sqrt(1000), "burst " + burst);
            long before = count(a, 0, 100 * S);
            assertTrue(Math.abs(before - 100) < 5 * 10, "before " + before);
            assertEquals(before + burst, a.length, "nothing after the last step at rate 0");
            assertEquals(Long.MAX_VALUE, poisson(series(new long[]{0, 1}, new double[]{0, 0}), 1).next(0));
        }

        @Test
        @DisplayName("before a series' first step the rate is 0")
        void silentBeforeTheFirstStep() {
            long[] a = arrivals(poisson(series(new long[]{5}, new double[]{100}), 9), 6 * S);
            assertEquals(0, count(a, 0, 5 * S));
            assertTrue(a.length > 50);
        }
    }

    @Nested
    class EvenlySpaced {
        @Test
        @DisplayName("4/s gives arrivals at exactly 0.25 s, 0.5 s, 0.75 s, 1 s")
        void exactTimes() {
            assertArrayEquals(new long[]{250_000, 500_000, 750_000, 1_000_000},
                    arrivals(even(RateSeries.constant(4)), 1_000_001));
        }

        @Test
        @DisplayName("2/s then 4/s from 1 s: the new spacing starts exactly at the boundary")
        void rateChangeAtTheBoundary() {
            assertArrayEquals(new long[]{500_000, 1_000_000, 1_250_000, 1_500_000, 1_750_000, 2_000_000},
                    arrivals(even(series(new long[]{0, 1}, new double[]{2, 4})), 2_000_001));
        }

        @Test
        @DisplayName("a step at rate 0 has no arrivals; the part of a request accrued before it carries on after")
        void zeroStep() {
            // 1/s for 1.5 s (one arrival at 1 s, half accrued), nothing for 10 s, then 1/s: the next at 12 s
            RateSeries s = new RateSeries(new long[]{0, 1_500_000, 11_500_000}, new double[]{1, 0, 1});
            assertArrayEquals(new long[]{1_000_000, 12_000_000, 13_000_000}, arrivals(even(s), 13_000_001));
        }

        @Test
        @DisplayName("a rate below one per step still arrives: 1/90 s over one-minute steps arrives every 90 s")
        void slowRateOverShortSteps() {
            long[] t = new long[10];
            double[] r = new double[10];
            for (int i = 0; i < 10; i++) {
                t[i] = i * 60 * S;
                r[i] = 1.0 / 90;
            }
            assertArrayEquals(new long[]{90 * S, 180 * S, 270 * S, 360 * S, 450 * S, 540 * S},
                    arrivals(even(new RateSeries(t, r)), 600 * S));
        }
    }

    @Nested
    class Recorded {
        private final long[] recorded = {0, 5, 5, 10};

        @Test
        @DisplayName("replays every recorded instant in order, the one at 0 and equal instants included")
        void replay() {
            assertArrayEquals(recorded, arrivals(ArrivalProcesses.of(new ArrivalSpec.Recorded(recorded), null), 11));
        }

        @Test
        @DisplayName("skips instants before now and ends with Long.MAX_VALUE")
        void skipAndEnd() {
            ArrivalProcess p = ArrivalProcesses.of(new ArrivalSpec.Recorded(recorded), null);
            assertEquals(10, p.next(6));
            assertEquals(Long.MAX_VALUE, p.next(10));
            assertEquals(Long.MAX_VALUE, p.next(11));
        }
    }
}
