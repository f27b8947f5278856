package io.kubesim.controllers;

import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodPhase;
import io.kubesim.engine.SimTime;
import java.util.Comparator;
import java.util.Map;

/**
 * The order in which a ReplicaSet picks pods to delete when it scales down (k8s-semantics.md 2.8,
 * controller_utils.go ActivePodsWithRanks.Less). Pods that compare "less" are deleted first:
 * <ol>
 *   <li>unassigned before assigned;</li>
 *   <li>Pending, then Unknown, then Running;</li>
 *   <li>not ready before ready;</li>
 *   <li>lower {@code controller.kubernetes.io/pod-deletion-cost} first;</li>
 *   <li>higher rank first (more pods of the same workload on the same node);</li>
 *   <li>both ready: the one ready more recently first, compared in log2 buckets of nanoseconds
 *       since ready (LogarithmicScaleDown); same bucket: by uid;</li>
 *   <li>more container restarts first;</li>
 *   <li>newer creation first, in log2 buckets; same bucket: by uid.</li>
 * </ol>
 * Worked example: at t=1000 s, pods ready since t=400 s and t=700 s have been ready 600 s and
 * 300 s, i.e. 6.0e11 ns and 3.0e11 ns; floor(log2) gives 39 and 38, so the pod ready at 700 s is
 * deleted first. Pods ready since 900 s and 950 s (100 s = 2^36.5 ns, 50 s = 2^35.5 ns) land in
 * buckets 36 and 35; pods ready 40 s and 35 s ago both land in bucket 35 and the uid decides.
 */
public final class PodDeletionOrder implements Comparator<Pod> {
    public static final String ANNOTATION_DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

    private final Map<Pod, Integer> ranks;
    private final long now;

    /**
     * @param ranks the number of active pods of the same workload on each pod's node
     * @param now   virtual microseconds, the reference for logarithmic comparisons
     */
    public PodDeletionOrder(Map<Pod, Integer> ranks, long now) {
        this.ranks = ranks;
        this.now = now;
    }

    @Override
    public int compare(Pod a, Pod b) {
        if (less(a, b)) {
            return -1;
        }
        if (less(b, a)) {
            return 1;
        }
        return 0;
    }

    private boolean less(Pod i, Pod j) {
        if (!i.nodeName().equals(j.nodeName()) && (!i.isBound() || !j.isBound())) {
            return !i.isBound();
        }
        int pi = phaseOrdinal(i.phase());
        int pj = phaseOrdinal(j.phase());
        if (pi != pj) {
            return pi < pj;
        }
        if (i.isReady() != j.isReady()) {
            return !i.isReady();
        }
        int ci = deletionCost(i);
        int cj = deletionCost(j);
        if (ci != cj) {
            return ci < cj;
        }
        int ri = ranks.getOrDefault(i, 0);
        int rj = ranks.getOrDefault(j, 0);
        if (ri != rj) {
            return ri > rj;
        }
        if (i.isReady() && j.isReady()) {
            long ti = i.readyCondition().lastTransitionTime();
            long tj = j.readyCondition().lastTransitionTime();
            if (ti != tj) {
                long diff = logRank(ti) - logRank(tj);
                if (diff == 0) {
                    return i.metadata().uid().compareTo(j.metadata().uid()) < 0;
                }
                return diff < 0;
            }
        }
        int ri2 = maxRestarts(i);
        int rj2 = maxRestarts(j);
        if (ri2 != rj2) {
            return ri2 > rj2;
        }
        long ci2 = i.metadata().creationTimestamp();
        long cj2 = j.metadata().creationTimestamp();
        if (ci2 != cj2) {
            long diff = logRank(ci2) - logRank(cj2);
            if (diff == 0) {
                return i.metadata().uid().compareTo(j.metadata().uid()) < 0;
            }
            return diff < 0;
        }
        return false;
    }

    /**
     * Why {@code deleted} goes before {@code kept}: the number (1-8, as in the class comment) of
     * the first rule that tells them apart, 9 when only the uid does, and the rule in words
     * comparing the two pods. For {@code kubesim explain}; mirrors {@link #compare}.
     */
    public Reason why(Pod deleted, Pod kept) {
        Pod i = deleted;
        Pod j = kept;
        String k = j.name();
        if (!i.nodeName().equals(j.nodeName()) && (!i.isBound() || !j.isBound())) {
            return new Reason(1, !i.isBound() ? "not yet on a node, while " + k + " is on " + j.nodeName()
                    : "on a node like " + k);
        }
        int pi = phaseOrdinal(i.phase());
        int pj = phaseOrdinal(j.phase());
        if (pi != pj) {
            return new Reason(2, "phase " + i.phase() + ", while " + k + " is " + j.phase());
        }
        if (i.isReady() != j.isReady()) {
            return new Reason(3, "not ready, while " + k + " is ready");
        }
        int ci = deletionCost(i);
        int cj = deletionCost(j);
        if (ci != cj) {
            return new Reason(4, "pod-deletion-cost " + ci + ", lower than " + k + "'s " + cj);
        }
        int ri = ranks.getOrDefault(i, 0);
        int rj = ranks.getOrDefault(j, 0);
        if (ri != rj) {
            return new Reason(5, ri + " pods of the workload on its node " + i.nodeName() + ", more than the " + rj
                    + " on " + k + "'s node " + j.nodeName());
        }
        if (i.isReady() && j.isReady()) {
            long ti = i.readyCondition().lastTransitionTime();
            long tj = j.readyCondition().lastTransitionTime();
            if (ti != tj && logRank(ti) != logRank(tj)) {
                return new Reason(6, "ready for " + SimTime.format(now - ti) + ", less long than " + k + " ("
                        + SimTime.format(now - tj) + ", in log2 buckets)");
            }
            if (ti != tj) {
                return new Reason(9, "ready about as long as " + k + " (the same log2 bucket), so the uid decides");
            }
        }
        int ri2 = maxRestarts(i);
        int rj2 = maxRestarts(j);
        if (ri2 != rj2) {
            return new Reason(7, ri2 + " container restarts, more than " + k + "'s " + rj2);
        }
        long ci2 = i.metadata().creationTimestamp();
        long cj2 = j.metadata().creationTimestamp();
        if (ci2 != cj2 && logRank(ci2) != logRank(cj2)) {
            return new Reason(8, "created " + SimTime.format(now - ci2) + " ago, more recently than " + k + " ("
                    + SimTime.format(now - cj2) + " ago, in log2 buckets)");
        }
        if (ci2 != cj2) {
            return new Reason(9, "created about when " + k + " was (the same log2 bucket), so the uid decides");
        }
        return new Reason(9, "ties with " + k + " on every rule, so the uid decides");
    }

    /** The rule that put one pod before another: its number in the ranking and the comparison in words. */
    public record Reason(int rule, String text) {
    }

    /** floor(log2(nanoseconds since t)), or -1 when t is not in the past (logarithmicRankDiff). */
    long logRank(long t) {
        long nanos = (now - t) * 1000L;
        if (nanos <= 0) {
            return -1;
        }
        return 63 - Long.numberOfLeadingZeros(nanos);
    }

    private static int phaseOrdinal(PodPhase p) {
        return switch (p) {
            case PENDING -> 0;
            case UNKNOWN -> 1;
            case RUNNING -> 2;
            default -> 3;
        };
    }

    private static int deletionCost(Pod p) {
        String v = p.metadata().annotation(ANNOTATION_DELETION_COST);
        if (v == null) {
            return 0;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int maxRestarts(Pod p) {
        int max = 0;
        for (var s : p.containerStatuses()) {
            max = Math.max(max, s.restartCount());
        }
        return max;
    }
}
