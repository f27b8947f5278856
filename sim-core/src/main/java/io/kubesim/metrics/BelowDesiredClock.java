package io.kubesim.metrics;

/**
 * Accumulates how long a workload had fewer available pods than it desired, counting only from
 * the first time it was fully available (a workload still starting up is not "below desired";
 * that time belongs to its startup). Fed with every change of the counts, in time order.
 */
public final class BelowDesiredClock {
    private boolean fullyAvailable;
    private long belowSince = -1;
    private long total;

    /** The workload has {@code available} of {@code desired} pods available from {@code now} on. */
    public void update(long now, int available, int desired) {
        if (!fullyAvailable) {
            if (desired <= 0 || available < desired) {
                return;
            }
            fullyAvailable = true;
        }
        boolean below = available < desired;
        if (below && belowSince < 0) {
            belowSince = now;
        } else if (!below && belowSince >= 0) {
            total += now - belowSince;
            belowSince = -1;
        }
    }

    /** Microseconds spent below desired up to {@code now} (an open stretch counts up to now); -1 if never fully available. */
    public long micros(long now) {
        if (!fullyAvailable) {
            return -1;
        }
        return total + (belowSince >= 0 ? Math.max(0, now - belowSince) : 0);
    }
}
