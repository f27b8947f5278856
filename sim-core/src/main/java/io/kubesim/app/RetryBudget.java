package io.kubesim.app;

import io.kubesim.engine.SimTime;

/**
 * A retry budget as Linkerd and Finagle keep one: over the last {@code ttl}, retries may be at
 * most {@code ratio} of the requests sent, plus {@code minPerSecond} a second, so a failing
 * backend is not buried under retries (a retry storm). Counted in whole seconds.
 *
 * @param ratio        retries allowed per request sent (Linkerd's default 0.2)
 * @param minPerSecond retries allowed each second whatever the ratio (Linkerd: 10)
 * @param ttl          the window (Linkerd: 10 s)
 */
public record RetryBudget(double ratio, double minPerSecond, long ttl) {
    public static final RetryBudget LINKERD_DEFAULT = new RetryBudget(0.2, 10, SimTime.seconds(10));

    public RetryBudget {
        if (ratio < 0 || minPerSecond < 0 || ttl < SimTime.seconds(1)) {
            throw new IllegalArgumentException("invalid retry budget");
        }
    }
}
