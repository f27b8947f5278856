package io.kubesim.app;

import io.kubesim.engine.SimTime;
import java.util.EnumSet;
import java.util.Set;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * When and how a client tries a failed request again.
 *
 * @param retries       attempts after the first (0: none)
 * @param perTryTimeout each attempt's own time limit (0: none; the request's timeout still bounds
 *                      all attempts together)
 * @param backoffBase   the first back-off interval; 0 retries at once
 * @param backoffMax    the longest back-off interval
 * @param on            the failures retried
 * @param otherHost     a retry avoids the endpoint the last attempt went to, when another one is
 *                      there (Envoy's {@code previous_hosts}, ingress-nginx's next upstream); only
 *                      balancers that pick per request can do it, kube-proxy picks afresh
 * @param budget        how many retries the client may send at most, or null for no limit
 */
public record RetryPolicy(int retries, long perTryTimeout, long backoffBase, long backoffMax, Set<RetryOn> on,
                          boolean otherHost, RetryBudget budget) {
    /** No retries. */
    public static final RetryPolicy NONE = new RetryPolicy(0, 0, 0, 0, Set.of(), false, null);

    /**
     * Envoy's back-off when a retry policy sets none (k8s-semantics.md 17.8): 25 ms base, ten
     * times that at most.
     */
    public static final long DEFAULT_BACKOFF_BASE = SimTime.millis(25);

    public RetryPolicy {
        on = on.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(on));
        if (retries < 0 || perTryTimeout < 0 || backoffBase < 0 || backoffMax < backoffBase) {
            throw new IllegalArgumentException("invalid retry policy");
        }
    }

    /**
     * The wait before retry number {@code retry} (1 for the first): fully jittered exponential
     * back-off, uniform in [0, min(max, base x 2^(retry-1))], as Envoy and gRPC clients do.
     */
    public long backoff(int retry, RandomGenerator rng) {
        if (backoffBase == 0) {
            return 0;
        }
        double ceiling = Math.min((double) backoffMax, backoffBase * Math.pow(2, Math.min(retry - 1, 30)));
        return (long) (rng.nextDouble() * ceiling);
    }
}
