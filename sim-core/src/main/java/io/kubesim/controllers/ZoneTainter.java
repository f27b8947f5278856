package io.kubesim.controllers;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One zone's queue of nodes waiting for their NoExecute taint, worked through a
 * {@link TokenBucket} (upstream's {@code RateLimitedTimedQueue} per zone): each node taken off the
 * queue costs a token, so a zone's nodes are tainted at the zone's rate.
 */
final class ZoneTainter {
    private final Set<String> queue = new LinkedHashSet<>();
    private TokenBucket limiter;

    ZoneTainter(double qps, long now) {
        limiter = new TokenBucket(qps, now);
    }

    /** Adds the node unless it is queued already. */
    void add(String node) {
        queue.add(node);
    }

    void remove(String node) {
        queue.remove(node);
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    double qps() {
        return limiter.qps();
    }

    /** A new rate (a fresh, full bucket); the same rate keeps the bucket (SwapLimiter). */
    void swapLimiter(double qps, long now) {
        if (qps != limiter.qps()) {
            limiter = new TokenBucket(qps, now);
        }
    }

    /** Works the queue in order while tokens last; {@code process} handles one node. */
    void work(long now, Predicate<String> process) {
        List<String> done = new ArrayList<>();
        for (String node : queue) {
            if (!limiter.tryAccept(now)) {
                break;
            }
            if (process.test(node)) {
                done.add(node);
            }
        }
        done.forEach(queue::remove);
    }
}
