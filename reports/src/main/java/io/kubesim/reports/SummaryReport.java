package io.kubesim.reports;

import io.kubesim.engine.SimTime;
import io.kubesim.metrics.DeploymentObserver;
import io.kubesim.metrics.WorkloadStatus;
import io.kubesim.kubelet.ResourceMonitor;
import io.kubesim.autoscaler.ClusterAutoscaler;
import io.kubesim.sim.DrainRecord;
import io.kubesim.sim.SimulationResult;
import io.kubesim.traffic.Outage;
import io.kubesim.traffic.RequestCause;
import io.kubesim.traffic.ServiceTraffic;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * summary.json, field for field as DESIGN.md's contract names them. Times are seconds of
 * simulated time. Traffic fields (requests, per-service latency, outages) are present and zero
 * until the traffic model fills them.
 */
public final class SummaryReport {
    private SummaryReport() {
    }

    /** The summary as an ordered tree of maps and lists. */
    public static Map<String, Object> build(SimulationResult r, double wallSeconds) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("scenario", r.scenario());
        root.put("seed", r.seed());
        root.put("simulatedSeconds", Json.number(SimTime.toSeconds(r.simulatedMicros())));
        root.put("wallSeconds", Json.number(Math.round(wallSeconds * 1000) / 1000.0));
        root.put("eventsProcessed", r.eventsProcessed());

        root.put("requests", requests(r));

        Map<String, ServiceTraffic> traffic = new LinkedHashMap<>();
        for (ServiceTraffic t : r.traffic()) {
            traffic.put(t.displayName(), t);
        }
        Map<String, Long> outageMicros = new TreeMap<>();
        for (Outage o : r.outages()) {
            outageMicros.merge(o.service(), o.duration(), Long::sum);
        }
        Map<String, Object> services = new LinkedHashMap<>();
        for (String name : r.services()) {
            ServiceTraffic t = traffic.get(name);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("requests", t == null ? 0 : t.requests());
            s.put("failed", t == null ? 0 : t.failed());
            s.put("p50Ms", t == null ? 0 : millis(t.latencyPercentile(50)));
            s.put("p95Ms", t == null ? 0 : millis(t.latencyPercentile(95)));
            s.put("p99Ms", t == null ? 0 : millis(t.latencyPercentile(99)));
            io.kubesim.metrics.LatencyHistogram after = r.latencies().afterStartup().get(name);
            s.put("p99MsAfterStartup", after == null ? 0 : millis(after.percentile(99))); // what p99Ms gates measure
            s.put("maxLatencyMs", t == null ? 0 : millis(t.maxLatency()));
            s.put("outageSeconds", Json.number(SimTime.toSeconds(outageMicros.getOrDefault(name, 0L))));
            if (t != null && t.entryRequests() > 0) {
                // As the entry point's clients measured it, failures included (a load generator's view).
                s.put("clientP99Ms", millis(t.clientLatencyPercentile(99)));
                s.put("clientMaxLatencyMs", millis(t.clientMaxLatency()));
            }
            if (t != null && !t.responseFlags().isEmpty()) {
                s.put("responseFlags", new LinkedHashMap<>(t.responseFlags())); // through a mesh proxy only
            }
            if (t != null && t.degraded() > 0) {
                s.put("degraded", t.degraded());
            }
            if (t != null && (t.retried() > 0 || t.retriesExhausted() > 0)) {
                s.put("retried", t.retried());
                s.put("retriesExhausted", t.retriesExhausted());
            }
            if (t != null && t.failed() > 0) {
                Map<String, Object> causes = new LinkedHashMap<>();
                for (RequestCause c : RequestCause.values()) {
                    if (c != RequestCause.OK && t.count(c) > 0) {
                        causes.put(c.label(), t.count(c));
                    }
                }
                s.put("failedByCause", causes);
            }
            services.put(name, s);
        }
        root.put("services", services);

        Map<String, Object> deployments = new LinkedHashMap<>();
        for (DeploymentObserver.Stats s : r.deployments()) {
            deployments.put(s.displayName(), deployment(s, r.simulatedMicros()));
        }
        root.put("deployments", deployments);
        root.put("workloads", workloads(r.workloads()));

        SimulationResult.PodCounts p = r.pods();
        Map<String, Object> pods = new LinkedHashMap<>();
        pods.put("scheduled", p.scheduled());
        pods.put("pendingAtEnd", p.pendingAtEnd());
        pods.put("longestPendingSeconds", Json.number(SimTime.toSeconds(p.longestPending().micros())));
        pods.put("evicted", p.evicted());
        Map<String, Object> evictedBy = new LinkedHashMap<>();
        evictedBy.put("nodePressure", p.evictedForNodePressure());
        evictedBy.put("drains", p.evictedByDrains());
        evictedBy.put("taintManager", p.evictedByTaintManager());
        pods.put("evictedBy", evictedBy);
        pods.put("oomKilled", p.oomKilled());
        pods.put("restarts", p.restarts());
        pods.put("preempted", p.preempted());
        if (p.preemptions() > 0) {
            // Only when the run preempted, so runs without priorities keep their bytes.
            pods.put("preemptions", p.preemptions());
            pods.put("preemptedByWorkload", new LinkedHashMap<>(p.preemptedByWorkload()));
        }
        pods.put("evictionsBlocked", r.evictionsBlocked());
        root.put("pods", pods);
        root.put("nodes", nodes(r.nodes()));
        List<Object> outages = new ArrayList<>();
        for (Outage o : r.outages()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service", o.service());
            m.put("start", Json.number(SimTime.toSeconds(o.start())));
            m.put("end", Json.number(SimTime.toSeconds(o.end())));
            m.put("seconds", Json.number(SimTime.toSeconds(o.duration())));
            outages.add(m);
        }
        root.put("outages", outages);
        root.put("drains", drains(r));
        if (r.clusterAutoscaler() != null) {
            root.put("clusterAutoscaler", clusterAutoscaler(r.clusterAutoscaler()));
        }
        if (!r.hpas().isEmpty()) {
            root.put("hpas", hpas(r)); // only with an HPA, so other scenarios' summaries keep their bytes
        }
        if (!r.quotas().isEmpty()) {
            root.put("resourceQuotas", quotas(r)); // only with a ResourceQuota, like hpas
        }
        if (!r.volumes().isEmpty()) {
            root.put("volumes", volumes(r.volumes())); // only with claims or volumes, like hpas
        }
        ActionsReport attribution = new ActionsReport(r);
        root.put("actions", attribution.actions());
        root.put("startup", attribution.startup());
        root.put("baseline", attribution.baseline());
        return root;
    }

    /** What the cluster autoscaler did, overall and by node group (present only when it ran). */
    private static Map<String, Object> clusterAutoscaler(ClusterAutoscaler.Stats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scaleUps", s.scaleUps());
        m.put("scaleDowns", s.scaleDowns());
        m.put("nodesAdded", s.nodesAdded());
        m.put("nodesRemoved", s.nodesRemoved());
        m.put("maxNodes", s.maxNodes());
        Map<String, Object> by = new LinkedHashMap<>();
        for (Map.Entry<String, ClusterAutoscaler.GroupStats> e : s.byGroup().entrySet()) {
            ClusterAutoscaler.GroupStats g = e.getValue();
            Map<String, Object> gm = new LinkedHashMap<>();
            gm.put("minCount", g.minSize());
            gm.put("maxCount", g.maxSize());
            gm.put("targetSizeAtEnd", g.targetSize());
            gm.put("scaleUps", g.scaleUps());
            gm.put("nodesAdded", g.nodesAdded());
            gm.put("nodesRemoved", g.nodesRemoved());
            by.put(e.getKey(), gm);
        }
        m.put("byGroup", by);
        return m;
    }

    /** Per HorizontalPodAutoscaler, by name: its range, its rescales and the replica counts it drove. */
    private static Map<String, Object> hpas(SimulationResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (io.kubesim.controllers.hpa.HpaStats h : r.hpas()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("minReplicas", h.minReplicas());
            m.put("maxReplicas", h.maxReplicas());
            m.put("rescales", h.rescales());
            m.put("minReplicasObserved", h.minReplicasObserved());
            m.put("maxReplicasObserved", h.maxReplicasObserved());
            m.put("timeAtMax", Json.number(h.timeAtMaxSeconds()));
            out.put(h.name(), m);
        }
        return out;
    }

    /**
     * Per ResourceQuota, by name: spec.hard, status.used at the end, the highest usage during the
     * run, and how many pod creations it refused; amounts as Kubernetes prints them.
     */
    private static Map<String, Object> quotas(SimulationResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (SimulationResult.QuotaUsage q : r.quotas()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("hard", new LinkedHashMap<String, Object>(q.hard()));
            m.put("used", new LinkedHashMap<String, Object>(q.used()));
            m.put("maxUsed", new LinkedHashMap<String, Object>(q.maxUsed()));
            m.put("podsRefused", q.podsRefused());
            out.put(q.name(), m);
        }
        return out;
    }

    /** Claims and volumes at the end, and the pods still waiting because of them (k8s-semantics.md 14). */
    private static Map<String, Object> volumes(io.kubesim.controllers.volume.VolumeStats v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("claimsBound", v.claimsBound());
        m.put("claimsPending", v.claimsPending());
        m.put("volumesProvisioned", v.volumesProvisioned());
        m.put("volumesStatic", v.volumesStatic());
        m.put("forcedDetaches", v.forcedDetaches());
        m.put("podsWaiting", new LinkedHashMap<String, Object>(v.pendingForVolumes()));
        return m;
    }

    /** Node drains in start order; end and seconds are null for a drain that never finished. */
    private static List<Object> drains(SimulationResult r) {
        List<Object> out = new ArrayList<>();
        for (DrainRecord d : r.drains()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("node", d.node());
            m.put("start", Json.number(SimTime.toSeconds(d.start())));
            m.put("end", d.completed() ? Json.number(SimTime.toSeconds(d.end())) : null);
            m.put("seconds", d.completed() ? Json.number(SimTime.toSeconds(d.end() - d.start())) : null);
            m.put("evicted", d.evicted());
            m.put("evictionsBlocked", d.evictionsBlocked());
            m.put("error", d.error());
            out.add(m);
        }
        return out;
    }

    /** Node health: counts, and when each failed node went down, NotReady and tainted NoExecute. */
    private static Map<String, Object> nodes(SimulationResult.NodeCounts n) {
        Map<String, Object> nodes = new LinkedHashMap<>();
        nodes.put("atEnd", n.atEnd());
        nodes.put("notReadyAtEnd", n.notReadyAtEnd());
        nodes.put("wentNotReady", n.wentNotReady());
        nodes.put("taintedNoExecute", n.taintedNoExecute());
        List<Object> failures = new ArrayList<>();
        for (SimulationResult.NodeFailure f : n.failures()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("node", f.node());
            m.put("zone", f.zone());
            m.put("failedAt", seconds(f.failedAt()));
            m.put("notReadyAt", seconds(f.notReadyAt()));
            m.put("taintedAt", seconds(f.taintedAt()));
            m.put("recoveredAt", seconds(f.recoveredAt()));
            failures.add(m);
        }
        nodes.put("failures", failures);
        Map<String, Object> byNode = new LinkedHashMap<>();
        for (ResourceMonitor.NodeStats s : n.byNode()) {
            if (s.memoryPressureSeconds() > 0 || s.evictions() > 0 || s.oomKills() > 0) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("memoryPressureSeconds", Json.number(s.memoryPressureSeconds()));
                m.put("evicted", s.evictions());
                m.put("oomKilled", s.oomKills());
                byNode.put(s.node(), m);
            }
        }
        nodes.put("byNode", byNode);
        return nodes;
    }

    private static Number seconds(long micros) {
        return micros < 0 ? null : Json.number(SimTime.toSeconds(micros));
    }

    /** Requests that entered at entry points (internal calls are counted under their Service only). */
    private static Map<String, Object> requests(SimulationResult r) {
        long total = 0;
        long ok = 0;
        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Object> byCause = new LinkedHashMap<>();
        for (Map.Entry<RequestCause, Long> e : r.entryOutcomes().entrySet()) {
            total += e.getValue();
            if (e.getKey() == RequestCause.OK) {
                ok += e.getValue();
            } else {
                byCause.put(e.getKey().label(), e.getValue());
            }
        }
        for (Map.Entry<Integer, Long> e : r.entryAnswers().byStatus().entrySet()) {
            byStatus.put(Integer.toString(e.getKey()), e.getValue());
        }
        Map<String, Object> requests = new LinkedHashMap<>();
        requests.put("total", total);
        requests.put("succeeded", ok);
        requests.put("failed", total - ok);
        requests.put("byStatus", byStatus);
        requests.put("byCause", byCause);
        if (r.entryAnswers().degraded() > 0) {
            requests.put("degraded", r.entryAnswers().degraded()); // only with a fallback, so other summaries keep their bytes
        }
        if (r.trafficMode() != null) {
            requests.put("mode", r.trafficMode().label());
        }
        return requests;
    }

    private static Number millis(long micros) {
        return Json.number(Math.round(micros / 10.0) / 100.0);
    }

    /**
     * {@code workloads}: every workload of every kind keyed by {@code kind/name}, in kind then
     * name order, with the same fields for all kinds and each kind's extra figures after them.
     */
    private static Map<String, Object> workloads(List<WorkloadStatus> all) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (WorkloadStatus w : all) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", w.kind());
            m.put("name", w.name());
            m.put("desired", w.desired());
            m.put("ready", w.ready());
            m.put("available", w.available());
            m.put("minAvailable", w.minAvailable());
            m.put("secondsBelowDesired", w.belowDesired() < 0 ? null : Json.number(SimTime.toSeconds(w.belowDesired())));
            Map<String, Object> rollouts = new LinkedHashMap<>();
            rollouts.put("count", w.rollouts().size());
            List<Object> seconds = new ArrayList<>();
            for (WorkloadStatus.Rollout ro : w.rollouts()) {
                seconds.add(ro.end() < 0 ? null : Json.number(SimTime.toSeconds(ro.end() - ro.start())));
            }
            rollouts.put("seconds", seconds);
            m.put("rollouts", rollouts);
            w.extra().forEach((k, v) -> m.put(k, extraValue(v)));
            out.put(w.key(), m);
        }
        return out;
    }

    /** Doubles through {@link Json#number} (so 3.0 prints as 3), lists and maps element by element. */
    private static Object extraValue(Object v) {
        if (v instanceof Double d) {
            return Json.number(d);
        }
        if (v instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, x) -> out.put(k, extraValue(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(extraValue(x)));
            return out;
        }
        return v;
    }

    private static Map<String, Object> deployment(DeploymentObserver.Stats s, long end) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("desiredReplicas", s.deployment().replicas());
        d.put("readyReplicas", s.ready());
        d.put("availableReplicas", s.available());
        d.put("minAvailableObserved", Math.max(0, s.minAvailableObserved()));
        d.put("secondsBelowDesired", Json.number(SimTime.toSeconds(Math.max(0, s.belowDesiredMicros(end)))));
        d.put("maxPodsObserved", s.maxPodsObserved());
        d.put("maxPodsIncludingTerminating", s.maxPodsIncludingTerminating());
        d.put("firstAvailableSeconds", s.firstComplete() < 0 ? null : Json.number(SimTime.toSeconds(s.firstComplete())));
        List<Object> rollouts = new ArrayList<>();
        for (DeploymentObserver.Rollout ro : s.rollouts()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("start", Json.number(SimTime.toSeconds(ro.start())));
            m.put("end", ro.end() < 0 ? null : Json.number(SimTime.toSeconds(ro.end())));
            m.put("seconds", ro.end() < 0 ? null : Json.number(SimTime.toSeconds(ro.end() - ro.start())));
            m.put("completed", ro.end() >= 0);
            m.put("progressDeadlineExceeded", ro.timedOut());
            rollouts.add(m);
        }
        d.put("rollouts", rollouts);
        return d;
    }

    public static void write(Map<String, Object> summary, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, summary);
            out.write('\n');
        }
    }
}
