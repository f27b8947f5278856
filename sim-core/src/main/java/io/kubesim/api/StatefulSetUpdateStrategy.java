package io.kubesim.api;

/**
 * A StatefulSet's {@code spec.updateStrategy} with the apps/v1 defaults applied (k8s-semantics.md
 * 11.1): RollingUpdate, or OnDelete.
 *
 * @param onDelete       {@code type: OnDelete}: the controller never replaces pods for an update
 * @param rollingUpdate  whether the {@code rollingUpdate} struct exists (the defaulter creates it
 *                       only when it also defaulted the type; 16.3). Without it there is no
 *                       partition, and a recreated pod below {@code status.currentReplicas} gets
 *                       the current revision (11.5)
 * @param partition      ordinals (from {@code ordinals.start}) below this stay at the current
 *                       revision; 0 when absent
 * @param maxUnavailable {@code rollingUpdate.maxUnavailable}; 1 when absent (the default the
 *                       MaxUnavailableStatefulSet gate fills in)
 */
public record StatefulSetUpdateStrategy(boolean onDelete, boolean rollingUpdate, int partition,
                                        IntOrPercent maxUnavailable) {
    public static final IntOrPercent DEFAULT_MAX_UNAVAILABLE = IntOrPercent.ofInt(1);
    /** apps/v1 with nothing written: RollingUpdate, partition 0, maxUnavailable 1. */
    public static final StatefulSetUpdateStrategy DEFAULT = new StatefulSetUpdateStrategy(false, true, 0,
            DEFAULT_MAX_UNAVAILABLE);
    /** {@code type: OnDelete}. */
    public static final StatefulSetUpdateStrategy ON_DELETE = new StatefulSetUpdateStrategy(true, false, 0,
            DEFAULT_MAX_UNAVAILABLE);

    public StatefulSetUpdateStrategy {
        maxUnavailable = maxUnavailable == null ? DEFAULT_MAX_UNAVAILABLE : maxUnavailable;
    }

    /** RollingUpdate with a {@code rollingUpdate} struct. */
    public static StatefulSetUpdateStrategy rolling(int partition, IntOrPercent maxUnavailable) {
        return new StatefulSetUpdateStrategy(false, true, partition, maxUnavailable);
    }

    public String typeName() {
        return onDelete ? "OnDelete" : "RollingUpdate";
    }
}
