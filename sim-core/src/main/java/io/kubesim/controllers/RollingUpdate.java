package io.kubesim.controllers;

import io.kubesim.cluster.Deployment;
import io.kubesim.cluster.ReplicaSet;
import java.util.ArrayList;
import java.util.List;

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

    RollingUpdate(ReplicaSetScaler scaler) {
        this.scaler = scaler;
    }

    /** reconcileNewReplicaSet: returns true when the new ReplicaSet was resized. */
    boolean reconcileNewReplicaSet(Deployment d, List<ReplicaSet> all, ReplicaSet newRs) {
        if (newRs.replicas() == d.replicas()) {
            return false;
        }
        if (newRs.replicas() > d.replicas()) {
            return scaler.scale(newRs, d.replicas(), d);
        }
        return scaler.scale(newRs, Fenceposts.newReplicaSetReplicas(d, all, newRs), d);
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
        List<ReplicaSet> oldSorted = new ArrayList<>(activeOld);
        oldSorted.sort(DeploymentReplicaSets.BY_CREATION);
        int cleaned = cleanupUnhealthyReplicas(oldSorted, d, maxScaledDown);
        List<ReplicaSet> allAfter = new ArrayList<>(oldSorted);
        allAfter.add(newRs);
        int scaledDown = scaleDownOldReplicaSets(allAfter, oldSorted, d);
        return cleaned + scaledDown > 0;
    }

    /** cleanupUnhealthyReplicas: removes replicas that are not available, oldest ReplicaSet first. */
    private int cleanupUnhealthyReplicas(List<ReplicaSet> oldSorted, Deployment d, int maxCleanup) {
        int total = 0;
        for (ReplicaSet rs : oldSorted) {
            if (total >= maxCleanup) {
                break;
            }
            if (rs.replicas() == 0 || rs.replicas() == rs.availableReplicas()) {
                continue;
            }
            int down = Math.min(maxCleanup - total, rs.replicas() - rs.availableReplicas());
            scaler.scale(rs, rs.replicas() - down, d);
            total += down;
        }
        return total;
    }

    /** scaleDownOldReplicaSetsForRollingUpdate: only as far as availability above minAvailable allows. */
    private int scaleDownOldReplicaSets(List<ReplicaSet> all, List<ReplicaSet> oldSorted, Deployment d) {
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
            scaler.scale(rs, rs.replicas() - down, d);
            total += down;
        }
        return total;
    }
}
