package io.kubesim.controllers;

import java.util.HashMap;
import java.util.Map;

/**
 * client-go's {@code DefaultControllerRateLimiter} (k8s-semantics.md 15.1): the larger of a
 * per-item exponential back-off, 5 ms x 2^failures capped at 1000 s, and an overall token bucket
 * of 10 qps with a burst of 100. A key's failures are forgotten after a sync without error.
 */
final class ControllerRateLimiter {
    static final long BASE_DELAY = 5_000;
    static final long MAX_DELAY = 1_000_000_000L;
    static final double QPS = 10;
    static final double BURST = 100;

    /** Lookup only, never iterated. */
    private final Map<String, Integer> failures = new HashMap<>();
    private double tokens = BURST;
    private long last;

    /** The delay before {@code key} may run again, in microseconds; counts one more failure. */
    long when(String key, long now) {
        int n = failures.getOrDefault(key, 0);
        failures.put(key, n + 1);
        long item = n >= 30 ? MAX_DELAY : Math.min(MAX_DELAY, BASE_DELAY << n);
        return Math.max(item, bucketDelay(now));
    }

    /** Forget: the key's next failure starts again at 5 ms. */
    void forget(String key) {
        failures.remove(key);
    }

    /** How many failures in a row the key has had. */
    int numRequeues(String key) {
        return failures.getOrDefault(key, 0);
    }

    /** rate.Limiter.Reserve().Delay(): takes a token, waiting for it when the bucket is empty. */
    private long bucketDelay(long now) {
        tokens = Math.min(BURST, tokens + (now - last) / 1e6 * QPS);
        last = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / QPS * 1e6);
    }
}
