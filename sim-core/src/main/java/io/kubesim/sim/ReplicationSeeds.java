package io.kubesim.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The seeds of a scenario's replications: replication 1 is the scenario's own seed, replication
 * {@code i} a SplitMix64 step from it. Every command that replicates (run, sweep, capacity) uses
 * these, so the same scenario gets the same seeds everywhere (common random numbers).
 */
public final class ReplicationSeeds {
    private ReplicationSeeds() {
    }

    /** The seed of replication {@code i} (from 1). */
    public static long seed(long base, int i) {
        if (i <= 1) {
            return base;
        }
        long z = base + (long) (i - 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }

    /** The seeds of {@code n} replications. */
    public static List<Long> of(long base, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(seed(base, i));
        }
        return out;
    }
}
