package io.kubesim.kubelet;

/**
 * How a node's CPU is split among its containers. Each container is capped by its CFS quota (its
 * limit) and by what it wants; when the node cannot give everyone that, the kernel's scheduler
 * shares the CPU in proportion to cpu.shares, which the kubelet sets from the CPU requests. What
 * a container leaves unused is shared among the others in the same proportions (water-filling).
 */
final class CpuAllocation {
    private CpuAllocation() {
    }

    /**
     * Fills {@code allocated[i]} for the first {@code n} containers.
     *
     * @param demand   cores each container wants
     * @param limit    each container's limit in cores (infinite when none)
     * @param shares   each container's cpu.shares weight (its request in cores, at least the minimum)
     * @param capacity the node's cores
     * @param satisfied scratch space of at least {@code n}
     */
    static void allocate(int n, double[] demand, double[] limit, double[] shares, double capacity,
                         double[] allocated, boolean[] satisfied) {
        double wanted = 0;
        for (int i = 0; i < n; i++) {
            double cap = Math.min(demand[i], limit[i]);
            allocated[i] = cap;
            satisfied[i] = false;
            wanted += cap;
        }
        if (wanted <= capacity) {
            return;
        }
        double remaining = capacity;
        int open = n;
        boolean changed = true;
        while (changed && open > 0) {
            changed = false;
            double weight = 0;
            for (int i = 0; i < n; i++) {
                if (!satisfied[i]) {
                    weight += shares[i];
                }
            }
            for (int i = 0; i < n; i++) {
                if (!satisfied[i] && Math.min(demand[i], limit[i]) <= remaining * shares[i] / weight) {
                    satisfied[i] = true;
                    remaining -= allocated[i];
                    open--;
                    changed = true;
                }
            }
        }
        double weight = 0;
        for (int i = 0; i < n; i++) {
            if (!satisfied[i]) {
                weight += shares[i];
            }
        }
        for (int i = 0; i < n; i++) {
            if (!satisfied[i]) {
                allocated[i] = remaining * shares[i] / weight;
            }
        }
    }
}
