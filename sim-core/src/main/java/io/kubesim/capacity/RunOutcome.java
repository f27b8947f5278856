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
 */
public record RunOutcome(long requests, long failed, long worstP99, String worstP99Service, long longestPending,
                         String longestPendingPod, long pendingAtEnd) {
    public double errorRatio() {
        return requests == 0 ? 0 : (double) failed / requests;
    }

    /** The outcome of a finished run whose requests entered at {@code entryPoints}. */
    public static RunOutcome of(SimulationResult r, List<EntryPoint> entryPoints) {
        long total = 0;
        long ok = 0;
        for (Map.Entry<RequestCause, Long> e : r.entryOutcomes().entrySet()) {
            total += e.getValue();
            if (e.getKey() == RequestCause.OK) {
                ok += e.getValue();
            }
        }
        long worst = 0;
        String worstService = "";
        for (ServiceTraffic t : r.traffic()) {
            if (isEntry(t, entryPoints) && t.requests() > 0) {
                long p99 = t.latencyPercentile(99);
                if (worstService.isEmpty() || p99 > worst) {
                    worst = p99;
                    worstService = t.displayName();
                }
            }
        }
        SimulationResult.PodCounts pods = r.pods();
        return new RunOutcome(total, total - ok, worst, worstService, pods.longestPending().micros(),
                pods.longestPending().pod(), pods.pendingAtEnd());
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
