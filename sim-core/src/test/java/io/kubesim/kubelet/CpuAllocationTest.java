package io.kubesim.kubelet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How a node's CPU is split: CFS quota caps, then cpu.shares (from requests) under contention. */
class CpuAllocationTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    private static double[] allocate(double capacity, double[] demand, double[] limit, double[] shares) {
        int n = demand.length;
        double[] out = new double[n];
        CpuAllocation.allocate(n, demand, limit, shares, capacity, out, new boolean[n]);
        return out;
    }

    @Test
    @DisplayName("enough CPU: each gets what it wants, capped at its limit (CFS quota)")
    void uncontended() {
        double[] got = allocate(8, new double[]{1.5, 3.0}, new double[]{INF, 2.0}, new double[]{0.5, 1.0});
        assertArrayEquals(new double[]{1.5, 2.0}, got, 1e-12);
    }

    @Test
    @DisplayName("contended: shares in proportion to requests")
    void contendedByShares() {
        // 4 cores; both want 4; requests 1 and 3 → 1 and 3
        double[] got = allocate(4, new double[]{4, 4}, new double[]{INF, INF}, new double[]{1, 3});
        assertArrayEquals(new double[]{1, 3}, got, 1e-12);
    }

    @Test
    @DisplayName("contended: what one does not use goes to the others in the same proportions (water-filling)")
    void unusedShareRedistributed() {
        // 4 cores; shares 1:1:2; the first wants only 0.2 → the rest (3.8) split 1:2
        double[] got = allocate(4, new double[]{0.2, 4, 4}, new double[]{INF, INF, INF}, new double[]{1, 1, 2});
        assertArrayEquals(new double[]{0.2, 3.8 / 3, 3.8 * 2 / 3}, got, 1e-12);
    }

    @Test
    @DisplayName("a limit below the fair share frees the rest for the others")
    void limitBelowShare() {
        double[] got = allocate(4, new double[]{4, 4}, new double[]{0.5, INF}, new double[]{2, 2});
        assertArrayEquals(new double[]{0.5, 3.5}, got, 1e-12);
    }
}
