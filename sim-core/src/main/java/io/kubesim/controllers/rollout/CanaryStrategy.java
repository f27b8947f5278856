package io.kubesim.controllers.rollout;

import io.kubesim.api.CanaryStep;
import io.kubesim.api.RolloutStrategy;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.cluster.Rollout;
import io.kubesim.cluster.Service;
import io.kubesim.cluster.TrafficSplits;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.EventRecorder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One reconcile of a canary Rollout (Argo's rolloutCanary; k8s-semantics.md 20.2, 20.3, 20.5):
 * the stable and canary Services, the router's weight, the step's analysis, the ReplicaSets'
 * sizes (stable first, then the canary, then the others), the pause step, and the status: full
 * promotion, abort, or the current step completing (at most one step per reconcile).
 */
final class CanaryStrategy {
    private final ClusterStore store;
    private final EventRecorder events;
    private final RolloutReplicaSets replicaSets;
    private final RolloutServices services;
    private final RolloutAnalyses analyses;
    private final RolloutStatusWriter status;

    CanaryStrategy(ClusterStore store, EventRecorder events, RolloutReplicaSets replicaSets, RolloutServices services,
                   RolloutAnalyses analyses, RolloutStatusWriter status) {
        this.store = store;
        this.events = events;
        this.replicaSets = replicaSets;
        this.services = services;
        this.analyses = analyses;
        this.status = status;
    }

    /** @return microseconds until the Rollout must be looked at again (a timed pause, a scale-down deadline), or -1 */
    long reconcile(RolloutState st) {
        Rollout r = st.rollout;
        RolloutStrategy.Canary canary = r.canary();
        int steps = canary.steps().size();
        long wake = -1;
        if (r.promoteFull()) {
            r.pauseConditions().clear();
            r.setAborted(false);
            if (steps > 0) {
                r.setCurrentStepIndex(steps);
            }
        }
        reconcileServices(st, canary);
        if (canary.trafficRouting() != null) {
            reconcileWeight(st, canary);
        }
        analyses.reconcileCanary(st);
        boolean halted = r.paused() || r.pauseCondition(Rollout.PauseCondition.INCONCLUSIVE_ANALYSIS) != null;
        if (!halted) {
            Scaled scaled = reconcileReplicaSets(st, canary);
            wake = scaled.wake;
            if (!scaled.scaled) {
                long pauseWake = reconcilePause(r, canary);
                wake = earliest(wake, pauseWake);
            }
        }
        syncStatus(st, canary);
        return wake;
    }

    // ---- Services and weights

    /** reconcileStableAndCanaryService: stable to the stable hash, canary to the new one (each once available). */
    private void reconcileServices(RolloutState st, RolloutStrategy.Canary canary) {
        Rollout r = st.rollout;
        Service stable = services.get(r, canary.stableService());
        Service canarySvc = services.get(r, canary.canaryService());
        if (st.stableRs != null) {
            services.selectWhenAvailable(r, stable, st.stableRs);
        }
        if (r.aborted() && st.stableRs != null && canary.trafficRouting() != null) {
            services.select(r, canarySvc, RolloutReplicaSets.hash(st.stableRs));
        } else if (st.newRs != null) {
            services.selectWhenAvailable(r, canarySvc, st.newRs);
        }
    }

    /**
     * reconcileTrafficRouting: the canary weight the router is set to. It rises to a step's
     * weight only once the canary has the pods for it, and never above what the stable's
     * available pods leave to the canary when going down; aborted or fully promoted, it is 0.
     */
    private void reconcileWeight(RolloutState st, RolloutStrategy.Canary canary) {
        Rollout r = st.rollout;
        int desired = 0;
        Integer index = r.currentStepIndex();
        int steps = canary.steps().size();
        if (st.fullyPromoted() || r.aborted() || st.newRs == null || st.newRs.availableReplicas() == 0) {
            desired = 0;
        } else if (r.promoteFull()) {
            desired = r.canaryWeight();
        } else if (index != null || steps == 0) {
            int i = index == null ? 0 : index;
            if (!atDesiredCounts(st, canary)) {
                for (int k = i - 1; k >= 0; k--) {
                    if (canary.steps().get(k) instanceof CanaryStep.SetWeight w) {
                        desired = w.weight();
                        break;
                    }
                }
            } else if (i < steps) {
                desired = currentSetWeight(r, canary);
            } else {
                desired = CanaryReplicas.MAX_WEIGHT;
            }
        }
        if (st.stableRs != null && desired < r.canaryWeight()) {
            int stableShare = CanaryReplicas.MAX_WEIGHT * st.stableRs.availableReplicas() / Math.max(1, r.replicas());
            if (st.stableRs != st.newRs && stableShare < CanaryReplicas.MAX_WEIGHT - desired && desired > 0) {
                desired = r.canaryWeight();
            }
        }
        setWeight(r, canary, desired);
    }

    private void setWeight(Rollout r, RolloutStrategy.Canary canary, int weight) {
        String stableKey = r.metadata().namespace() + "/" + canary.stableService();
        String canaryKey = r.metadata().namespace() + "/" + canary.canaryService();
        TrafficSplits.Split before = store.trafficSplits().of(stableKey);
        if (before != null && before.weight() == weight) {
            return;
        }
        store.trafficSplits().set(stableKey, new TrafficSplits.Split(canaryKey, weight, canary.trafficRouting().mesh()));
        events.normal(RolloutReplicaSets.SOURCE, r, "TrafficWeightUpdated", "Traffic weight updated "
                + (before == null ? "to " + weight : "from " + before.weight() + " to " + weight));
        r.setCanaryWeight(weight);
    }

    // ---- Weights and replica counts

    /** GetCurrentSetWeight: the last setWeight at or before the current step; 100 past the last; 0 aborted. */
    static int currentSetWeight(Rollout r, RolloutStrategy.Canary canary) {
        if (r.aborted()) {
            return 0;
        }
        int steps = canary.steps().size();
        int index = r.currentStepIndex() == null ? 0 : r.currentStepIndex();
        if (steps == 0 || index >= steps) {
            return CanaryReplicas.MAX_WEIGHT;
        }
        for (int i = index; i >= 0; i--) {
            if (canary.steps().get(i) instanceof CanaryStep.SetWeight w) {
                return w.weight();
            }
        }
        return 0;
    }

    /** UseSetCanaryScale: the setCanaryScale in force (traffic routing only), or null. */
    private static CanaryStep.SetCanaryScale canaryScale(Rollout r, RolloutStrategy.Canary canary) {
        if (canary.trafficRouting() == null || r.currentStepIndex() == null) {
            return null;
        }
        int index = r.currentStepIndex();
        if (index >= canary.steps().size()) {
            return null;
        }
        for (int i = index; i >= 0; i--) {
            if (canary.steps().get(i) instanceof CanaryStep.SetCanaryScale s) {
                return s.matchTrafficWeight() ? null : s;
            }
        }
        return null;
    }

    /** The weight the counts are computed for (GetCanaryReplicasOrWeight's weight). */
    private static int desiredWeight(RolloutState st, RolloutStrategy.Canary canary) {
        Rollout r = st.rollout;
        if (r.promoteFull() || r.stableRs().isEmpty() || r.currentPodHash().equals(r.stableRs())) {
            return CanaryReplicas.MAX_WEIGHT;
        }
        CanaryStep.SetCanaryScale scale = canaryScale(r, canary);
        if (scale != null && scale.weight() != null && scale.replicas() == null) {
            return scale.weight();
        }
        return currentSetWeight(r, canary);
    }

    /** The new and stable sizes this reconcile aims at. */
    CanaryReplicas.Split targets(RolloutState st, RolloutStrategy.Canary canary) {
        Rollout r = st.rollout;
        int replicas = r.replicas();
        int weight = desiredWeight(st, canary);
        if (canary.trafficRouting() == null) {
            int surge = canary.maxSurge().scaledValue(replicas, true);
            int unavailable = canary.maxUnavailable().scaledValue(replicas, false);
            if (surge == 0 && unavailable == 0) {
                unavailable = 1;
            }
            return CanaryReplicas.basic(replicas, weight, surge, unavailable, RolloutState.counts(st.newRs),
                    RolloutState.counts(st.distinctStable()), RolloutState.sumReplicas(st.others));
        }
        CanaryStep.SetCanaryScale scale = canaryScale(r, canary);
        int canaryCount = scale != null && scale.replicas() != null ? scale.replicas()
                : CanaryReplicas.atLeastMinPods(CanaryReplicas.forWeight(replicas, weight),
                canary.minPodsPerReplicaSet(), replicas);
        if (!st.stableDistinct()) {
            return new CanaryReplicas.Split(replicas, 0);
        }
        if (!canary.dynamicStableScale()) {
            return new CanaryReplicas.Split(canaryCount, replicas);
        }
        int stableCount = Math.max(CanaryReplicas.forWeight(replicas, CanaryReplicas.MAX_WEIGHT - weight),
                CanaryReplicas.forWeight(replicas, CanaryReplicas.MAX_WEIGHT - r.canaryWeight()));
        return new CanaryReplicas.Split(canaryCount,
                CanaryReplicas.atLeastMinPods(stableCount, canary.minPodsPerReplicaSet(), replicas));
    }

    /**
     * AtDesiredReplicaCountsForCanary: the canary has exactly its target available, the stable
     * its target created, and (basic canary) older ReplicaSets no available pod.
     */
    private boolean atDesiredCounts(RolloutState st, RolloutStrategy.Canary canary) {
        CanaryReplicas.Split t = targets(st, canary);
        if (st.newRs == null || st.newRs.replicas() != t.canary() || st.newRs.availableReplicas() != t.canary()) {
            return false;
        }
        if (canary.trafficRouting() == null || !canary.dynamicStableScale()) {
            ReplicaSet stable = st.distinctStable();
            if (stable == null || stable.replicas() != t.stable() || stable.statusReplicas() != t.stable()) {
                return false;
            }
        }
        return canary.trafficRouting() != null || RolloutState.sumAvailable(st.others) == 0;
    }

    private record Scaled(boolean scaled, long wake) {
    }

    /** reconcileCanaryReplicaSets: stable, then new, then the others; stops at the first that scaled. */
    private Scaled reconcileReplicaSets(RolloutState st, RolloutStrategy.Canary canary) {
        Rollout r = st.rollout;
        CanaryReplicas.Split t = targets(st, canary);
        ReplicaSet stable = st.distinctStable();
        if (stable != null && replicaSets.scale(r, stable, t.stable())) {
            return new Scaled(true, -1);
        }
        if (st.newRs != null) {
            int newCount = t.canary();
            long wake = -1;
            if (r.aborted() && stable != null && canary.trafficRouting() != null) {
                int delay = canary.effectiveAbortScaleDownDelaySeconds();
                if (delay < 0) {
                    return new Scaled(false, -1); // abortScaleDownDelaySeconds: 0 keeps the canary up
                }
                long deadline = ScaleDownDeadline.of(st.newRs);
                if (deadline < 0) {
                    if (stable.availableReplicas() >= r.replicas()) {
                        ScaleDownDeadline.set(store, st.newRs, store.now() + SimTime.seconds(delay));
                        wake = SimTime.seconds(delay);
                    }
                    return new Scaled(false, wake);
                }
                if (deadline > store.now()) {
                    return new Scaled(false, deadline - store.now());
                }
                newCount = 0;
            }
            if (replicaSets.scale(r, st.newRs, newCount)) {
                return new Scaled(true, -1);
            }
        }
        return scaleDownOthers(st, canary);
    }

    /** scaleDownOldReplicaSetsForCanary, newest first, within the availability budget. */
    private Scaled scaleDownOthers(RolloutState st, RolloutStrategy.Canary canary) {
        Rollout r = st.rollout;
        List<ReplicaSet> others = new ArrayList<>();
        for (ReplicaSet rs : st.others) {
            if (rs.replicas() > 0) {
                others.add(rs);
            }
        }
        if (others.isEmpty()) {
            return new Scaled(false, -1);
        }
        int unavailable = canary.maxUnavailable().scaledValue(r.replicas(), false);
        if (unavailable == 0 && canary.maxSurge().scaledValue(r.replicas(), true) == 0) {
            unavailable = 1;
        }
        int maxScaleDown = RolloutState.sumAvailable(st.all) - (r.replicas() - unavailable);
        if (maxScaleDown <= 0) {
            return new Scaled(false, -1);
        }
        others.sort(Comparator.comparingLong(RolloutReplicaSets::revision).reversed());
        boolean scaled = false;
        long wake = -1;
        for (ReplicaSet rs : others) {
            if (maxScaleDown <= 0) {
                break;
            }
            int desired = 0;
            if (canary.trafficRouting() == null) {
                desired = Math.max(0, rs.replicas() - maxScaleDown);
            } else if (st.fullyPromoted() || ScaleDownDeadline.of(rs) >= 0) {
                if (!canary.dynamicStableScale()) {
                    long deadline = ScaleDownDeadline.of(rs);
                    if (deadline < 0) {
                        long delay = SimTime.seconds(canary.effectiveScaleDownDelaySeconds());
                        ScaleDownDeadline.set(store, rs, store.now() + delay);
                        deadline = store.now() + delay;
                    }
                    if (deadline > store.now()) {
                        desired = rs.replicas();
                        wake = earliest(wake, deadline - store.now());
                    }
                }
            }
            if (rs.replicas() == desired) {
                continue;
            }
            int down = rs.replicas() - desired;
            replicaSets.scale(r, rs, desired);
            maxScaleDown -= down;
            scaled = true;
        }
        return new Scaled(scaled, wake);
    }

    // ---- Pause and status

    /** reconcileCanaryPause: a pause step adds its condition once; a timed one wakes at its end. */
    private long reconcilePause(Rollout r, RolloutStrategy.Canary canary) {
        if (r.paused() || r.promoteFull() || r.aborted()) {
            return -1;
        }
        Integer index = r.currentStepIndex();
        if (index == null || index >= canary.steps().size()
                || !(canary.steps().get(index) instanceof CanaryStep.Pause pause)) {
            return -1;
        }
        Rollout.PauseCondition c = r.pauseCondition(Rollout.PauseCondition.CANARY_PAUSE_STEP);
        if (c == null) {
            if (!r.controllerPause()) {
                status.pause(r, Rollout.PauseCondition.CANARY_PAUSE_STEP);
                return pause.durationSeconds() == null ? -1 : SimTime.seconds(pause.durationSeconds());
            }
            return -1;
        }
        if (pause.durationSeconds() == null) {
            return -1;
        }
        long end = c.startTime() + SimTime.seconds(pause.durationSeconds());
        return end > store.now() ? end - store.now() : 0;
    }

    /** syncRolloutStatusCanary: full promotion, abort, or one step completing. */
    private void syncStatus(RolloutState st, RolloutStrategy.Canary canary) {
        Rollout r = st.rollout;
        int steps = canary.steps().size();
        String reason = shouldFullPromote(st, canary);
        if (reason != null) {
            status.promoteStable(st, reason);
            if (steps > 0) {
                r.setCurrentStepIndex(steps);
            } else {
                r.setCurrentStepIndex(null);
            }
            analyses.terminateAll(r);
            return;
        }
        if (r.aborted()) {
            if (steps > 0) {
                r.setCurrentStepIndex(r.stableRs().equals(r.currentPodHash()) ? steps : 0);
            }
            return;
        }
        if (completedCurrentStep(st, canary)) {
            int index = r.currentStepIndex() == null ? 0 : r.currentStepIndex();
            CanaryStep step = canary.steps().get(index);
            r.setCurrentStepIndex(index + 1);
            r.setLastProgress(store.now());
            events.normal(RolloutReplicaSets.SOURCE, r, "RolloutStepCompleted",
                    "Rollout step " + (index + 1) + "/" + steps + " completed (" + step.describe() + ")");
            r.pauseConditions().removeIf(c -> c.reason().equals(Rollout.PauseCondition.CANARY_PAUSE_STEP));
            r.setControllerPause(false);
        }
    }

    /** shouldFullPromote for a canary: the reason to make the new ReplicaSet stable now, or null. */
    private String shouldFullPromote(RolloutState st, RolloutStrategy.Canary canary) {
        Rollout r = st.rollout;
        if (r.stableRs().isEmpty() || st.stableRs == null) {
            return st.newRs == null ? null : "Initial deploy";
        }
        if (r.aborted()) {
            return null;
        }
        if (st.newRs == null || st.newRs.availableReplicas() < r.replicas()) {
            return null;
        }
        if (r.promoteFull()) {
            return "Full promotion requested";
        }
        int steps = canary.steps().size();
        Integer index = r.currentStepIndex();
        if (steps == 0 || (index != null && index == steps)) {
            return "Completed all " + steps + " canary steps";
        }
        return null;
    }

    /** completedCurrentCanaryStep (20.2). */
    private boolean completedCurrentStep(RolloutState st, RolloutStrategy.Canary canary) {
        Rollout r = st.rollout;
        if (r.paused() || r.currentStepIndex() == null || r.currentStepIndex() >= canary.steps().size()) {
            return false;
        }
        CanaryStep step = canary.steps().get(r.currentStepIndex());
        if (step instanceof CanaryStep.Pause p) {
            Rollout.PauseCondition c = r.pauseCondition(Rollout.PauseCondition.CANARY_PAUSE_STEP);
            if (r.controllerPause() && c == null) {
                return true;
            }
            return p.durationSeconds() != null && c != null
                    && store.now() >= c.startTime() + SimTime.seconds(p.durationSeconds());
        }
        if (step instanceof CanaryStep.SetWeight) {
            return atDesiredCounts(st, canary)
                    && (canary.trafficRouting() == null || r.canaryWeight() == currentSetWeight(r, canary));
        }
        if (step instanceof CanaryStep.SetCanaryScale) {
            return atDesiredCounts(st, canary);
        }
        if (step instanceof CanaryStep.Analysis) {
            return analyses.stepSucceeded(r, r.currentStepIndex());
        }
        return true; // experiment, header and mirror routes, plugins: not simulated, done at once
    }

    private static long earliest(long a, long b) {
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }
}
