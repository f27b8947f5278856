package io.kubesim.sim;

import io.kubesim.metrics.Counters;
import io.kubesim.metrics.DeploymentObserver;
import io.kubesim.metrics.EventRecorder;
import io.kubesim.metrics.TimeSeriesStore;
import java.util.List;

/**
 * What a run produced, for the reports: the scenario's identity, how far it ran, the per-Deployment
 * observations, pod counts, and the recorded events, counters and time series.
 *
 * @param services display names of the Services, in creation order
 */
public record SimulationResult(String scenario, long seed, long simulatedMicros, long eventsProcessed,
                               List<DeploymentObserver.Stats> deployments, List<String> services, PodCounts pods,
                               EventRecorder events, Counters counters, TimeSeriesStore series) {

    /** Pod outcomes over the run. */
    public record PodCounts(long scheduled, long pendingAtEnd, long evicted, long oomKilled, long restarts,
                            long preempted) {
    }
}
