package io.kubesim.api;

/**
 * A DaemonSet's update strategy (k8s-semantics.md 12.1, 12.6): {@code OnDelete}, or
 * {@code RollingUpdate} with maxUnavailable and maxSurge (apps/v1 defaults 1 and 0; validation
 * keeps exactly one of them non-zero).
 */
public record DaemonSetUpdateStrategy(boolean onDelete, IntOrPercent maxUnavailable, IntOrPercent maxSurge) {
    public static final IntOrPercent DEFAULT_MAX_UNAVAILABLE = IntOrPercent.ofInt(1);
    public static final IntOrPercent DEFAULT_MAX_SURGE = IntOrPercent.ofInt(0);
    /** apps/v1's default: RollingUpdate, maxUnavailable 1, maxSurge 0. */
    public static final DaemonSetUpdateStrategy DEFAULT_ROLLING =
            new DaemonSetUpdateStrategy(false, DEFAULT_MAX_UNAVAILABLE, DEFAULT_MAX_SURGE);
    /** extensions/v1beta1's default (16.4). */
    public static final DaemonSetUpdateStrategy ON_DELETE = new DaemonSetUpdateStrategy(true, null, null);

    public String typeName() {
        return onDelete ? "OnDelete" : "RollingUpdate";
    }
}
