package io.kubesim.reports;

import io.kubesim.engine.SimTime;
import io.kubesim.metrics.DeploymentObserver;
import io.kubesim.sim.SimulationResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/** The few lines {@code kubesim run} prints: what ran, how each workload fared, pod outcomes. */
public final class ConsoleSummary {
    private ConsoleSummary() {
    }

    public static String render(SimulationResult r, double wallSeconds) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "scenario %s (seed %d): %s simulated in %.2fs wall, %,d events%n",
                r.scenario(), r.seed(), SimTime.format(r.simulatedMicros()), wallSeconds, r.eventsProcessed()));
        List<Ranked> workloads = new ArrayList<>();
        for (DeploymentObserver.Stats s : r.deployments()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "  deployment %-28s %d/%d available, min available %d, max pods %d",
                    s.displayName(), s.available(), s.deployment().replicas(), Math.max(0, s.minAvailableObserved()),
                    s.maxPodsObserved()));
            for (DeploymentObserver.Rollout ro : s.rollouts()) {
                if (ro.end() >= 0) {
                    line.append(String.format(Locale.ROOT, "; rollout at %s took %s", SimTime.format(ro.start()),
                            toMillis(ro.end() - ro.start())));
                } else {
                    line.append(String.format(Locale.ROOT, "; rollout at %s did not finish%s", SimTime.format(ro.start()),
                            ro.timedOut() ? " (ProgressDeadlineExceeded)" : ""));
                }
            }
            workloads.add(new Ranked(Math.max(0, s.belowDesiredMicros(r.simulatedMicros())), s.displayName(),
                    line.append(System.lineSeparator()).toString()));
        }
        for (io.kubesim.metrics.WorkloadStatus w : r.workloads()) {
            if (w.kind().equals("Deployment") || w.kind().equals("Job") || w.kind().equals("CronJob")) {
                continue; // Deployments above, with their rollouts; Jobs and CronJobs below, with what they ran
            }
            workloads.add(new Ranked(Math.max(0, w.belowDesired()), w.name(), String.format(Locale.ROOT,
                    "  %s %-28s %d/%d available, min available %d%n",
                    w.kind().toLowerCase(Locale.ROOT), w.name(), w.available(), w.desired(), Math.max(0, w.minAvailable()))));
        }
        top(sb, workloads, "workload(s)");
        long total = 0;
        long failed = 0;
        for (var e : r.entryOutcomes().entrySet()) {
            total += e.getValue();
            if (e.getKey() != io.kubesim.traffic.RequestCause.OK) {
                failed += e.getValue();
            }
        }
        if (total > 0) {
            sb.append(String.format(Locale.ROOT, "  requests: %,d, failed %,d (%.2f%%), %s mode%n", total, failed,
                    100.0 * failed / total, r.trafficMode() == null ? "exact" : r.trafficMode().label()));
            List<Ranked> services = new ArrayList<>();
            for (io.kubesim.traffic.ServiceTraffic t : r.traffic()) {
                services.add(new Ranked(t.failed(), t.displayName(), String.format(Locale.ROOT,
                        "  service %-31s %,d requests, %,d failed, p50 %.1f ms, p99 %.1f ms%n",
                        t.displayName(), t.requests(), t.failed(), t.latencyPercentile(50) / 1000.0,
                        t.latencyPercentile(99) / 1000.0)));
            }
            top(sb, services, "service(s)");
            List<Ranked> outages = new ArrayList<>();
            for (io.kubesim.traffic.Outage o : r.outages()) {
                outages.add(new Ranked(o.end() - o.start(), o.service(), String.format(Locale.ROOT,
                        "  outage: %s from %s to %s%n", o.service(), SimTime.format(o.start()), SimTime.format(o.end()))));
            }
            top(sb, outages, "outage(s)");
        }
        actions(sb, r);
        SimulationResult.PodCounts p = r.pods();
        sb.append(String.format(Locale.ROOT, "  pods: %d scheduled, %d pending at end, %d restarts, %d OOM-killed, %d evicted, "
                + "%d preempted%n", p.scheduled(), p.pendingAtEnd(), p.restarts(), p.oomKilled(), p.evicted(), p.preempted()));
        if (p.preemptions() > 0) {
            StringBuilder by = new StringBuilder();
            for (Map.Entry<String, Long> e : p.preemptedByWorkload().entrySet()) {
                by.append(by.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
            }
            sb.append(String.format(Locale.ROOT, "  preemption: %d preemptor(s) nominated, %d victim(s) (%s)%n",
                    p.preemptions(), p.preempted(), by));
        }
        for (io.kubesim.kubelet.ResourceMonitor.NodeStats s : r.nodes().byNode()) {
            if (s.memoryPressureSeconds() > 0) {
                sb.append(String.format(Locale.ROOT, "  node %s under MemoryPressure for %s: %d pod(s) evicted, %d "
                        + "container(s) OOM-killed%n", s.node(), SimTime.format(SimTime.ofSeconds(s.memoryPressureSeconds())),
                        s.evictions(), s.oomKills()));
            }
        }
        for (io.kubesim.sim.SimulationResult.QuotaUsage q : r.quotas()) {
            StringBuilder used = new StringBuilder();
            q.hard().forEach((k, hard) -> used.append(used.length() == 0 ? "" : ", ").append(k).append(' ')
                    .append(q.maxUsed().get(k)).append('/').append(hard));
            sb.append(String.format(Locale.ROOT, "  quota %-28s max used %s; %d pod(s) refused%n", q.name(), used,
                    q.podsRefused()));
        }
        if (!r.volumes().isEmpty()) {
            io.kubesim.controllers.volume.VolumeStats v = r.volumes();
            sb.append(String.format(Locale.ROOT, "  volumes: %d claim(s) bound, %d pending, %d provisioned, %d forced "
                    + "detach(es)%n", v.claimsBound(), v.claimsPending(), v.volumesProvisioned(), v.forcedDetaches()));
            v.pendingForVolumes().forEach((reason, n) -> sb.append(String.format(Locale.ROOT,
                    "    %d pod(s) waiting: %s%n", n, reason)));
        }
        for (io.kubesim.controllers.hpa.HpaStats h : r.hpas()) {
            sb.append(String.format(Locale.ROOT, "  hpa %-30s %d rescales, replicas %d..%d (range %d..%d), %s at max%n",
                    h.name(), h.rescales(), h.minReplicasObserved(), h.maxReplicasObserved(), h.minReplicas(),
                    h.maxReplicas(), SimTime.format(SimTime.ofSeconds(h.timeAtMaxSeconds()))));
        }
        for (io.kubesim.controllers.job.JobStats j : r.batch().jobs()) {
            if (j.cronJob().isEmpty()) {
                sb.append(String.format(Locale.ROOT, "  job %-32s %s, %d/%s succeeded, %d failed, peak %d active%s%n",
                        j.displayName(), j.outcome(), j.succeeded(), j.completions() < 0 ? "-" : j.completions(),
                        j.failed(), j.activePeak(), j.durationSeconds() < 0 ? ""
                                : ", took " + toMillis(SimTime.ofSeconds(j.durationSeconds()))));
            }
        }
        for (io.kubesim.controllers.job.CronJobStats c : r.batch().cronJobs()) {
            sb.append(String.format(Locale.ROOT, "  cronjob %-28s %d job(s) started, %d complete, %d failed; %d held back "
                    + "by Forbid, %d missed, %d replaced%n", c.displayName(), c.jobsStarted(), c.jobsSucceeded(),
                    c.jobsFailed(), c.skippedByForbid(), c.missed(), c.replaced()));
        }
        for (io.kubesim.sim.DrainRecord d : r.drains()) {
            String how = d.completed() ? "took " + toMillis(d.end() - d.start())
                    : d.error() != null ? "failed: " + d.error() : "did not finish";
            sb.append(String.format(Locale.ROOT, "  drain %s at %s %s, %d eviction(s) refused by a PodDisruptionBudget%n",
                    d.node(), SimTime.format(d.start()), how, d.evictionsBlocked()));
        }
        if (r.clusterAutoscaler() != null) {
            for (String line : r.clusterAutoscaler().activity()) {
                sb.append("  ").append(line).append(System.lineSeparator());
            }
        }
        SimulationResult.NodeCounts n = r.nodes();
        if (!n.failures().isEmpty() || n.wentNotReady() > 0) {
            sb.append(String.format(Locale.ROOT,
                    "  nodes: %d failures, %d went NotReady, %d tainted NoExecute, %d pods evicted by the taint manager%n",
                    n.failures().size(), n.wentNotReady(), n.taintedNoExecute(), p.evictedByTaintManager()));
            for (SimulationResult.NodeFailure f : n.failures()) {
                sb.append(String.format(Locale.ROOT, "  node %s failed at %s: NotReady %s, NoExecute taint %s, %s%n",
                        f.node(), SimTime.format(f.failedAt()), at(f.notReadyAt()), at(f.taintedAt()),
                        f.recoveredAt() < 0 ? "not recovered" : "recovered at " + SimTime.format(f.recoveredAt())));
            }
        }
        long failedScheduling = r.events().count("FailedScheduling");
        if (failedScheduling > 0) {
            sb.append(String.format(Locale.ROOT, "  %d FailedScheduling events (see events.jsonl)%n", failedScheduling));
        }
        return sb.toString();
    }

    /** Shown per list; the rest are counted in one line pointing at summary.json. */
    static final int TOP = 5;

    /** One console line with what ranks it: the larger {@code weight} first, ties by {@code name}. */
    private record Ranked(long weight, String name, String line) {
    }

    /** The {@link #TOP} heaviest lines, then how many were cut. */
    private static void top(StringBuilder sb, List<Ranked> lines, String what) {
        List<Ranked> sorted = new ArrayList<>(lines);
        sorted.sort(Comparator.comparingLong(Ranked::weight).reversed().thenComparing(Ranked::name));
        sorted.stream().limit(TOP).forEach(l -> sb.append(l.line()));
        if (sorted.size() > TOP) {
            sb.append(String.format(Locale.ROOT, "  %d more %s in summary.json%n", sorted.size() - TOP, what));
        }
    }

    /** One line per timeline action, in play order: when, how long until settled, what it cost. */
    private static void actions(StringBuilder sb, SimulationResult r) {
        List<Object> actions = new ActionsReport(r).actions();
        for (int i = 0; i < actions.size() && i < TOP; i++) {
            Map<?, ?> a = (Map<?, ?>) actions.get(i);
            Object seconds = a.get("seconds");
            double outage = 0; // summed over the Services out in the window
            for (Object v : ((Map<?, ?>) a.get("outageSeconds")).values()) {
                outage += ((Number) v).doubleValue();
            }
            String target = String.valueOf(a.get("target"));
            sb.append(String.format(Locale.ROOT, "  action %s at %ss: %s, %s, %ss of outage%n",
                    target.isEmpty() ? a.get("kind") : a.get("kind") + " " + target, a.get("start"),
                    seconds == null ? "not settled by the end" : "settled after " + seconds + "s",
                    failedByService((Map<?, ?>) a.get("failedByService")), Json.number(outage)));
        }
        if (actions.size() > TOP) {
            sb.append(String.format(Locale.ROOT, "  %d more action(s) in summary.json%n", actions.size() - TOP));
        }
    }

    /**
     * {@code 0 failed}, {@code 881 failed at checkout}, or {@code 1,543 failed at productpage, 1,543 at
     * reviews}: by Service (most first, at most 3), as a request that fails deep in a call chain fails
     * at every Service it passed, so one sum would count it several times.
     */
    private static String failedByService(Map<?, ?> byService) {
        List<Map.Entry<String, Long>> failed = new ArrayList<>();
        for (Map.Entry<?, ?> e : byService.entrySet()) {
            long n = ((Number) ((Map<?, ?>) e.getValue()).get("failed")).longValue();
            if (n > 0) {
                failed.add(Map.entry(String.valueOf(e.getKey()), n));
            }
        }
        if (failed.isEmpty()) {
            return "0 failed";
        }
        failed.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < failed.size() && i < 3; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%,d", failed.get(i).getValue()))
                    .append(i == 0 ? " failed at " : " at ").append(failed.get(i).getKey());
        }
        if (failed.size() > 3) {
            sb.append(" and ").append(failed.size() - 3).append(" more Service(s)");
        }
        return sb.toString();
    }

    private static String at(long micros) {
        return micros < 0 ? "never" : "at " + SimTime.format(micros);
    }

    /** A duration for a person: truncated to milliseconds ({@code 1m33.654s}, not {@code 1m33.654153s}). */
    private static String toMillis(long micros) {
        return SimTime.format(micros - micros % SimTime.millis(1));
    }
}
