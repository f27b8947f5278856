package io.kubesim.cluster;

/**
 * When a PodDisruptionBudget lets a not-Ready pod be evicted (policy/v1
 * {@code spec.unhealthyPodEvictionPolicy}, k8s-semantics.md 6.2).
 */
public enum UnhealthyPodEvictionPolicy {
    /** Only while the budget is met ({@code currentHealthy >= desiredHealthy > 0}); the default. */
    IF_HEALTHY_BUDGET("IfHealthyBudget"),
    /** Always, without using up the budget. */
    ALWAYS_ALLOW("AlwaysAllow");

    private final String wireName;

    UnhealthyPodEvictionPolicy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The policy for an API value; null for an unknown one. */
    public static UnhealthyPodEvictionPolicy parse(String s) {
        for (UnhealthyPodEvictionPolicy p : values()) {
            if (p.wireName.equals(s)) {
                return p;
            }
        }
        return null;
    }
}
