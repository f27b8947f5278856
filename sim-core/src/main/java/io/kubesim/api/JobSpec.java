package io.kubesim.api;

/**
 * A Job's spec (batch/v1) with the API defaults applied (k8s-semantics.md 13.1): what a Job
 * manifest declares and what a CronJob's {@code jobTemplate} stamps on each Job it creates.
 *
 * @param parallelism             pods to run at once; 1 when unset
 * @param completions             successes needed; null for a work-queue Job (parallelism set, completions not)
 * @param indexed                 {@code completionMode: Indexed} (else NonIndexed)
 * @param backoffLimit            failed pods tolerated before the Job fails; 6 when unset
 * @param activeDeadlineSeconds   null: no deadline
 * @param ttlSecondsAfterFinished null: the finished Job is kept
 * @param suspend                 {@code spec.suspend}
 * @param replaceOnlyFailed       {@code podReplacementPolicy: Failed} (the default with a podFailurePolicy);
 *                                false: TerminatingOrFailed
 * @param template                the pod template, with the labels the API server adds (13.1)
 * @param podFailurePolicy        the rules of {@code spec.podFailurePolicy} in order; empty when it is unset
 */
public record JobSpec(int parallelism, Integer completions, boolean indexed, int backoffLimit,
                      Long activeDeadlineSeconds, Long ttlSecondsAfterFinished, boolean suspend,
                      boolean replaceOnlyFailed, PodTemplate template, java.util.List<PodFailureRule> podFailurePolicy) {
    public JobSpec {
        podFailurePolicy = podFailurePolicy == null ? java.util.List.of() : java.util.List.copyOf(podFailurePolicy);
    }

    /** A spec without a podFailurePolicy. */
    public JobSpec(int parallelism, Integer completions, boolean indexed, int backoffLimit,
                   Long activeDeadlineSeconds, Long ttlSecondsAfterFinished, boolean suspend,
                   boolean replaceOnlyFailed, PodTemplate template) {
        this(parallelism, completions, indexed, backoffLimit, activeDeadlineSeconds, ttlSecondsAfterFinished, suspend,
                replaceOnlyFailed, template, java.util.List.of());
    }

    /** {@code backoffLimit} when unset. */
    public static final int DEFAULT_BACKOFF_LIMIT = 6;

    /** The same spec with another pod template. */
    public JobSpec withTemplate(PodTemplate t) {
        return new JobSpec(parallelism, completions, indexed, backoffLimit, activeDeadlineSeconds,
                ttlSecondsAfterFinished, suspend, replaceOnlyFailed, t, podFailurePolicy);
    }
}
