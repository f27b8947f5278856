package io.kubesim.traffic;

/**
 * Deterministic arrivals evenly spaced at the rate in force: one arrival each time the integral
 * of the rate since the last arrival reaches 1 (the first at {@code 1/rate} after time 0). The
 * accumulated fraction carries over step boundaries, so a rate change takes effect exactly at the
 * boundary, a step at rate 0 has no arrivals, splitting a step into equal steps changes nothing,
 * and a rate below one per step still produces its arrivals.
 */
final class EvenlySpacedArrivals implements ArrivalSequence {
    private static final double MICROS_PER_SECOND = 1e6;
    /** Floating-point slack so an arrival due exactly at a step's end stays in that step. */
    private static final double EPSILON_MICROS = 1e-6;

    private final RateSeries series;
    private double t;
    /** Requests accumulated since the last arrival, in [0, 1). */
    private double phase;

    EvenlySpacedArrivals(RateSeries series) {
        this.series = series;
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
            double candidate = t + Math.max(0, 1.0 - phase) / rate * MICROS_PER_SECOND;
            if (candidate > end + EPSILON_MICROS) {
                phase += rate * (end - t) / MICROS_PER_SECOND;
                t = end;
                continue;
            }
            phase = 0;
            t = candidate;
            return Math.round(candidate);
        }
    }
}
