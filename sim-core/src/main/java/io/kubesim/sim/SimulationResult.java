package io.kubesim.sim;

import io.kubesim.kubelet.ResourceMonitor;
import io.kubesim.metrics.Counters;
import io.kubesim.metrics.DeploymentObserver;
import io.kubesim.metrics.EventRecorder;
import io.kubesim.metrics.TimeSeriesStore;
import io.kubesim.traffic.Outage;
import io.kubesim.traffic.RequestCause;
import io.kubesim.traffic.ServiceTraffic;
import io.kubesim.traffic.TrafficMode;
import java.util.List;
import java.util.Map;

/**
 * What a run produced, for the reports: the scenario's identity, how far it ran, the per-Deployment
 * observations, pod counts, and the recorded events, counters and time series.
 *
 * @param services     display names of the Services, in creation order
 * @param traffic      per Service that saw requests, what it saw
 * @param entryOutcomes outcomes of the requests that entered at entry points, by cause (causes that occurred)
 * @param outages      periods when a Service failed most requests or had no ready endpoint
 * @param trafficMode  how requests were simulated; null when the scenario has no traffic
 * @param nodes        per node that ever ran: time under memory pressure, evictions, OOM kills
 * @param drains       node drains (timeline drains and upgrades'), in start order
 */
public record SimulationResult(String scenario, long seed, long simulatedMicros, long eventsProcessed,
                               List<DeploymentObserver.Stats> deployments, List<String> services, PodCounts pods,
                               EventRecorder events, Counters counters, TimeSeriesStore series,
                               List<ServiceTraffic> traffic, Map<RequestCause, Long> entryOutcomes,
                               List<Outage> outages, TrafficMode trafficMode,
                               List<ResourceMonitor.NodeStats> nodes, List<DrainRecord> drains) {
    public SimulationResult {
        drains = List.copyOf(drains);
    }

    /** Pods evicted through the eviction API by all drains. */
    public long evictedByDrains() {
        long n = 0;
        for (DrainRecord d : drains) {
            n += d.evicted();
        }
        return n;
    }

    /** Evictions refused with 429 over all drains. */
    public long evictionsBlocked() {
        long n = 0;
        for (DrainRecord d : drains) {
            n += d.evictionsBlocked();
        }
        return n;
    }

    /** Pod outcomes over the run. */
    public record PodCounts(long scheduled, long pendingAtEnd, long evicted, long oomKilled, long restarts,
                            long preempted) {
    }
}
