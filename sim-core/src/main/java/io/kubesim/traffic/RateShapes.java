package io.kubesim.traffic;

import io.kubesim.engine.SimTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The load shapes a scenario can name, as {@link RateSeries} step series. Rates are requests per
 * second, times virtual microseconds. Smooth shapes are sampled at the start of each step.
 */
public final class RateShapes {
    /** Ramp steps: one second. */
    public static final long RAMP_STEP = SimTime.seconds(1);
    /** Diurnal steps: one minute. */
    public static final long DIURNAL_STEP = SimTime.minutes(1);

    private RateShapes() {
    }

    /** The same rate forever. */
    public static RateSeries constant(double rate) {
        return RateSeries.constant(rate);
    }

    /**
     * {@code from} until {@code at}, then a linear ramp to {@code to} over {@code over} in one-second
     * steps (step {@code k} of {@code n = ceil(over / 1 s)} has rate {@code from + (to - from) * k / n}),
     * then {@code to} from {@code at + over} on.
     */
    public static RateSeries ramp(double from, double to, long over, long at) {
        return ramp(from, to, over, at, SimTime.NEVER);
    }

    /**
     * The same ramp, its steps made only up to {@code horizon} (a run's duration): what a run of that
     * length sees is the same, and a ramp over years costs no more than the run.
     */
    public static RateSeries ramp(double from, double to, long over, long at, long horizon) {
        require(at >= 0 && over >= 0, "ramp at and over must not be negative");
        Steps s = new Steps();
        s.add(0, from);
        long n = (over + RAMP_STEP - 1) / RAMP_STEP;
        for (long k = 0; k < n && at + k * RAMP_STEP <= horizon; k++) {
            s.add(at + k * RAMP_STEP, from + (to - from) * k / n);
        }
        if (at + over <= horizon) {
            s.add(at + over, to);
        }
        return s.series();
    }

    /** One step of a {@link #steps(List)} series: {@code rate} from {@code at} on. */
    public record Step(long at, double rate) {
    }

    /** Rate 0 until the first step, then each step's rate from its {@code at}; {@code at}s must increase. */
    public static RateSeries steps(List<Step> steps) {
        require(!steps.isEmpty(), "steps needs at least one step");
        Steps s = new Steps();
        long prev = -1;
        for (Step st : steps) {
            require(st.at() > prev, "step times must increase");
            s.add(st.at(), st.rate());
            prev = st.at();
        }
        return s.series();
    }

    /**
     * A daily (or other periodic) cycle in one-minute steps up to {@code horizon}: the step starting
     * at {@code t} has rate {@code max(0, mean + amplitude * cos(2π (t - peak) / period))}; the last
     * step lasts on.
     */
    public static RateSeries diurnal(double mean, double amplitude, long period, long peak, long horizon) {
        require(period > 0, "diurnal period must be positive");
        Steps s = new Steps();
        for (long t = 0; t < Math.max(horizon, 1); t += DIURNAL_STEP) {
            double phase = 2 * Math.PI * ((t - peak) % period) / period;
            s.add(t, Math.max(0, mean + amplitude * Math.cos(phase)));
        }
        return s.series();
    }

    /**
     * One burst of {@link #spikes}: from {@code at} for {@code duration}, either {@code rate}
     * requests per second, or (when {@code rate} is NaN) the base rate times {@code multiplier}.
     */
    public record Burst(long at, long duration, double rate, double multiplier) {
        public static Burst absolute(long at, long duration, double rate) {
            return new Burst(at, duration, rate, Double.NaN);
        }

        public static Burst relative(long at, long duration, double multiplier) {
            return new Burst(at, duration, Double.NaN, multiplier);
        }

        double rateOver(double base) {
            return Double.isNaN(rate) ? base * multiplier : rate;
        }
    }

    /** {@code base} with bursts on top; bursts must not overlap (they may touch). */
    public static RateSeries spikes(double base, List<Burst> bursts) {
        List<Burst> sorted = new ArrayList<>(bursts);
        sorted.sort(Comparator.comparingLong(Burst::at));
        Steps s = new Steps();
        s.add(0, base);
        long free = 0;
        for (Burst b : sorted) {
            require(b.at() >= free, "bursts must not overlap");
            require(b.duration() > 0, "a burst's duration must be positive");
            s.add(b.at(), b.rateOver(base));
            s.add(b.at() + b.duration(), base);
            free = b.at() + b.duration();
        }
        return s.series();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Builds a series; a step added at the time of the previous one replaces it. */
    private static final class Steps {
        private final List<Long> times = new ArrayList<>();
        private final List<Double> rates = new ArrayList<>();

        void add(long t, double rate) {
            int last = times.size() - 1;
            if (last >= 0 && times.get(last) == t) {
                rates.set(last, rate);
            } else {
                times.add(t);
                rates.add(rate);
            }
        }

        RateSeries series() {
            long[] t = new long[times.size()];
            double[] r = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = times.get(i);
                r[i] = rates.get(i);
            }
            return new RateSeries(t, r);
        }
    }
}
