package io.kubesim.traffic;

import io.kubesim.engine.SimTime;
import java.util.List;

/**
 * How requests are simulated: {@link #EXACT} one by one, {@link #FLUID} as rates per small time
 * step. {@link #choose} picks by what each would cost the run.
 */
public enum TrafficMode {
    EXACT, FLUID;

    /**
     * Exact mode's wall time per simulated request, downstream calls included (about 0.85 µs:
     * TrafficBenchmark and CallGraphTrafficBenchmark, benchmarks/README.md).
     */
    public static final double EXACT_SECONDS_PER_REQUEST = 0.85e-6;

    /**
     * Fluid mode's wall time per Service the traffic reaches and 100 ms step: its steady replicas
     * are served as one cohort, so a Service costs about one pod's step whatever its replicas
     * (FluidTrafficBenchmark, benchmarks/README.md).
     */
    public static final double FLUID_SECONDS_PER_SERVICE_STEP = 5e-6;

    /**
     * The wall time exact mode may spend on a run's requests before {@link #choose} hands them to
     * the fluid mode (where that is cheaper): exact mode is the reference, and runs it finishes in
     * seconds stay exact.
     */
    public static final double AUTO_BUDGET_SECONDS = 10;

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
     * The mode for a run of {@code simulatedSeconds} that simulates {@code requests} requests
     * (entry requests and the calls they cause) to {@code services} Services: fluid where exact
     * mode would spend more than {@link #AUTO_BUDGET_SECONDS} on them and the fluid mode would
     * spend less, else exact.
     */
    public static TrafficMode choose(double requests, double simulatedSeconds, int services) {
        double exact = requests * EXACT_SECONDS_PER_REQUEST;
        double fluid = simulatedSeconds * (SimTime.seconds(1) / (double) FluidTraffic.DEFAULT_STEP) * services
                * FLUID_SECONDS_PER_SERVICE_STEP;
        return exact > AUTO_BUDGET_SECONDS && fluid < exact ? FLUID : EXACT;
    }

    /**
     * The requests an entry point sends over its first {@code duration} microseconds: its rate
     * integrated over them (recorded arrivals: those that fall in them).
     */
    public static double requests(EntryPoint entry, long duration) {
        return ArrivalRates.of(entry.arrivals()).average(0, duration) * (duration / (double) SimTime.seconds(1));
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
