package io.kubesim.capacity;

import io.kubesim.sim.SimulationResult;
import io.kubesim.traffic.EntryPoint;
import io.kubesim.traffic.RequestCause;
import io.kubesim.traffic.ServiceTraffic;
import java.util.List;
import java.util.Map;

/**
 * The figures of one run an SLO is judged on, small enough to keep for every run of a search.
 *
 * @param requests          requests that entered at entry points
 * @param failed            of those, how many failed
 * @param worstP99          the highest p99 latency among the entry Services, in microseconds
 * @param worstP99Service   which Service had it ("" without traffic)
 * @param longestPending    the longest any pod waited for a node, in microseconds
 * @param longestPendingPod whose wait it was ({@code namespace/name}, "" when none waited)
 * @param pendingAtEnd      pods still without a node at the end
 * @param worstAction       the timeline action in whose window most requests failed ({@code rollout checkout at 2m}),
 *                          "" when none failed in a window
 * @param worstActionFailed how many failed there (counted at each Service they reached)
 */
public record RunOutcome(long requests, long failed, long worstP99, String worstP99Service, long longestPending,
                         String longestPendingPod, long pendingAtEnd, String worstAction, long worstActionFailed) {
    /** An outcome without action windows. */
    public RunOutcome(long requests, long failed, long worstP99, String worstP99Service, long longestPending,
                      String longestPendingPod, long pendingAtEnd) {
        this(requests, failed, worstP99, worstP99Service, longestPending, longestPendingPod, pendingAtEnd, "", 0);
    }

    public double errorRatio() {
        return requests == 0 ? 0 : (double) failed / requests;
    }

    /**
     * The outcome of a finished run whose requests entered at {@code entryPoints}, its startup
     * left out: each entry Service's requests and failures after its startup intervals (the
     * scenario's warm-up, or its cold start until its first ready endpoint reached the balancers,
     * as summary.json's attribution counts them), and its p99 after startup.
     */
    public static RunOutcome of(SimulationResult r, List<EntryPoint> entryPoints) {
        long total = 0;
        long failedAfter = 0;
        long worst = 0;
        String worstService = "";
        io.kubesim.sim.ServiceStartup startup = null;
        for (ServiceTraffic t : r.traffic()) {
            if (!isEntry(t, entryPoints)) {
                continue;
            }
            if (startup == null) {
                startup = new io.kubesim.sim.ServiceStartup(r, t.interval());
            }
            for (int i = startup.intervals(t); i < t.intervals(); i++) {
                total += t.requests(i);
                failedAfter += t.requests(i) - t.count(RequestCause.OK, i);
            }
            io.kubesim.metrics.LatencyHistogram after = r.latencies().afterStartup().get(t.displayName());
            if (t.requests() > 0) {
                long p99 = after != null && after.count() > 0 ? after.percentile(99) : t.latencyPercentile(99);
                if (worstService.isEmpty() || p99 > worst) {
                    worst = p99;
                    worstService = t.displayName();
                }
            }
        }
        long ok = total - failedAfter;
        SimulationResult.PodCounts pods = r.pods();
        String worstAction = "";
        long worstActionFailed = 0;
        for (io.kubesim.sim.ActionWindow w : r.actions()) {
            long failedIn = failedBetween(r, w.start(), w.endOr(r.simulatedMicros()));
            if (failedIn > worstActionFailed) {
                worstActionFailed = failedIn;
                worstAction = w.kind() + " " + w.target() + " at " + Slo.time(w.start());
            }
        }
        return new RunOutcome(total, total - ok, worst, worstService, pods.longestPending().micros(),
                pods.longestPending().pod(), pods.pendingAtEnd(), worstAction, worstActionFailed);
    }

    /** Requests that failed in the sample intervals overlapping [start, end), over every Service. */
    private static long failedBetween(SimulationResult r, long start, long end) {
        long failed = 0;
        for (ServiceTraffic t : r.traffic()) {
            long interval = t.interval();
            for (int i = 0; i < t.intervals(); i++) {
                long from = i * interval;
                if (from + interval > start && from < end) {
                    failed += t.requests(i) - t.count(RequestCause.OK, i);
                }
            }
        }
        return failed;
    }

    private static boolean isEntry(ServiceTraffic t, List<EntryPoint> entryPoints) {
        for (EntryPoint e : entryPoints) {
            String s = e.service();
            if (t.key().equals(s) || t.key().equals("default/" + s)) {
                return true;
            }
        }
        return false;
    }
}
