package io.kubesim.traffic;

import io.kubesim.engine.DurationDistribution;

/**
 * Remembered values of {@link DurationDistribution#survival}: the fluid model asks for the same
 * few arguments again and again (the ages of its steps' requests are multiples of the step), and
 * a log-normal's survival costs a logarithm and an erfc. A direct-mapped table: a collision only
 * recomputes, and a value returned is the very number {@code survival} gives, so results do not
 * depend on what the table holds. One per simulation (not thread-safe).
 */
final class SurvivalMemo {
    private static final int SIZE = 1 << 12;

    private final DurationDistribution[] distributions = new DurationDistribution[SIZE];
    private final long[] arguments = new long[SIZE];
    private final double[] values = new double[SIZE];

    /** {@code distribution.survival(x)}. */
    double survival(DurationDistribution distribution, double x) {
        long bits = Double.doubleToRawLongBits(x);
        long h = (bits ^ (bits >>> 29)) * 0x9E3779B97F4A7C15L + System.identityHashCode(distribution);
        int slot = (int) (h ^ (h >>> 32)) & (SIZE - 1);
        if (distributions[slot] == distribution && arguments[slot] == bits) {
            return values[slot];
        }
        double value = distribution.survival(x);
        distributions[slot] = distribution;
        arguments[slot] = bits;
        values[slot] = value;
        return value;
    }
}
