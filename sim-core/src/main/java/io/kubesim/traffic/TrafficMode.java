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
     * {@link #choose} picks the fluid mode. Exact mode costs about 0.85 µs per request
     * (benchmarks/README.md), so a simulated hour at this rate takes about 6 s; fluid mode costs
     * about 2 ms per serving pod per simulated minute at any rate, so the two cost the same here
     * for about 50 serving pods. Below it exact mode, the reference, is cheap enough; far above
     * it only fluid mode is practical.
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

    /** True when an entry point has closed-loop users: only exact mode simulates them. */
    public static boolean hasClosedLoop(List<EntryPoint> entries) {
        for (EntryPoint e : entries) {
            if (e.arrivals() instanceof ArrivalSpec.ClosedLoop) {
                return true;
            }
        }
        return false;
    }

    /** Why fluid mode refuses an entry point with closed-loop users. */
    public static String closedLoopRefusal(String entryPoint) {
        return "entry point \"" + entryPoint + "\" has closedLoop arrivals, which the fluid traffic mode does not"
                + " model (their rate depends on each answer's latency); use --traffic-mode exact or auto (auto picks"
                + " exact for closed-loop entry points)";
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
