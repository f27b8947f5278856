package io.kubesim.controllers.rollout;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.ConditionStatus;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.cluster.Rollout;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.EventRecorder;

/**
 * A Rollout's status transitions with Argo's events and messages (k8s-semantics.md 20.2, 20.5,
 * 20.8): pausing, promotion of the new ReplicaSet to stable, abort, the progress deadline, and the
 * phase computed from the rest.
 */
final class RolloutStatusWriter {
    static final String PROGRESSING = "Progressing";
    static final String PAUSED = "Paused";
    static final String HEALTHY = "Healthy";
    static final String DEGRADED = "Degraded";

    private final ClusterStore store;
    private final EventRecorder events;

    RolloutStatusWriter(ClusterStore store, EventRecorder events) {
        this.store = store;
        this.events = events;
    }

    /** AddPauseCondition: the controller pauses the Rollout for {@code reason}. */
    void pause(Rollout r, String reason) {
        if (r.pauseCondition(reason) != null) {
            return;
        }
        r.addPauseCondition(reason, store.now());
        r.setControllerPause(true);
        events.normal(RolloutReplicaSets.SOURCE, r, "RolloutPaused", "Rollout is paused (" + reason + ")");
    }

    /** promoteStable: the current ReplicaSet becomes stable, with RolloutCompleted when the stable changed. */
    void promoteStable(RolloutState st, String reason) {
        Rollout r = st.rollout;
        r.pauseConditions().clear();
        r.setControllerPause(false);
        r.setAborted(false);
        r.setPromoteFull(false);
        r.setScaleUpPreviewCheckPoint(false);
        if (!r.currentPodHash().equals(r.stableRs())) {
            r.setStableRs(r.currentPodHash());
            r.setLastProgress(store.now());
            events.normal(RolloutReplicaSets.SOURCE, r, "RolloutCompleted", "Rollout completed update to revision "
                    + revision(st.newRs) + " (" + r.currentPodHash() + "): " + reason);
        }
    }

    /** Abort (20.5): the canary or preview is given up, the stable keeps serving; the template stays. */
    void abort(RolloutState st, String why) {
        Rollout r = st.rollout;
        if (r.aborted()) {
            return;
        }
        r.setAborted(true);
        r.pauseConditions().clear();
        r.setControllerPause(false);
        String msg = "Rollout aborted update to revision " + revision(st.newRs) + (why == null ? "" : ": " + why);
        r.setProgressing(ConditionStatus.FALSE, "RolloutAborted", msg, store.now());
        events.warning(RolloutReplicaSets.SOURCE, r, "RolloutAborted", msg);
    }

    /**
     * The progress deadline (20.5): without progress for progressDeadlineSeconds while an update is
     * under way (and not paused), Progressing turns False ProgressDeadlineExceeded; with
     * progressDeadlineAbort the update is aborted.
     *
     * @return microseconds until the deadline, or -1 when none is running
     */
    long checkDeadline(RolloutState st, boolean complete) {
        Rollout r = st.rollout;
        if (complete || r.aborted() || r.paused() || !r.pauseConditions().isEmpty()) {
            r.setLastProgress(store.now());
            return -1;
        }
        long deadline = r.lastProgress() + SimTime.seconds(r.spec().progressDeadlineSeconds());
        if (store.now() < deadline) {
            return deadline - store.now();
        }
        var c = r.progressingCondition();
        if (c == null || !"ProgressDeadlineExceeded".equals(c.reason())) {
            String msg = "Rollout \"" + r.name() + "\" has timed out progressing.";
            r.setProgressing(ConditionStatus.FALSE, "ProgressDeadlineExceeded", msg, store.now());
            events.warning(RolloutReplicaSets.SOURCE, r, "ProgressDeadlineExceeded", msg);
            if (r.spec().progressDeadlineAbort()) {
                abort(st, msg);
            }
        }
        return -1;
    }

    /** The replica counts and the phase (CalculateRolloutPhase, 20.8). */
    void writeStatus(RolloutState st, boolean complete, String progressingMessage) {
        Rollout r = st.rollout;
        int replicas = 0;
        int available = 0;
        for (ReplicaSet rs : st.all) {
            replicas += rs.statusReplicas();
            available += rs.availableReplicas();
        }
        int updated = st.newRs == null ? 0 : st.newRs.statusReplicas();
        r.setStatus(r.metadata().generation(), replicas, updated, available);
        var c = r.progressingCondition();
        String reason = c == null ? "" : c.reason();
        if (!r.aborted() && "RolloutAborted".equals(reason)) {
            r.setProgressing(ConditionStatus.TRUE, "RolloutRetry", "Retrying Rollout after abort", store.now());
            reason = "RolloutRetry";
        }
        if (complete && !"ProgressDeadlineExceeded".equals(reason) && !"RolloutAborted".equals(reason)
                && !"NewReplicaSetAvailable".equals(reason)) {
            r.setProgressing(ConditionStatus.TRUE, "NewReplicaSetAvailable", "Rollout is healthy", store.now());
        }
        if (r.aborted() || "ProgressDeadlineExceeded".equals(reason)) {
            r.setPhase(DEGRADED, r.progressingCondition().message());
        } else if (r.paused()) {
            r.setPhase(PAUSED, "manually paused");
        } else if (!r.pauseConditions().isEmpty()) {
            r.setPhase(PAUSED, r.pauseConditions().get(0).reason());
        } else if (!complete) {
            r.setPhase(PROGRESSING, progressingMessage);
        } else {
            r.setPhase(HEALTHY, "");
        }
    }

    static long revision(ReplicaSet rs) {
        return rs == null ? 0 : RolloutReplicaSets.revision(rs);
    }
}
