package io.kubesim.kubelet;

/**
 * How much slower requests are served when a container's CPU is short. The CPU part of a request
 * (its share of the service time) waits for CPU as in a processor-sharing queue with the cores
 * the container can use (its share of the node plus idle CPU, at most its limit): stretched by the M/M/k mean response ratio
 * {@code 1 + C(k, kρ) / (k (1 − ρ))} with {@code k = max(1, ⌊allocated⌋)} and
 * {@code ρ = demand / allocated}, capped at {@link #MAX_UTILISATION}. Near and above the quota
 * this explodes, which is what CFS throttling does to a service that asks for more CPU than its
 * limit: requests pile up and time out. The part of the service time spent waiting on I/O is not
 * slowed.
 */
final class CpuSlowdown {
    /** Above this the container cannot keep up; the stretch is taken at this utilisation. */
    static final double MAX_UTILISATION = 0.99;

    private CpuSlowdown() {
    }

    /**
     * @param demand    cores the container wants
     * @param allocated cores it could use: its allocation plus what the node leaves idle, at most its limit
     * @param cpuShare  the share of the service time that is CPU work, 0 to 1
     */
    static double factor(double demand, double allocated, double cpuShare) {
        if (cpuShare <= 0 || demand <= 0) {
            return 1.0;
        }
        double rho = allocated <= 0 ? MAX_UTILISATION : Math.min(MAX_UTILISATION, demand / allocated);
        int k = Math.max(1, (int) Math.floor(allocated));
        return 1.0 + cpuShare * (stretch(k, rho) - 1.0);
    }

    /** Mean response time over mean service time in M/M/k at utilisation {@code rho}. */
    static double stretch(int k, double rho) {
        double a = k * rho;
        double b = 1.0; // Erlang B, by the recursion B(n) = a B(n-1) / (n + a B(n-1))
        for (int n = 1; n <= k; n++) {
            b = a * b / (n + a * b);
        }
        double c = b / (1 - rho * (1 - b)); // Erlang C
        return 1.0 + c / (k * (1 - rho));
    }
}
