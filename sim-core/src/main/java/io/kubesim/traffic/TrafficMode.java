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
     * Exact mode's wall time per simulated request, downstream calls included: 0.4 to 0.5 µs in
     * the traffic benchmarks, about 1 µs in whole runs of library size, 3 µs in the 5,000-node
     * scale scenario (benchmarks/README.md).
     */
    public static final double EXACT_SECONDS_PER_REQUEST = 1e-6;

    /**
     * Fluid mode's wall time per Service the traffic reaches and 100 ms step, besides drawing
     * latency values: its steady replicas are served as one cohort, so a Service costs about one
     * pod's step whatever its replicas (FluidTrafficBenchmark, benchmarks/README.md).
     */
    public static final double FLUID_SECONDS_PER_SERVICE_STEP = 1.5e-6;

    /** Fluid mode's wall time per latency value drawn (a cohort draws one per request, up to 64 a step). */
    public static final double FLUID_SECONDS_PER_LATENCY_DRAW = 0.15e-6;

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
     * spend less (its steps, and a latency value per request of a Service's step up to 64), else
     * exact.
     */
    public static TrafficMode choose(double requests, double simulatedSeconds, int services) {
        double exact = requests * EXACT_SECONDS_PER_REQUEST;
        if (!(exact > AUTO_BUDGET_SECONDS) || services <= 0 || !(simulatedSeconds > 0)) {
            return EXACT;
        }
        double steps = simulatedSeconds * SimTime.seconds(1) / FluidTraffic.DEFAULT_STEP;
        double draws = Math.min(FluidPod.MAX_COHORT_SAMPLES, requests / services / steps);
        double fluid = steps * services * (FLUID_SECONDS_PER_SERVICE_STEP + draws * FLUID_SECONDS_PER_LATENCY_DRAW);
        return fluid < exact ? FLUID : EXACT;
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

    /** One entry point's peak rate in requests per second (recorded arrivals: their busiest second; closed loop: 0). */
    public static double peakRate(EntryPoint entry) {
        return ArrivalRates.of(entry.arrivals()).peak();
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
