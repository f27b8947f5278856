package io.kubesim.traffic;

import java.util.List;

/**
 * How requests are simulated: {@link #EXACT} one by one, {@link #FLUID} as rates per small time
 * step. {@link #choose} picks by the scenario's peak request rate against the pods serving it.
 */
public enum TrafficMode {
    EXACT, FLUID;

    /**
     * Peak requests per second (entry points and internal calls together) above which
     * {@link #choose} may pick the fluid mode. Exact mode costs about 0.85 µs per request
     * (benchmarks/README.md), so a simulated hour at this rate takes about 6 s. Below it exact
     * mode, the reference, is cheap enough whatever the cluster.
     */
    public static final double AUTO_THRESHOLD = 2000;

    /**
     * Requests per second per serving pod at which the two modes cost about the same: fluid mode
     * steps every pod that serves traffic ten times a simulated second (about 2 ms per pod and
     * simulated minute, 33 µs per pod and simulated second) whatever the rate, exact mode costs
     * 0.85 µs per request, so they break even near 40 requests per second per serving pod. A
     * large cluster with moderate traffic (a few requests per second per pod) is cheaper exact.
     */
    public static final double BREAK_EVEN_RATE_PER_SERVING_POD = 40;

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
     * per second, each entry request causing {@code callsPerRequest} internal calls on average,
     * with no more than a few dozen pods serving them.
     */
    public static TrafficMode choose(double peakEntryRate, double callsPerRequest) {
        return choose(peakEntryRate, callsPerRequest, 0);
    }

    /**
     * As above, with {@code servingPods} pods behind the Services the traffic reaches: fluid only
     * where it is the cheaper mode, above {@link #AUTO_THRESHOLD} and above
     * {@link #BREAK_EVEN_RATE_PER_SERVING_POD} requests per second per serving pod.
     */
    public static TrafficMode choose(double peakEntryRate, double callsPerRequest, long servingPods) {
        double peak = peakEntryRate * (1 + callsPerRequest);
        return peak > Math.max(AUTO_THRESHOLD, BREAK_EVEN_RATE_PER_SERVING_POD * servingPods) ? FLUID : EXACT;
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
