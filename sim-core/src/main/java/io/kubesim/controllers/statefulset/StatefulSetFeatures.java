package io.kubesim.controllers.statefulset;

/**
 * The feature gates that change the StatefulSet controller (k8s-semantics.md 11.1), at their
 * Kubernetes 1.35 defaults.
 *
 * @param maxUnavailableStatefulSet rolling updates honour {@code rollingUpdate.maxUnavailable}
 *                                  (beta, on from 1.35; before that one pod at a time)
 * @param podIndexLabel             pods get the {@code apps.kubernetes.io/pod-index} label (on from 1.28)
 */
public record StatefulSetFeatures(boolean maxUnavailableStatefulSet, boolean podIndexLabel) {
    public static final StatefulSetFeatures DEFAULT = new StatefulSetFeatures(true, true);
    /** Releases before 1.35: updates go one pod at a time whatever maxUnavailable says. */
    public static final StatefulSetFeatures UP_TO_1_34 = new StatefulSetFeatures(false, true);
}
