package io.kubesim.traffic;

/**
 * Turns fluid amounts of outcomes into whole requests per cause: fractions are carried until they
 * add up to a request, so counts stay whole numbers whose sum is the total. An amount moved from
 * served to a failure ({@link #reclassify}) takes whole requests back from {@code ok} as its
 * fractions add up.
 */
final class FluidTally {
    private final double[] carry = new double[RequestCause.values().length];

    /** The whole requests (0 or more) that {@code amount} more of {@code cause} completes. */
    long add(RequestCause cause, double amount) {
        return amount > 0 ? take(cause, amount) : 0;
    }

    /**
     * Moves {@code amount} from {@code ok} to {@code cause}; {@code counts} receives the whole
     * requests gained by {@code cause} (at index 0, 0 or more) and by {@code ok} (at index 1, 0
     * or fewer).
     */
    void reclassify(RequestCause cause, double amount, long[] counts) {
        counts[0] = 0;
        counts[1] = 0;
        if (amount > 0) {
            counts[0] = take(cause, amount);
            counts[1] = take(RequestCause.OK, -amount);
        }
    }

    private long take(RequestCause cause, double amount) {
        double c = carry[cause.ordinal()] + amount;
        long whole = (long) Math.floor(c);
        carry[cause.ordinal()] = c - whole;
        return whole;
    }
}
