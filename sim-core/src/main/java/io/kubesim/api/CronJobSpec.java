package io.kubesim.api;

import java.util.Map;

/**
 * A CronJob's spec (batch/v1) with the API defaults applied (k8s-semantics.md 13.8).
 *
 * @param schedule                   the five-field cron schedule or a descriptor such as {@code @hourly}
 * @param timeZone                   an IANA zone name; "" for the controller manager's zone (UTC in kubesim)
 * @param concurrencyPolicy          Allow, Forbid or Replace
 * @param startingDeadlineSeconds    null: no deadline
 * @param suspend                    {@code spec.suspend}
 * @param successfulJobsHistoryLimit finished successful Jobs kept (3 when unset)
 * @param failedJobsHistoryLimit     failed Jobs kept (1 when unset)
 * @param jobLabels                  {@code jobTemplate.metadata.labels}
 * @param jobAnnotations             {@code jobTemplate.metadata.annotations}
 * @param job                        {@code jobTemplate.spec}
 */
public record CronJobSpec(String schedule, String timeZone, String concurrencyPolicy, Long startingDeadlineSeconds,
                          boolean suspend, int successfulJobsHistoryLimit, int failedJobsHistoryLimit,
                          Map<String, String> jobLabels, Map<String, String> jobAnnotations, JobSpec job) {
    public static final int DEFAULT_SUCCESSFUL_JOBS_HISTORY_LIMIT = 3;
    public static final int DEFAULT_FAILED_JOBS_HISTORY_LIMIT = 1;

    public CronJobSpec {
        timeZone = timeZone == null ? "" : timeZone;
        concurrencyPolicy = concurrencyPolicy == null || concurrencyPolicy.isEmpty() ? "Allow" : concurrencyPolicy;
        jobLabels = Collections2.sortedCopy(jobLabels);
        jobAnnotations = Collections2.sortedCopy(jobAnnotations);
    }
}
