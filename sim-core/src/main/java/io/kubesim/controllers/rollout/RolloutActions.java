package io.kubesim.controllers.rollout;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.cluster.Rollout;
import io.kubesim.metrics.EventRecorder;
import java.util.List;

/**
 * What {@code kubectl argo rollouts promote | abort | retry} change on a Rollout (k8s-semantics.md
 * 20.2, 20.5): its spec or status, written through the store so that the controller reacts.
 */
public final class RolloutActions {
    private static final String SOURCE = RolloutReplicaSets.SOURCE;

    private final ClusterStore store;
    private final EventRecorder events;

    public RolloutActions(ClusterStore store, EventRecorder events) {
        this.store = store;
        this.events = events;
    }

    /**
     * {@code kubectl argo rollouts promote} (getPatches): unpauses; clears the pause conditions
     * (past an inconclusive analysis, to the next step), or else skips the current canary step.
     * With {@code full}: skips every remaining step ({@code status.promoteFull}).
     */
    public void promote(String key, boolean full) {
        Rollout r = store.rollouts().get(key);
        if (r == null) {
            return;
        }
        r.setPaused(false);
        int steps = r.canary() == null ? 0 : r.canary().steps().size();
        if (full) {
            if (!r.currentPodHash().equals(r.stableRs())) {
                r.setPromoteFull(true);
            }
        } else if (!r.pauseConditions().isEmpty()) {
            boolean inconclusive = r.pauseCondition(Rollout.PauseCondition.INCONCLUSIVE_ANALYSIS) != null;
            if (inconclusive && r.controllerPause() && r.currentStepIndex() != null && r.currentStepIndex() < steps) {
                r.setCurrentStepIndex(r.currentStepIndex() + 1);
                r.setControllerPause(false);
            }
            r.pauseConditions().clear();
        } else if (r.canary() != null && steps > 0) {
            int index = r.currentStepIndex() == null ? 0 : r.currentStepIndex();
            r.setCurrentStepIndex(Math.min(steps, index + 1));
        }
        events.normal(SOURCE, r, "RolloutResumed", "Rollout is resumed");
        store.rollouts().update(r);
    }

    /** {@code kubectl argo rollouts abort}: the update is abandoned, the stable serves (20.5). */
    public void abort(String key) {
        Rollout r = store.rollouts().get(key);
        if (r == null || r.currentPodHash().equals(r.stableRs())) {
            return;
        }
        List<ReplicaSet> owned = new RolloutReplicaSets(store, events).owned(r);
        new RolloutStatusWriter(store, events).abort(new RolloutState(r, owned, RolloutReplicaSets.current(r, owned)),
                null);
        store.rollouts().update(r);
    }

    /** {@code kubectl argo rollouts retry}: clears an abort; the update starts again from step 0. */
    public void retry(String key) {
        Rollout r = store.rollouts().get(key);
        if (r == null || !r.aborted()) {
            return;
        }
        r.setAborted(false);
        if (r.canary() != null && !r.canary().steps().isEmpty()) {
            r.setCurrentStepIndex(0);
        }
        events.normal(SOURCE, r, "RolloutRetry", "Retrying Rollout after abort");
        store.rollouts().update(r);
    }


    /** {@code kubectl argo rollouts pause} (spec.paused = true), or resuming it (false). */
    public void pause(String key, boolean paused) {
        Rollout r = store.rollouts().get(key);
        if (r == null || r.paused() == paused) {
            return;
        }
        r.setPaused(paused);
        events.normal(SOURCE, r, paused ? "RolloutPaused" : "RolloutResumed",
                paused ? "Rollout is paused (manually paused)" : "Rollout is resumed");
        store.rollouts().update(r);
    }
}
