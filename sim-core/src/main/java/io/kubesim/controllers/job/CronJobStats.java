package io.kubesim.controllers.job;

/**
 * What one CronJob did over a run, for the summary's {@code workloads} section.
 *
 * @param kind            {@code CronJob}
 * @param displayName     its name in outputs
 * @param jobsStarted     Jobs it created
 * @param jobsSucceeded   of those, Jobs that completed
 * @param jobsFailed      of those, Jobs that failed
 * @param missed          schedule times that passed unstarted beyond startingDeadlineSeconds (skipped
 *                        silently, or with a MissSchedule event)
 * @param skippedByForbid schedule times held back by Forbid while a Job ran (JobAlreadyActive); one may
 *                        still start late when that Job finishes
 * @param replaced        running Jobs deleted by Replace
 * @param activePeak      the most Jobs active at once
 */
public record CronJobStats(String kind, String displayName, int jobsStarted, int jobsSucceeded, int jobsFailed,
                           int missed, int skippedByForbid, int replaced, int activePeak) {
    /** The CronJob-specific figures in print order (for summary.json's {@code workloads} {@code extra}). */
    public java.util.Map<String, Object> figures() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("jobsStarted", jobsStarted);
        m.put("jobsSucceeded", jobsSucceeded);
        m.put("jobsFailed", jobsFailed);
        m.put("missed", missed);
        m.put("skippedByForbid", skippedByForbid);
        m.put("replaced", replaced);
        m.put("activeJobsPeak", activePeak);
        return m;
    }
}
