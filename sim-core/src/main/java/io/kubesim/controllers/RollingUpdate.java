package io.kubesim.controllers;

import io.kubesim.cluster.Deployment;
import io.kubesim.cluster.ReplicaSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One RollingUpdate step (k8s-semantics.md 2.3, rolling.go): grow the new ReplicaSet within
 * maxSurge; if it did not grow, shrink old ReplicaSets within maxUnavailable, unhealthy replicas
 * first.
 *
 * <p>Worked example, 10 replicas, maxSurge 3, maxUnavailable 2, old RS 10/10 available, new RS 0:
 * the new RS grows to 3 (13 in all). Then maxScaledDown = 13 − 8 − (3 − 0) = 2, so the old RS
 * goes to 8. As new pods become available the old RS keeps shrinking, never leaving fewer than
 * 8 available nor more than 13 pods.
 */
final class RollingUpdate {
    private final ReplicaSetScaler scaler;
    private final RolloutDecisions decisions;

    RollingUpdate(ReplicaSetScaler scaler, RolloutDecisions decisions) {
        this.scaler = scaler;
        this.decisions = decisions;
    }

    /** reconcileNewReplicaSet: returns true when the new ReplicaSet was resized. */
    boolean reconcileNewReplicaSet(Deployment d, List<ReplicaSet> all, ReplicaSet newRs) {
        int from = newRs.replicas();
        if (from == d.replicas()) {
            return false;
        }
        Map<String, Object> state = decisions.enabled() ? RolloutDecisions.state(d, all, newRs) : null;
        if (from > d.replicas()) {
            boolean scaled = scaler.scale(newRs, d.replicas(), d);
            if (scaled && state != null) {
                decisions.step(d, newRs, newRs, from, d.replicas(), "aboveReplicas",
                        "it has more than the Deployment's " + d.replicas() + " replicas", state);
            }
            return scaled;
        }
        int to = Fenceposts.newReplicaSetReplicas(d, all, newRs);
        boolean scaled = scaler.scale(newRs, to, d);
        if (scaled && state != null) {
            decisions.step(d, newRs, newRs, from, to, "maxSurge", surgeAllows(d, (Integer) state.get("currentPods"),
                    from, to), state);
        }
        return scaled;
    }

    /**
     * Why the new ReplicaSet may grow to {@code to}: {@code maxSurge 25% (3) allows 13 pods
     * (10 replicas + 3), 10 exist}, and when the Deployment's size is the tighter bound, that.
     */
    static String surgeAllows(Deployment d, int currentPods, int from, int to) {
        int surge = Fenceposts.maxSurge(d);
        int maxTotal = d.replicas() + surge;
        String why = RolloutDecisions.bound("maxSurge", d.strategy().maxSurge(), surge) + " allows " + maxTotal
                + " pods (" + d.replicas() + " replicas + " + surge + "), " + currentPods + " exist";
        if (to - from < maxTotal - currentPods) {
            why += "; " + (to - from) + " more bring" + (to - from == 1 ? "s" : "") + " it to the Deployment's "
                    + d.replicas() + " replicas";
        }
        return why;
    }

    /** reconcileOldReplicaSets: returns true when any old ReplicaSet was scaled down. */
    boolean reconcileOldReplicaSets(Deployment d, List<ReplicaSet> all, List<ReplicaSet> activeOld, ReplicaSet newRs) {
        int oldPods = Fenceposts.specSum(activeOld);
        if (oldPods == 0) {
            return false;
        }
        int allPods = Fenceposts.specSum(all);
        int minAvailable = d.replicas() - Fenceposts.maxUnavailable(d);
        int newUnavailable = newRs.replicas() - newRs.availableReplicas();
        int maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) {
            return false;
        }
        Map<String, Object> state = null;
        if (decisions.enabled()) {
            state = RolloutDecisions.state(d, all, newRs);
            state.put("newUnavailable", newUnavailable);
            state.put("maxScaleDown", maxScaledDown);
        }
        List<ReplicaSet> oldSorted = new ArrayList<>(activeOld);
        oldSorted.sort(DeploymentReplicaSets.BY_CREATION);
        int cleaned = cleanupUnhealthyReplicas(oldSorted, d, maxScaledDown, newRs, state);
        List<ReplicaSet> allAfter = new ArrayList<>(oldSorted);
        allAfter.add(newRs);
        int scaledDown = scaleDownOldReplicaSets(allAfter, oldSorted, d, newRs, state);
        return cleaned + scaledDown > 0;
    }

    /**
     * cleanupUnhealthyReplicas: removes replicas that are not available, oldest ReplicaSet first.
     * {@code state} is null when decisions are not recorded.
     */
    private int cleanupUnhealthyReplicas(List<ReplicaSet> oldSorted, Deployment d, int maxCleanup, ReplicaSet newRs,
                                         Map<String, Object> state) {
        int total = 0;
        for (ReplicaSet rs : oldSorted) {
            if (total >= maxCleanup) {
                break;
            }
            if (rs.replicas() == 0 || rs.replicas() == rs.availableReplicas()) {
                continue;
            }
            int unhealthy = rs.replicas() - rs.availableReplicas();
            int down = Math.min(maxCleanup - total, unhealthy);
            int from = rs.replicas();
            scaler.scale(rs, from - down, d);
            total += down;
            if (state != null) {
                Map<String, Object> f = new LinkedHashMap<>(state);
                f.put("unhealthy", unhealthy);
                decisions.step(d, newRs, rs, from, from - down, "unhealthy", unhealthy + " of its pods "
                        + (unhealthy == 1 ? "is" : "are") + " not available and unhealthy pods go first; at most "
                        + maxCleanup + " may go (" + state.get("currentPods") + " pods - minAvailable "
                        + state.get("minAvailable") + " - " + state.get("newUnavailable") + " new pod"
                        + (((Integer) state.get("newUnavailable")) == 1 ? "" : "s") + " not yet available)", f);
            }
        }
        return total;
    }

    /** scaleDownOldReplicaSetsForRollingUpdate: only as far as availability above minAvailable allows. */
    private int scaleDownOldReplicaSets(List<ReplicaSet> all, List<ReplicaSet> oldSorted, Deployment d,
                                        ReplicaSet newRs, Map<String, Object> state) {
        int minAvailable = d.replicas() - Fenceposts.maxUnavailable(d);
        int available = 0;
        for (ReplicaSet rs : all) {
            available += rs.availableReplicas();
        }
        if (available <= minAvailable) {
            return 0;
        }
        int budget = available - minAvailable;
        int total = 0;
        for (ReplicaSet rs : oldSorted) {
            if (total >= budget) {
                break;
            }
            if (rs.replicas() == 0) {
                continue;
            }
            int down = Math.min(rs.replicas(), budget - total);
            int from = rs.replicas();
            scaler.scale(rs, from - down, d);
            total += down;
            if (state != null) {
                int oldUnhealthy = 0;
                for (ReplicaSet old : oldSorted) {
                    oldUnhealthy += Math.max(0, old.replicas() - old.availableReplicas());
                }
                Map<String, Object> f = new LinkedHashMap<>(state);
                f.put("scaleDownBudget", budget);
                f.put("oldUnhealthy", oldUnhealthy);
                int unavailable = Fenceposts.maxUnavailable(d);
                decisions.step(d, newRs, rs, from, from - down, "maxUnavailable",
                        RolloutDecisions.bound("maxUnavailable", d.strategy().maxUnavailable(), unavailable)
                                + " keeps " + minAvailable + " available (" + d.replicas() + " - " + unavailable + "); "
                                + available + " available and " + oldUnhealthy + " unhealthy old pods, so " + budget
                                + " may go", f);
            }
        }
        return total;
    }

    /**
     * A sync changed nothing while the rollout is in progress: records which bound holds each
     * side (the new ReplicaSet by maxSurge, the old ones by maxUnavailable) and how many new pods
     * the rollout waits for.
     */
    void recordWait(Deployment d, List<ReplicaSet> all, List<ReplicaSet> activeOld, ReplicaSet newRs) {
        if (!decisions.enabled()) {
            return;
        }
        Map<String, Object> state = RolloutDecisions.state(d, all, newRs);
        int surge = Fenceposts.maxSurge(d);
        int unavailable = Fenceposts.maxUnavailable(d);
        int allPods = Fenceposts.specSum(all);
        int oldPods = Fenceposts.specSum(activeOld);
        int minAvailable = d.replicas() - unavailable;
        int newUnavailable = Math.max(0, newRs.replicas() - newRs.availableReplicas());
        int available = 0;
        for (ReplicaSet rs : all) {
            available += rs.availableReplicas();
        }
        List<String> parts = new ArrayList<>();
        List<String> bounds = new ArrayList<>();
        if (newRs.replicas() >= d.replicas() && oldPods == 0) {
            parts.add("all " + d.replicas() + " replicas are in ReplicaSet " + newRs.name());
        } else if (newRs.replicas() >= d.replicas()) {
            parts.add("the new ReplicaSet " + newRs.name() + " has all " + d.replicas() + " replicas");
        } else {
            bounds.add("maxSurge");
            parts.add("the new ReplicaSet " + newRs.name() + " cannot grow: "
                    + RolloutDecisions.bound("maxSurge", d.strategy().maxSurge(), surge) + " allows "
                    + (d.replicas() + surge) + " pods, " + allPods + " exist");
        }
        if (oldPods > 0) {
            bounds.add("maxUnavailable");
            if (allPods - minAvailable - newUnavailable <= 0) {
                parts.add("the old ReplicaSets cannot shrink: " + allPods + " pods - minAvailable " + minAvailable
                        + " - " + newUnavailable + " new pod" + (newUnavailable == 1 ? "" : "s") + " not yet available leaves "
                        + (allPods - minAvailable - newUnavailable));
            } else {
                parts.add("the old ReplicaSets cannot shrink: " + available + " available, and "
                        + RolloutDecisions.bound("maxUnavailable", d.strategy().maxUnavailable(), unavailable)
                        + " keeps " + minAvailable);
            }
        }
        String why = String.join("; ", parts);
        if (newUnavailable > 0 && oldPods == 0) {
            why += "; waiting for " + newUnavailable + " of its pods to become available";
        } else if (newUnavailable > 0) {
            why += "; waiting for " + newUnavailable + " new pod" + (newUnavailable == 1 ? "" : "s")
                    + " to become available";
        } else if (oldPods == 0) {
            why += "; waiting for the status to count the old pods gone";
        }
        state.put("newUnavailable", newUnavailable);
        state.put("heldBy", bounds);
        String key = allPods + "/" + newRs.replicas() + "/" + newRs.availableReplicas() + "/" + available + "/" + oldPods;
        decisions.waiting(d, newRs, key, why, state);
    }
}
