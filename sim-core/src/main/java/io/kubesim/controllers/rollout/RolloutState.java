package io.kubesim.controllers.rollout;

import io.kubesim.cluster.ReplicaSet;
import io.kubesim.cluster.Rollout;
import java.util.ArrayList;
import java.util.List;

/**
 * One reconcile's view of a Rollout (Argo's rolloutContext): its ReplicaSets split into the new
 * one (the current template), the stable one (status.stableRS; null when it is the new one or
 * there is none) and the others.
 */
final class RolloutState {
    final Rollout rollout;
    final List<ReplicaSet> all;
    final ReplicaSet newRs;
    final ReplicaSet stableRs;
    final List<ReplicaSet> others;

    RolloutState(Rollout rollout, List<ReplicaSet> all, ReplicaSet newRs) {
        this.rollout = rollout;
        this.all = all;
        this.newRs = newRs;
        ReplicaSet stable = RolloutReplicaSets.withHash(all, rollout.stableRs());
        this.stableRs = stable;
        this.others = new ArrayList<>();
        for (ReplicaSet rs : all) {
            if (rs != newRs && rs != stable) {
                others.add(rs);
            }
        }
    }

    /** CheckStableRSExists: a stable ReplicaSet distinct from the new one. */
    boolean stableDistinct() {
        return stableRs != null && stableRs != newRs;
    }

    /** The stable ReplicaSet when distinct from the new one, else null. */
    ReplicaSet distinctStable() {
        return stableDistinct() ? stableRs : null;
    }

    String newHash() {
        return newRs == null ? "" : RolloutReplicaSets.hash(newRs);
    }

    /** IsFullyPromoted: the current template is the stable one. */
    boolean fullyPromoted() {
        return !rollout.stableRs().isEmpty() && rollout.stableRs().equals(rollout.currentPodHash());
    }

    static int sumReplicas(List<ReplicaSet> list) {
        int n = 0;
        for (ReplicaSet rs : list) {
            n += rs.replicas();
        }
        return n;
    }

    static int sumAvailable(List<ReplicaSet> list) {
        int n = 0;
        for (ReplicaSet rs : list) {
            n += rs.availableReplicas();
        }
        return n;
    }

    static CanaryReplicas.Counts counts(ReplicaSet rs) {
        return rs == null ? null : new CanaryReplicas.Counts(rs.replicas(), rs.availableReplicas());
    }
}
