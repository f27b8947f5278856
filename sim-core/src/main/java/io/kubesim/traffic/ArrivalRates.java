package io.kubesim.traffic;


/**
 * The request rate an {@link ArrivalSpec} describes, as the fluid model reads it: the average
 * over a window. For a rate series that is its integral over the window; for recorded arrivals,
 * how many fall in it. Averaging per window makes a recorded trace a rate without losing a request.
 */
abstract sealed class ArrivalRates {
    private static final long SECOND = 1_000_000L;

    static ArrivalRates of(ArrivalSpec spec) {
        if (spec instanceof ArrivalSpec.Recorded r) {
            return new Recorded(r.times());
        }
        if (spec instanceof ArrivalSpec.ClosedLoop c) {
            return new Series(RateSeries.constant(nominalRate(c)));
        }
        return new Series(((ArrivalSpec.Rate) spec).series());
    }

    /**
     * A closed loop's rate depends on the latencies the run produces; what can be read from the
     * spec alone is an upper bound: its {@code maxRate}, else {@code users / mean think time},
     * else 0 (unknown). The capacity planner's offered load reads this; the traffic mode choice
     * does not (a closed-loop entry point always runs in exact mode).
     */
    static double nominalRate(ArrivalSpec.ClosedLoop c) {
        if (c.maxRate() > 0) {
            return c.maxRate();
        }
        long think = c.thinkTime().mean();
        return think > 0 ? c.users() * (double) SECOND / think : 0;
    }

    /** Requests per second on average over {@code [from, to)}; 0 for an empty window. */
    abstract double average(long from, long to);

    /** The highest rate: a series' highest step, or a recording's busiest second. */
    abstract double peak();

    private static final class Series extends ArrivalRates {
        private final RateSeries series;

        Series(RateSeries series) {
            this.series = series;
        }

        @Override
        double average(long from, long to) {
            if (to <= from) {
                return 0;
            }
            double requests = 0;
            long t = from;
            while (t < to) {
                long end = Math.min(to, series.stepEnd(t));
                requests += series.rateAt(t) * (end - t);
                t = end;
            }
            return requests / (to - from);
        }

        @Override
        double peak() {
            double max = 0;
            for (double r : series.rates()) {
                max = Math.max(max, r);
            }
            return max;
        }
    }

    private static final class Recorded extends ArrivalRates {
        private final long[] times;

        Recorded(long[] times) {
            this.times = times;
        }

        @Override
        double average(long from, long to) {
            if (to <= from) {
                return 0;
            }
            return (double) (firstAtOrAfter(to) - firstAtOrAfter(from)) * SECOND / (to - from);
        }

        private int firstAtOrAfter(long t) {
            int lo = 0;
            int hi = times.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (times[mid] < t) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        @Override
        double peak() {
            int max = 0;
            int start = 0;
            for (int i = 0; i < times.length; i++) {
                long second = Math.floorDiv(times[i], SECOND);
                while (Math.floorDiv(times[start], SECOND) < second) {
                    start++;
                }
                max = Math.max(max, i - start + 1);
            }
            return max;
        }
    }

}
