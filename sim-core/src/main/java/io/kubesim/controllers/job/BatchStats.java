package io.kubesim.controllers.job;

import java.util.List;

/** The Jobs and CronJobs of a run, each with its stats, in creation order. */
public record BatchStats(List<JobStats> jobs, List<CronJobStats> cronJobs) {
    public static final BatchStats NONE = new BatchStats(List.of(), List.of());

    public BatchStats {
        jobs = List.copyOf(jobs);
        cronJobs = List.copyOf(cronJobs);
    }
}
