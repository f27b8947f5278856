package io.kubesim.controllers;

import io.kubesim.cluster.Deployment;
import io.kubesim.cluster.ReplicaSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resizing a Deployment whose replicas changed (k8s-semantics.md 2.7, sync.go scale): a single
 * active ReplicaSet takes the new size; a saturated new ReplicaSet makes the old ones go to 0;
 * otherwise, during a RollingUpdate, the change is shared out in proportion to each ReplicaSet's
 * size, largest first, rounding half away from zero, leftovers to the first.
 *
 * <p>Worked example: scaling 5 → 10 (maxSurge 25%) with new RS 2 and old RS 3, both annotated
 * max-replicas 7 (5 + 2): allowed = 10 + 3 = 13, to add = 13 − 5 = 8. The old RS (larger) goes
 * first: round(3 × 13 / 7) − 3 = round(5.57) − 3 = 3; the new RS: round(2 × 13 / 7) − 2 = 2;
 * leftover 8 − 5 = 3 goes to the old RS. Result: old 9, new 4.
 */
final class ProportionalScaling {
    private final ReplicaSetScaler scaler;
    private final RolloutDecisions decisions;

    ProportionalScaling(ReplicaSetScaler scaler) {
        this(scaler, RolloutDecisions.disabled());
    }

    ProportionalScaling(ReplicaSetScaler scaler, RolloutDecisions decisions) {
        this.scaler = scaler;
        this.decisions = decisions;
    }

    void scale(Deployment d, ReplicaSet newRs, List<ReplicaSet> old) {
        Map<String, Object> state = null;
        if (decisions.enabled()) {
            List<ReplicaSet> everyRs = new ArrayList<>(old);
            everyRs.add(newRs);
            state = RolloutDecisions.state(d, everyRs, newRs);
        }
        ReplicaSet activeOrLatest = findActiveOrLatest(newRs, old);
        if (activeOrLatest != null) {
            int from = activeOrLatest.replicas();
            if (from != d.replicas()) {
                scaler.scale(activeOrLatest, d.replicas(), d);
                if (state != null) {
                    decisions.step(d, newRs, activeOrLatest, from, d.replicas(), "onlyActive",
                            "the only ReplicaSet with pods takes the Deployment's " + d.replicas() + " replicas", state);
                }
            }
            return;
        }
        if (isSaturated(d, newRs)) {
            for (ReplicaSet rs : old) {
                int from = rs.replicas();
                if (from > 0) {
                    scaler.scale(rs, 0, d);
                    if (state != null) {
                        decisions.step(d, newRs, rs, from, 0, "saturated", "the new ReplicaSet " + newRs.name()
                                + " is saturated (" + d.replicas() + " replicas, all available)", state);
                    }
                }
            }
            return;
        }
        if (d.strategy().recreate()) {
            return;
        }
        List<ReplicaSet> all = new ArrayList<>();
        for (ReplicaSet rs : old) {
            if (rs.replicas() > 0) {
                all.add(rs);
            }
        }
        if (newRs != null && newRs.replicas() > 0) {
            all.add(newRs);
        }
        int allowed = d.replicas() > 0 ? d.replicas() + Fenceposts.maxSurge(d) : 0;
        int toAdd = allowed - Fenceposts.specSum(all);
        String operation = "";
        Comparator<ReplicaSet> bySizeDesc = Comparator.comparingInt(ReplicaSet::replicas).reversed();
        if (toAdd > 0) {
            all.sort(bySizeDesc.thenComparing(DeploymentReplicaSets.BY_CREATION.reversed()));
            operation = "up";
        } else if (toAdd < 0) {
            all.sort(bySizeDesc.thenComparing(DeploymentReplicaSets.BY_CREATION));
            operation = "down";
        }
        Map<ReplicaSet, Integer> sizes = new IdentityHashMap<>();
        int added = 0;
        for (ReplicaSet rs : all) {
            if (toAdd != 0) {
                int proportion = proportion(rs, d, toAdd, added);
                sizes.put(rs, rs.replicas() + proportion);
                added += proportion;
            } else {
                sizes.put(rs, rs.replicas());
            }
        }
        if (toAdd != 0 && !all.isEmpty()) {
            ReplicaSet first = all.get(0);
            sizes.put(first, Math.max(0, sizes.get(first) + toAdd - added));
        }
        for (ReplicaSet rs : all) {
            int from = rs.replicas();
            int to = sizes.get(rs);
            Integer annotatedMax = ReplicaSetScaler.intAnnotation(rs, ReplicaSet.ANNOTATION_MAX_REPLICAS);
            scaler.scale(rs, to, d, operation);
            if (state != null && from != to) {
                recordShare(d, newRs, rs, from, to, allowed, toAdd, rs == all.get(0) ? toAdd - added : 0,
                        annotatedMax, state);
            }
        }
    }

    /**
     * One ReplicaSet's share as a rollout step: {@code proportional scaling to 10 replicas: 13 pods
     * allowed (10 + maxSurge 3), 5 exist; its share round(3 x 13 / 7) - 3 = 3, plus 3 left over}.
     */
    private void recordShare(Deployment d, ReplicaSet newRs, ReplicaSet rs, int from, int to, int allowed, int toAdd,
                             int leftover, Integer annotatedMax, Map<String, Object> state) {
        int surge = Fenceposts.maxSurge(d);
        Map<String, Object> f = new LinkedHashMap<>(state);
        f.put("allowedPods", allowed);
        f.put("toAdd", toAdd);
        f.put("share", to - from - leftover);
        f.put("leftover", leftover);
        String why = "proportional scaling to " + d.replicas() + " replicas: " + allowed + " pods allowed ("
                + d.replicas() + " + maxSurge " + surge + "), " + (allowed - toAdd) + " exist; its share "
                + (annotatedMax == null ? "" : "round(" + from + " x " + (d.replicas() + surge) + " / " + annotatedMax
                + ") - " + from + " = ") + (to - from - leftover);
        if (leftover != 0) {
            why += ", plus " + leftover + " left over";
        }
        if (annotatedMax != null) {
            f.put("annotatedMaxReplicas", annotatedMax);
        }
        decisions.step(d, newRs, rs, from, to, "proportional", why, f);
    }

    /** FindActiveOrLatest: the only ReplicaSet with replicas, or the newest if none has any. */
    private static ReplicaSet findActiveOrLatest(ReplicaSet newRs, List<ReplicaSet> old) {
        if (newRs == null && old.isEmpty()) {
            return null;
        }
        List<ReplicaSet> active = new ArrayList<>();
        for (ReplicaSet rs : old) {
            if (rs.replicas() > 0) {
                active.add(rs);
            }
        }
        if (newRs != null && newRs.replicas() > 0) {
            active.add(newRs);
        }
        if (active.isEmpty()) {
            if (newRs != null) {
                return newRs;
            }
            List<ReplicaSet> sorted = new ArrayList<>(old);
            sorted.sort(DeploymentReplicaSets.BY_CREATION.reversed());
            return sorted.get(0);
        }
        return active.size() == 1 ? active.get(0) : null;
    }

    /** IsSaturated: the new ReplicaSet has exactly the desired size, annotation and availability. */
    static boolean isSaturated(Deployment d, ReplicaSet rs) {
        if (rs == null) {
            return false;
        }
        Integer desired = ReplicaSetScaler.intAnnotation(rs, ReplicaSet.ANNOTATION_DESIRED_REPLICAS);
        return desired != null && desired == d.replicas() && rs.replicas() == d.replicas()
                && rs.availableReplicas() == d.replicas();
    }

    /** GetProportion: this ReplicaSet's share of the change, bounded by what is left to add. */
    private static int proportion(ReplicaSet rs, Deployment d, int toAdd, int added) {
        if (rs.replicas() == 0 || toAdd == 0 || toAdd == added) {
            return 0;
        }
        int fraction = fraction(rs, d);
        int allowed = toAdd - added;
        return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
    }

    /** getReplicaSetFraction: round(spec × (replicas + surge) / annotatedMax) − spec. */
    static int fraction(ReplicaSet rs, Deployment d) {
        if (d.replicas() == 0) {
            return -rs.replicas();
        }
        int deploymentReplicas = d.replicas() + Fenceposts.maxSurge(d);
        Integer annotated = ReplicaSetScaler.intAnnotation(rs, ReplicaSet.ANNOTATION_MAX_REPLICAS);
        int max = annotated == null || annotated == 0 ? d.statusReplicas() : annotated;
        if (max == 0) {
            return 0;
        }
        double size = (double) rs.replicas() * deploymentReplicas / max;
        return (int) roundHalfAwayFromZero(size) - rs.replicas();
    }

    static long roundHalfAwayFromZero(double v) {
        return v < 0 ? -Math.round(-v) : Math.round(v);
    }
}
