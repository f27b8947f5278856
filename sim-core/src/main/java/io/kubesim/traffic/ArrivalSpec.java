package io.kubesim.traffic;

import io.kubesim.engine.DurationDistribution;
import java.util.Arrays;

/** How requests arrive at an entry point, as the scenario states it. */
public sealed interface ArrivalSpec {
    /**
     * Arrivals at a rate that follows a step series: a Poisson process (the default) or evenly
     * spaced arrivals.
     */
    record Rate(RateSeries series, boolean poisson) implements ArrivalSpec {
    }

    /** Arrivals at recorded instants (virtual microseconds, sorted), replayed exactly. */
    record Recorded(long[] times) implements ArrivalSpec {
        public Recorded {
            times = times.clone();
            for (int i = 1; i < times.length; i++) {
                if (times[i] < times[i - 1]) {
                    throw new IllegalArgumentException("recorded arrivals must be sorted");
                }
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Recorded r && Arrays.equals(times, r.times);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(times);
        }

        @Override
        public String toString() {
            return "Recorded[" + times.length + " arrivals]";
        }
    }

    /**
     * Closed-loop clients, as load generators run them (k6 VUs, fortio {@code -c}, locust users,
     * hey {@code -c}, JMeter threads): {@code users} virtual users, each sending its next request
     * once the previous one has answered (success or failure) and a think time has passed, so their
     * rate falls when latency rises. Only exact mode simulates them ({@link ExactTraffic}).
     *
     * @param users     virtual users, 1 or more
     * @param thinkTime the pause between an answer and the user's next request
     * @param maxRate   a cap on the users' total rate in requests per second (fortio {@code -qps}),
     *                  or 0 for none
     * @param start     when the users send their first requests (virtual microseconds)
     */
    record ClosedLoop(int users, DurationDistribution thinkTime, double maxRate, long start) implements ArrivalSpec {
        public ClosedLoop {
            if (users < 1 || !(maxRate >= 0) || Double.isInfinite(maxRate) || start < 0) {
                throw new IllegalArgumentException("closed-loop clients need 1 or more users, a finite maxRate"
                        + " of 0 (none) or more, and a start of 0 or later");
            }
        }

        /** The same users, starting {@code delay} microseconds later. */
        public ClosedLoop delayed(long delay) {
            return new ClosedLoop(users, thinkTime, maxRate, start + delay);
        }
    }
}
