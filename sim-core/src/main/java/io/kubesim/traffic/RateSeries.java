package io.kubesim.traffic;

import java.util.Arrays;

/**
 * A request rate over virtual time as steps: {@code rates[i]} requests per second from
 * {@code times[i]} until {@code times[i + 1]} (the last step lasts forever). Constant, ramp,
 * step, diurnal and spiky loads and per-second or per-minute traces are all step series.
 */
public record RateSeries(long[] times, double[] rates) {
    public RateSeries {
        if (times.length != rates.length || times.length == 0) {
            throw new IllegalArgumentException("a rate series needs as many times as rates, at least one");
        }
        for (int i = 1; i < times.length; i++) {
            if (times[i] <= times[i - 1]) {
                throw new IllegalArgumentException("rate series times must increase");
            }
        }
        for (double r : rates) {
            if (!(r >= 0) || Double.isInfinite(r)) {
                throw new IllegalArgumentException("rates must be finite and not negative");
            }
        }
        times = times.clone();
        rates = rates.clone();
    }

    public static RateSeries constant(double perSecond) {
        return new RateSeries(new long[]{0}, new double[]{perSecond});
    }

    /** The highest rate of any step. */
    public double peak() {
        double peak = 0;
        for (double r : rates) {
            peak = Math.max(peak, r);
        }
        return peak;
    }

    /** The index of the step in force at {@code t} (-1 before the first). */
    public int stepAt(long t) {
        int i = Arrays.binarySearch(times, t);
        return i >= 0 ? i : -i - 2;
    }

    /** Requests per second at time {@code t}; 0 before the first step. */
    public double rateAt(long t) {
        int i = stepAt(t);
        return i < 0 ? 0 : rates[i];
    }

    /** When the step in force at {@code t} ends, or Long.MAX_VALUE for the last. */
    public long stepEnd(long t) {
        int i = stepAt(t);
        return i + 1 < times.length ? times[i + 1] : Long.MAX_VALUE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RateSeries r && Arrays.equals(times, r.times) && Arrays.equals(rates, r.rates);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(times) + Arrays.hashCode(rates);
    }

    @Override
    public String toString() {
        return "RateSeries[" + times.length + " steps]";
    }
}
