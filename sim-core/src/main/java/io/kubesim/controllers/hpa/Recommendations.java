package io.kubesim.controllers.hpa;

import java.util.ArrayList;
import java.util.List;

/**
 * One HPA's log of past recommendations (one per sync) for the stabilization windows of
 * k8s-semantics.md 1.8 and 1.9. A new entry reuses the slot of one older than every window.
 */
final class Recommendations {
    private final List<long[]> entries = new ArrayList<>(); // {replicas, timestamp}

    /** The minimum of desired and every entry strictly newer than cutoff. */
    int minNewerThan(long cutoff, int desired) {
        int r = desired;
        for (long[] e : entries) {
            if (e[1] > cutoff) {
                r = (int) Math.min(r, e[0]);
            }
        }
        return r;
    }

    /** The maximum of desired and every entry strictly newer than cutoff. */
    int maxNewerThan(long cutoff, int desired) {
        int r = desired;
        for (long[] e : entries) {
            if (e[1] > cutoff) {
                r = (int) Math.max(r, e[0]);
            }
        }
        return r;
    }

    /** Stores a recommendation, reusing a slot older than {@code oldCutoff} if there is one. */
    void store(int replicas, long now, long oldCutoff) {
        for (long[] e : entries) {
            if (e[1] < oldCutoff) {
                e[0] = replicas;
                e[1] = now;
                return;
            }
        }
        entries.add(new long[] {replicas, now});
    }
}
