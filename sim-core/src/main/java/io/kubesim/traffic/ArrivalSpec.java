package io.kubesim.traffic;

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
}
