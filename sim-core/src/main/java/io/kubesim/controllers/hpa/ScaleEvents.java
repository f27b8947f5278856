package io.kubesim.controllers.hpa;

import java.util.ArrayList;
import java.util.List;

/**
 * One direction's recorded scale events (replica change, timestamp) that the rate-limit policies of
 * k8s-semantics.md 1.9 count: an event counts toward a policy when strictly newer than
 * {@code now − periodSeconds}; an event older than the longest period gives its slot to the next.
 */
final class ScaleEvents {
    private final List<long[]> events = new ArrayList<>(); // {change, timestamp}

    /** Replicas changed by events strictly newer than {@code now − period}. */
    int changeSince(long cutoff) {
        int sum = 0;
        for (long[] e : events) {
            if (e[1] > cutoff) {
                sum += (int) e[0];
            }
        }
        return sum;
    }

    void store(int change, long now, long outdatedBefore) {
        for (long[] e : events) {
            if (e[1] <= outdatedBefore) {
                e[0] = change;
                e[1] = now;
                return;
            }
        }
        events.add(new long[] {change, now});
    }
}
