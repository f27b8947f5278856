package io.kubesim.traffic;

/** Transformations of arrival specifications. */
public final class ArrivalSpecs {
    private ArrivalSpecs() {
    }

    /**
     * The same arrivals, {@code delay} microseconds later: nothing arrives before {@code delay},
     * and what would have arrived at time t arrives at t + delay. For rates, a zero-rate step is
     * put in front; closed-loop users start later.
     */
    public static ArrivalSpec delayed(ArrivalSpec spec, long delay) {
        if (delay < 0) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        if (delay == 0) {
            return spec;
        }
        if (spec instanceof ArrivalSpec.ClosedLoop c) {
            return c.delayed(delay);
        }
        if (spec instanceof ArrivalSpec.Recorded r) {
            long[] times = r.times();
            long[] shifted = new long[times.length];
            for (int i = 0; i < times.length; i++) {
                shifted[i] = times[i] + delay;
            }
            return new ArrivalSpec.Recorded(shifted);
        }
        ArrivalSpec.Rate rate = (ArrivalSpec.Rate) spec;
        long[] times = rate.series().times();
        double[] rates = rate.series().rates();
        long[] t = new long[times.length + 1];
        double[] r = new double[rates.length + 1];
        t[0] = 0;
        r[0] = 0;
        for (int i = 0; i < times.length; i++) {
            t[i + 1] = times[i] + delay;
            r[i + 1] = rates[i];
        }
        return new ArrivalSpec.Rate(new RateSeries(t, r), rate.poisson());
    }
}
