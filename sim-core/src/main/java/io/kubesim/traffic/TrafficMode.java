package io.kubesim.traffic;

import java.util.List;

/**
 * How requests are simulated: {@link #EXACT} one by one, {@link #FLUID} as rates per small time
 * step. {@link #choose} picks by the scenario's peak request rate.
 */
public enum TrafficMode {
    EXACT, FLUID;

    /**
     * Peak requests per second (entry points and internal calls together) above which
     * {@link #choose} picks the fluid mode. At this rate the exact mode runs at about 1.5 M
     * simulated requests per wall second (benchmarks/README.md), so a simulated hour of peak load
     * costs a few minutes; above it the fluid mode's cost, which does not grow with the rate, wins.
     */
    public static final double AUTO_THRESHOLD = 2000;

    /** The label used on the command line and in summary.json. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code exact} or {@code fluid}. */
    public static TrafficMode parse(String label) {
        for (TrafficMode m : values()) {
            if (m.label().equals(label)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown traffic mode \"" + label + "\"; expected exact or fluid");
    }

    /**
     * The mode for a scenario whose entry points' peak rates sum to {@code peakEntryRate} requests
     * per second, each entry request causing {@code callsPerRequest} internal calls on average.
     */
    public static TrafficMode choose(double peakEntryRate, double callsPerRequest) {
        return peakEntryRate * (1 + callsPerRequest) > AUTO_THRESHOLD ? FLUID : EXACT;
    }

    /** The sum of the entry points' peak rates (recorded arrivals: their busiest second); at least the peak of the sum. */
    public static double peakRate(List<EntryPoint> entries) {
        double sum = 0;
        for (EntryPoint e : entries) {
            sum += ArrivalRates.of(e.arrivals()).peak();
        }
        return sum;
    }
}
