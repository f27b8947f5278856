package io.kubesim.controllers.job;

/**
 * What one Job did over a run, for the summary's {@code workloads} section. Times are virtual
 * seconds; -1 when it never happened.
 *
 * @param kind            {@code Job}
 * @param displayName     the Job's name in outputs ({@code ns/name} when several namespaces are used)
 * @param cronJob         the display name of the CronJob that created it, or "" for a Job of the manifests
 * @param completions     {@code spec.completions}, or -1 for a work-queue Job
 * @param parallelism     {@code spec.parallelism}
 * @param succeeded       pods that succeeded (completed indexes for an Indexed Job)
 * @param failed          pods that failed
 * @param activePeak      the most pods active at once
 * @param startTime       {@code status.startTime}
 * @param finishTime      when the Complete or Failed condition was set
 * @param durationSeconds finish − start, or -1 while unfinished
 * @param outcome         {@code Complete}, {@code Failed: <reason>}, {@code Suspended} or {@code Running}
 */
public record JobStats(String kind, String displayName, String cronJob, int completions, int parallelism,
                       int succeeded, int failed, int activePeak, double startTime, double finishTime,
                       double durationSeconds, String outcome) {
    /** The Job-specific figures in print order (for summary.json's {@code workloads} {@code extra}). */
    public java.util.Map<String, Object> figures() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("outcome", outcome);
        m.put("succeeded", succeeded);
        m.put("failed", failed);
        m.put("completions", completions);
        m.put("parallelism", parallelism);
        m.put("activePeak", activePeak);
        m.put("startTime", startTime);
        m.put("finishTime", finishTime);
        m.put("durationSeconds", durationSeconds);
        if (!cronJob.isEmpty()) {
            m.put("cronJob", cronJob);
        }
        return m;
    }
}
