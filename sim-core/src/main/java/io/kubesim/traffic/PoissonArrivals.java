package io.kubesim.traffic;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * A non-homogeneous Poisson process over a step series, exactly: exponential gaps at the rate of
 * the step in force; a gap that would cross the step's end is discarded and drawing restarts at
 * the boundary with the next step's rate, which is exact because the exponential is memoryless.
 * A step at rate 0 has no arrivals. Time is kept as a double of microseconds between draws
 * (about 1e-5 µs resolution over a month) and rounded to the nearest microsecond when returned.
 */
final class PoissonArrivals implements ArrivalSequence {
    private static final double MICROS_PER_SECOND = 1e6;

    private final RateSeries series;
    private final RandomGenerator rng;
    private double t;

    PoissonArrivals(RateSeries series, RandomGenerator rng) {
        this.series = series;
        this.rng = rng;
    }

    @Override
    public long draw() {
        while (true) {
            long at = (long) Math.floor(t);
            long end = StepCursor.end(series, at);
            double rate = series.rateAt(at);
            if (rate == 0) {
                if (end == Long.MAX_VALUE) {
                    return Long.MAX_VALUE;
                }
                t = end;
                continue;
            }
            double gap = -Math.log(1.0 - rng.nextDouble()) / rate * MICROS_PER_SECOND;
            double candidate = t + gap;
            if (candidate >= end) {
                t = end;
                continue;
            }
            t = candidate;
            return Math.round(candidate);
        }
    }
}
