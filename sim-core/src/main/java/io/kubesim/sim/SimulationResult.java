package io.kubesim.sim;

import io.kubesim.kubelet.ResourceMonitor;
import io.kubesim.metrics.Counters;
import io.kubesim.metrics.DeploymentObserver;
import io.kubesim.metrics.EventRecorder;
import io.kubesim.metrics.PendingTimes;
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
 * @param nodes        node health over the run: failures, NotReady, and per-node pressure
 * @param drains       node drains (timeline drains and upgrades'), in start order
 * @param clusterAutoscaler what the cluster autoscaler did; null when the scenario has none
 * @param hpas         what each HorizontalPodAutoscaler did, in manifest order
 * @param quotas       each ResourceQuota's hard limits and usage, in creation order
 * @param workloads    every workload of every kind at the end, by kind, then display name
 * @param batch        each Job and CronJob with what it ran (NONE when the manifests have neither)
 * @param actions      each timeline action's attribution window, in play order
 * @param warmup       the scenario's warm-up, in microseconds (its requests count as startup)
 * @param latencies    served latencies during startup, in the baseline and after startup, per Service
 * @param entryAnswers what the entry points' clients were answered: requests by status, and those
 *                     served degraded (a caller fell back after a call failed)
 */
public record SimulationResult(String scenario, long seed, long simulatedMicros, long eventsProcessed,
                               List<DeploymentObserver.Stats> deployments, List<String> services, PodCounts pods,
                               EventRecorder events, Counters counters, TimeSeriesStore series,
                               List<ServiceTraffic> traffic, Map<RequestCause, Long> entryOutcomes,
                               List<Outage> outages, TrafficMode trafficMode,
                               NodeCounts nodes, List<DrainRecord> drains,
                               io.kubesim.autoscaler.ClusterAutoscaler.Stats clusterAutoscaler,
                               List<io.kubesim.controllers.hpa.HpaStats> hpas,
                               List<QuotaUsage> quotas, List<io.kubesim.metrics.WorkloadStatus> workloads,
                               io.kubesim.controllers.job.BatchStats batch,
                               io.kubesim.controllers.volume.VolumeStats volumes, List<ActionWindow> actions,
                               long warmup, AttributedLatencies latencies, EntryAnswers entryAnswers) {

    /** The entry requests by the status their clients saw, and how many were served degraded. */
    public record EntryAnswers(java.util.SortedMap<Integer, Long> byStatus, long degraded) {
        public static final EntryAnswers NONE = new EntryAnswers(new java.util.TreeMap<>(), 0);
    }

    public SimulationResult {
        entryAnswers = entryAnswers == null ? EntryAnswers.NONE : entryAnswers;
        actions = actions == null ? List.of() : List.copyOf(actions);
        latencies = latencies == null ? AttributedLatencies.NONE : latencies;
        volumes = volumes == null ? io.kubesim.controllers.volume.VolumeStats.NONE : volumes;
        drains = List.copyOf(drains);
        hpas = List.copyOf(hpas);
        quotas = List.copyOf(quotas);
        workloads = List.copyOf(workloads);
        batch = batch == null ? io.kubesim.controllers.job.BatchStats.NONE : batch;
    }

    /** Evictions refused with 429 over all drains. */
    public long evictionsBlocked() {
        long n = 0;
        for (DrainRecord d : drains) {
            n += d.evictionsBlocked();
        }
        return n;
    }

    /**
     * Pod outcomes over the run. {@code preempted} counts distinct victims, {@code preemptions}
     * the preemptors nominated, {@code preemptedByWorkload} victims by workload display name.
     *
     * @param longestPending the longest any pod waited for a node (bound, deleted or still waiting at the end)
     */
    public record PodCounts(long scheduled, long pendingAtEnd, long evictedForNodePressure, long evictedByDrains,
                            long evictedByTaintManager, long oomKilled, long restarts, long preempted,
                            long preemptions, Map<String, Long> preemptedByWorkload, PendingTimes.Wait longestPending) {
        public PodCounts {
            preemptedByWorkload = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(preemptedByWorkload));
        }

        /**
         * Pods evicted, all ways: by kubelets for node pressure, through the eviction API by
         * drains, and deleted by the taint-eviction controller.
         */
        public long evicted() {
            return evictedForNodePressure + evictedByDrains + evictedByTaintManager;
        }
    }

    /**
     * Node health over the run.
     *
     * @param atEnd           nodes in the cluster at the end
     * @param notReadyAtEnd   of those, nodes whose Ready condition is not True
     * @param wentNotReady    times a node's Ready condition left True
     * @param taintedNoExecute NoExecute not-ready/unreachable taints the node-lifecycle controller placed
     * @param failures        every node whose machine went down, in the order it did
     * @param byNode          every node that ever ran: time under MemoryPressure, evictions, OOM kills
     */
    public record NodeCounts(int atEnd, int notReadyAtEnd, long wentNotReady, long taintedNoExecute,
                             List<NodeFailure> failures, List<ResourceMonitor.NodeStats> byNode) {
        public NodeCounts {
            failures = List.copyOf(failures);
            byNode = List.copyOf(byNode);
        }
    }

    /**
     * One failure of a node's machine, with when the control plane noticed and when the machine
     * came back; times in virtual microseconds, -1 for what had not happened (before the recovery,
     * or by the end).
     */
    public record NodeFailure(String node, String zone, long failedAt, long notReadyAt, long taintedAt,
                              long recoveredAt) {
    }

    /**
     * One ResourceQuota at the end of the run, amounts as Kubernetes prints them
     * ({@code 1500m}, {@code 1Gi}), keys sorted.
     *
     * @param name    the quota's display name
     * @param hard    {@code spec.hard}
     * @param used    {@code status.used} at the end
     * @param maxUsed the highest usage of each key during the run
     * @param podsRefused pod creations this quota refused (exceeded, or a container without the request or limit)
     */
    public record QuotaUsage(String name, Map<String, String> hard, Map<String, String> used,
                             Map<String, String> maxUsed, long podsRefused) {
        public QuotaUsage {
            hard = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(hard));
            used = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(used));
            maxUsed = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(maxUsed));
        }
    }
}
