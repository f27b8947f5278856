package io.kubesim.reports;

import io.kubesim.engine.SimTime;
import io.kubesim.metrics.DeploymentObserver;
import io.kubesim.sim.SimulationResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

        Map<String, Object> requests = new LinkedHashMap<>();
        requests.put("total", 0);
        requests.put("succeeded", 0);
        requests.put("failed", 0);
        requests.put("byStatus", new LinkedHashMap<>());
        requests.put("byCause", new LinkedHashMap<>());
        root.put("requests", requests);

        Map<String, Object> services = new LinkedHashMap<>();
        for (String name : r.services()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("requests", 0);
            s.put("failed", 0);
            s.put("p50Ms", 0);
            s.put("p95Ms", 0);
            s.put("p99Ms", 0);
            s.put("outageSeconds", 0);
            services.put(name, s);
        }
        root.put("services", services);

        Map<String, Object> deployments = new LinkedHashMap<>();
        for (DeploymentObserver.Stats s : r.deployments()) {
            deployments.put(s.displayName(), deployment(s));
        }
        root.put("deployments", deployments);

        SimulationResult.PodCounts p = r.pods();
        Map<String, Object> pods = new LinkedHashMap<>();
        pods.put("scheduled", p.scheduled());
        pods.put("pendingAtEnd", p.pendingAtEnd());
        pods.put("evicted", p.evicted());
        pods.put("oomKilled", p.oomKilled());
        pods.put("restarts", p.restarts());
        pods.put("preempted", p.preempted());
        root.put("pods", pods);
        root.put("outages", new ArrayList<>());
        return root;
    }

    private static Map<String, Object> deployment(DeploymentObserver.Stats s) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("desiredReplicas", s.deployment().replicas());
        d.put("readyReplicas", s.ready());
        d.put("availableReplicas", s.available());
        d.put("minAvailableObserved", Math.max(0, s.minAvailableObserved()));
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
