package io.kubesim.metrics;

import java.util.List;

/**
 * Reports the workloads of one or more kinds as {@link WorkloadStatus}es: how a controller's or
 * an observer's own stats join summary.json's {@code workloads} section and the
 * {@code workload_*} series. An adapter is one line, e.g.
 * {@code now -> jobs.stats().stream().map(JobStats::toWorkloadStatus).toList()}.
 */
@FunctionalInterface
public interface WorkloadObserver {
    /** The status of each workload at {@code now}, in any order. */
    List<WorkloadStatus> workloads(long now);
}
