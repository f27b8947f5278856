package io.kubesim.controllers;

/**
 * A token-bucket rate limiter with a burst of 1, as client-go's flowcontrol
 * {@code NewTokenBucketRateLimiter(qps, 1)} that the node-lifecycle controller gives each zone's
 * tainting queue: it starts full, refills at {@code qps} tokens per second, and a rate of 0 never
 * accepts ({@code NewFakeNeverRateLimiter}).
 */
final class TokenBucket {
    private final double qps;
    private double tokens = 1;
    private long last;

    TokenBucket(double qps, long now) {
        this.qps = qps;
        this.last = now;
    }

    double qps() {
        return qps;
    }

    /** Takes a token if one is there. */
    boolean tryAccept(long now) {
        if (qps <= 0) {
            return false;
        }
        tokens = Math.min(1, tokens + (now - last) / 1e6 * qps);
        last = now;
        if (tokens >= 1 - 1e-9) {
            tokens = Math.max(0, tokens - 1);
            return true;
        }
        return false;
    }
}
