package io.kubesim.controllers;

import io.kubesim.cluster.Condition;
import io.kubesim.cluster.ConditionStatus;
import io.kubesim.cluster.Deployment;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.engine.SimTime;
import java.util.List;

/**
 * Computes a Deployment's status from its ReplicaSets and maintains the Progressing and
 * Available conditions and the progress deadline (k8s-semantics.md 2.5, sync.go calculateStatus,
 * progress.go syncRolloutStatus).
 */
final class DeploymentStatusWriter {
    static final String REASON_NEW_RS_AVAILABLE = "NewReplicaSetAvailable";
    static final String REASON_RS_UPDATED = "ReplicaSetUpdated";
    static final String REASON_TIMED_OUT = "ProgressDeadlineExceeded";

    /** The replica counts of a status, before they are written. */
    record Counts(long observedGeneration, int replicas, int updated, int ready, int available, int unavailable) {
    }

    static Counts calculate(Deployment d, List<ReplicaSet> all, ReplicaSet newRs) {
        int available = 0;
        int actual = 0;
        int ready = 0;
        for (ReplicaSet rs : all) {
            available += rs.availableReplicas();
            actual += rs.statusReplicas();
            ready += rs.readyReplicas();
        }
        int total = Fenceposts.specSum(all);
        int unavailable = Math.max(0, total - available);
        int updated = newRs == null ? 0 : newRs.statusReplicas();
        return new Counts(d.metadata().generation(), actual, updated, ready, available, unavailable);
    }

    /** syncDeploymentStatus: status counts and the Available condition. Returns true if changed. */
    static boolean writeStatus(Deployment d, Counts c, long now) {
        boolean changed = d.setStatus(c.observedGeneration(), c.replicas(), c.updated(), c.ready(), c.available(),
                c.unavailable());
        String before = d.availableCondition() == null ? "" : d.availableCondition().reason();
        if (c.available() >= d.replicas() - Fenceposts.maxUnavailable(d)) {
            d.setAvailable(ConditionStatus.TRUE, "MinimumReplicasAvailable", "Deployment has minimum availability.", now);
        } else {
            d.setAvailable(ConditionStatus.FALSE, "MinimumReplicasUnavailable",
                    "Deployment does not have minimum availability.", now);
        }
        return changed || !before.equals(d.availableCondition().reason());
    }

    /** DeploymentComplete: updated == replicas == available == spec.replicas at the current generation. */
    static boolean complete(Deployment d, Counts c) {
        return c.updated() == d.replicas() && c.replicas() == d.replicas() && c.available() == d.replicas()
                && c.observedGeneration() >= d.metadata().generation();
    }

    /** DeploymentProgressing: more updated, fewer old, more ready or more available than before. */
    static boolean progressing(Deployment d, Counts c) {
        int oldOld = d.statusReplicas() - d.updatedReplicas();
        int newOld = c.replicas() - c.updated();
        return c.updated() > d.updatedReplicas() || newOld < oldOld || c.ready() > d.readyReplicas()
                || c.available() > d.availableReplicas();
    }

    /** DeploymentTimedOut: lastUpdateTime + progressDeadlineSeconds is strictly before now. */
    static boolean timedOut(Deployment d, long now) {
        Integer deadline = d.progressDeadlineSeconds();
        Condition p = d.progressingCondition();
        if (deadline == null || deadline == Integer.MAX_VALUE || p == null) {
            return false;
        }
        if (p.reason().equals(REASON_NEW_RS_AVAILABLE)) {
            return false;
        }
        if (p.reason().equals(REASON_TIMED_OUT)) {
            return true;
        }
        return p.lastUpdateTime() + SimTime.seconds(deadline) < now;
    }

    /**
     * syncRolloutStatus: writes the status and moves the Progressing condition. Returns the delay
     * after which the controller must look again to notice a missed deadline, or -1.
     */
    static long syncRolloutStatus(Deployment d, List<ReplicaSet> all, ReplicaSet newRs, long now,
                                  Runnable onTimedOut) {
        Counts c = calculate(d, all, newRs);
        boolean hasDeadline = d.progressDeadlineSeconds() != null && d.progressDeadlineSeconds() != Integer.MAX_VALUE;
        Condition current = d.progressingCondition();
        boolean isComplete = c.replicas() == c.updated() && current != null
                && current.reason().equals(REASON_NEW_RS_AVAILABLE);
        if (hasDeadline && !isComplete) {
            String rsName = newRs == null ? "" : newRs.name();
            if (complete(d, c)) {
                d.setProgressing(ConditionStatus.TRUE, REASON_NEW_RS_AVAILABLE,
                        "ReplicaSet \"" + rsName + "\" has successfully progressed.", now);
            } else if (progressing(d, c)) {
                d.setProgressing(ConditionStatus.TRUE, REASON_RS_UPDATED,
                        "ReplicaSet \"" + rsName + "\" is progressing.", now);
            } else if (timedOut(d, now) && !REASON_TIMED_OUT.equals(current == null ? "" : current.reason())) {
                d.setProgressing(ConditionStatus.FALSE, REASON_TIMED_OUT,
                        "ReplicaSet \"" + rsName + "\" has timed out progressing.", now);
                onTimedOut.run();
            }
        }
        d.setReplicaFailure(replicaFailure(all, newRs));
        writeStatus(d, c, now);
        return requeueForDeadline(d, now);
    }

    /**
     * getReplicaFailures: the new ReplicaSet's ReplicaFailure condition, else the first old
     * one's, else null (k8s-semantics.md 2.5: copied into the Deployment).
     */
    static Condition replicaFailure(List<ReplicaSet> all, ReplicaSet newRs) {
        if (newRs != null && newRs.replicaFailureCondition() != null) {
            return newRs.replicaFailureCondition();
        }
        for (ReplicaSet rs : all) {
            if (rs.replicaFailureCondition() != null) {
                return rs.replicaFailureCondition();
            }
        }
        return null;
    }

    /** requeueStuckDeployment: the time left until the progress deadline passes, or -1. */
    private static long requeueForDeadline(Deployment d, long now) {
        Condition p = d.progressingCondition();
        Integer deadline = d.progressDeadlineSeconds();
        if (p == null || deadline == null || deadline == Integer.MAX_VALUE) {
            return -1;
        }
        if (p.reason().equals(REASON_NEW_RS_AVAILABLE) || p.reason().equals(REASON_TIMED_OUT)) {
            return -1;
        }
        long due = p.lastUpdateTime() + SimTime.seconds(deadline) + 1;
        return Math.max(0, due - now);
    }
}
