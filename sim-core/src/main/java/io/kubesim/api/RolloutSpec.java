package io.kubesim.api;

/**
 * An Argo Rollout's spec (argoproj.io/v1alpha1; k8s-semantics.md 20), with the defaults of 20.1
 * applied by the reader.
 *
 * @param replicas                null when the manifest omits it (1, unless an HPA owns the count)
 * @param template                the pod template; null when {@code workloadRef} names a Deployment
 * @param selector                null only with a {@code workloadRef} (taken from the Deployment)
 * @param progressDeadlineSeconds 600 by default
 * @param progressDeadlineAbort   abort, rather than only mark Degraded, when the deadline passes
 */
public record RolloutSpec(Integer replicas, LabelSelector selector, PodTemplate template, WorkloadRef workloadRef,
                          int minReadySeconds, int revisionHistoryLimit, int progressDeadlineSeconds,
                          boolean progressDeadlineAbort, boolean paused, RolloutStrategy strategy) {
    public static final int DEFAULT_REVISION_HISTORY_LIMIT = 10;
    public static final int DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

    public int replicasOrDefault() {
        return replicas == null ? 1 : replicas;
    }

    /** The same spec with the template and selector a workloadRef resolved to (20.7). */
    public RolloutSpec withTemplate(LabelSelector s, PodTemplate t) {
        return new RolloutSpec(replicas, s, t, workloadRef, minReadySeconds, revisionHistoryLimit,
                progressDeadlineSeconds, progressDeadlineAbort, paused, strategy);
    }

    /**
     * {@code spec.workloadRef} (20.7): the Deployment whose template and selector the Rollout runs.
     *
     * @param scaleDown {@code never} (the default), {@code onsuccess} or {@code progressively}
     */
    public record WorkloadRef(String kind, String name, String scaleDown) {
        public static final String NEVER = "never";
        public static final String ON_SUCCESS = "onsuccess";
        public static final String PROGRESSIVELY = "progressively";
    }
}
