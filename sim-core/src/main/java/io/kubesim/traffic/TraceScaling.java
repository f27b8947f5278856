package io.kubesim.traffic;

import java.util.Arrays;

/**
 * How a recorded trace is played: from trace time {@code offset} on, with its time axis multiplied
 * by {@code timeScale} (0.1 plays a day in 2.4 h) and its rates by {@code rateScale}. Scaling time
 * keeps every request, so a rate series' rates are divided by {@code timeScale} as well, and a
 * trace replays the same whether it is given as timestamps or as rates.
 *
 * @param timeScale factor on trace durations, greater than 0
 * @param rateScale factor on rates, at least 0 (rate series only)
 * @param offset    the trace time (microseconds from the trace's start) that plays at time 0
 */
public record TraceScaling(double timeScale, double rateScale, long offset) {
    public static final TraceScaling NONE = new TraceScaling(1, 1, 0);

    public TraceScaling {
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("timeScale must be greater than 0");
        }
        if (!(rateScale >= 0) || Double.isInfinite(rateScale)) {
            throw new IllegalArgumentException("rateScale must not be negative");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
    }

    /** Trace time to simulated time (for times at or after the offset), rounded to the microsecond. */
    public long toSimTime(long traceTime) {
        return Math.round((traceTime - offset) * timeScale);
    }

    /**
     * The series as played: the step in force at {@code offset} starts at 0; steps that scaling
     * squeezes onto the same microsecond keep the later one.
     */
    public RateSeries apply(RateSeries s) {
        long[] times = s.times();
        double[] rates = s.rates();
        double factor = rateScale / timeScale;
        long[] t = new long[times.length + 1];
        double[] r = new double[t.length];
        int first = s.stepAt(offset);
        // the step in force at the offset (silence if the trace starts later) plays from 0
        t[0] = 0;
        r[0] = first < 0 ? 0 : rates[first] * factor;
        int n = 1;
        for (int i = Math.max(0, first + 1); i < times.length; i++) {
            long at = toSimTime(times[i]);
            if (t[n - 1] == at) {
                n--;
            }
            t[n] = at;
            r[n++] = rates[i] * factor;
        }
        return new RateSeries(Arrays.copyOf(t, n), Arrays.copyOf(r, n));
    }

    /** Recorded instants as played: those before {@code offset} dropped; {@code rateScale} must be 1. */
    public long[] apply(long[] recorded) {
        if (rateScale != 1) {
            throw new IllegalArgumentException("rateScale applies to rate series; recorded arrivals replay as recorded");
        }
        int from = 0;
        while (from < recorded.length && recorded[from] < offset) {
            from++;
        }
        long[] out = new long[recorded.length - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = toSimTime(recorded[from + i]);
        }
        return out;
    }

    /** The arrivals as played: a rate series or recorded instants scaled as above. */
    public ArrivalSpec apply(ArrivalSpec spec) {
        if (spec instanceof ArrivalSpec.ClosedLoop) {
            return spec; // not a trace
        }
        if (spec instanceof ArrivalSpec.Rate r) {
            return new ArrivalSpec.Rate(apply(r.series()), r.poisson());
        }
        return new ArrivalSpec.Recorded(apply(((ArrivalSpec.Recorded) spec).times()));
    }
}
