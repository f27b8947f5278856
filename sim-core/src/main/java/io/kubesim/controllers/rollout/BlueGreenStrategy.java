package io.kubesim.controllers.rollout;

import io.kubesim.api.RolloutStrategy;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.cluster.Rollout;
import io.kubesim.cluster.Service;
import io.kubesim.engine.SimTime;
import java.util.Comparator;
import java.util.List;

/**
 * One reconcile of a blue-green Rollout (Argo's rolloutBlueGreen; k8s-semantics.md 20.4): the
 * preview Service follows the new ReplicaSet at once; the new ReplicaSet is scaled to
 * previewReplicaCount or full size; once it is fully available come pre-promotion analysis and
 * the pause (manual, or autoPromotionSeconds), then the active Service switches; post-promotion
 * analysis must pass before the new ReplicaSet is stable; the old one is scaled down
 * scaleDownDelaySeconds after the switch. An abort switches the active Service back.
 */
final class BlueGreenStrategy {
    private final ClusterStore store;
    private final RolloutReplicaSets replicaSets;
    private final RolloutServices services;
    private final RolloutAnalyses analyses;
    private final RolloutStatusWriter status;

    BlueGreenStrategy(ClusterStore store, RolloutReplicaSets replicaSets, RolloutServices services,
                      RolloutAnalyses analyses, RolloutStatusWriter status) {
        this.store = store;
        this.replicaSets = replicaSets;
        this.services = services;
        this.analyses = analyses;
        this.status = status;
    }

    /** @return microseconds until the Rollout must be looked at again, or -1 */
    long reconcile(RolloutState st) {
        Rollout r = st.rollout;
        RolloutStrategy.BlueGreen bg = r.blueGreen();
        Service active = services.get(r, bg.activeService());
        Service preview = services.get(r, bg.previewService());
        boolean halted = r.paused() || r.pauseCondition(Rollout.PauseCondition.INCONCLUSIVE_ANALYSIS) != null;
        if (!halted && preview != null && st.newRs != null) {
            services.select(r, preview, st.newHash());
        }
        long wake = reconcileReplicaSets(st, bg, active);
        if (!r.aborted() && !halted) {
            wake = earliest(wake, reconcilePause(st, bg, active));
        }
        if (!halted) {
            reconcileActive(st, bg, active);
        }
        if (active != null) {
            r.setActiveSelector(RolloutServices.selectedHash(active));
        }
        if (preview != null) {
            r.setPreviewSelector(RolloutServices.selectedHash(preview));
        }
        postPromotion(st, bg);
        String reason = shouldFullPromote(st, bg);
        if (reason != null) {
            status.promoteStable(st, reason);
            analyses.terminateAll(r);
        }
        return wake;
    }

    /** The new ReplicaSet's size now: previewReplicaCount until the promotion, else full size. */
    private int newReplicas(RolloutState st, RolloutStrategy.BlueGreen bg, Service active) {
        Rollout r = st.rollout;
        if (bg.previewReplicaCount() == null || fastTracked(st, active) || r.scaleUpPreviewCheckPoint()) {
            return r.replicas();
        }
        return bg.previewReplicaCount();
    }

    /** isBlueGreenFastTracked: a first deployment, a full promotion, or the active already on the new hash. */
    private static boolean fastTracked(RolloutState st, Service active) {
        if (st.rollout.promoteFull()) {
            return true;
        }
        if (active == null) {
            return false;
        }
        String selected = RolloutServices.selectedHash(active);
        return selected.isEmpty() || selected.equals(st.newHash());
    }

    /** ReadyForPause: the new ReplicaSet has all its (preview) pods available. */
    private boolean readyForPause(RolloutState st, RolloutStrategy.BlueGreen bg, Service active) {
        return st.newRs != null && st.newRs.availableReplicas() >= newReplicas(st, bg, active)
                && st.newRs.replicas() == newReplicas(st, bg, active);
    }

    private long reconcileReplicaSets(RolloutState st, RolloutStrategy.BlueGreen bg, Service active) {
        Rollout r = st.rollout;
        long wake = -1;
        if (st.newRs != null) {
            int want = newReplicas(st, bg, active);
            if (r.aborted() && st.stableDistinct()) {
                int delay = bg.abortScaleDownDelaySeconds();
                long deadline = ScaleDownDeadline.of(st.newRs);
                if (delay == 0) {
                    want = st.newRs.replicas();
                } else if (deadline < 0) {
                    ScaleDownDeadline.set(store, st.newRs, store.now() + SimTime.seconds(delay));
                    want = st.newRs.replicas();
                    wake = SimTime.seconds(delay);
                } else if (deadline > store.now()) {
                    want = st.newRs.replicas();
                    wake = deadline - store.now();
                } else {
                    want = 0;
                }
            }
            replicaSets.scale(r, st.newRs, want);
        }
        ReplicaSet stable = st.distinctStable();
        if (stable != null) {
            replicaSets.scale(r, stable, r.replicas()); // the active (stable) side stays at full size
        }
        return earliest(wake, scaleDownOthers(st, bg, active));
    }

    /** scaleDownOldReplicaSetsForBlueGreen: neither active nor new; each after its deadline. */
    private long scaleDownOthers(RolloutState st, RolloutStrategy.BlueGreen bg, Service active) {
        Rollout r = st.rollout;
        if (r.pauseCondition(Rollout.PauseCondition.INCONCLUSIVE_ANALYSIS) != null) {
            return -1;
        }
        String activeHash = active == null ? "" : RolloutServices.selectedHash(active);
        List<ReplicaSet> others = new java.util.ArrayList<>(st.others);
        others.sort(Comparator.comparingLong(RolloutReplicaSets::revision).reversed());
        long wake = -1;
        int kept = 0;
        for (ReplicaSet rs : others) {
            if (rs.replicas() == 0 || RolloutReplicaSets.hash(rs).equals(activeHash)) {
                continue;
            }
            long deadline = ScaleDownDeadline.of(rs);
            if (deadline < 0) {
                deadline = store.now() + SimTime.seconds(bg.scaleDownDelaySeconds());
                ScaleDownDeadline.set(store, rs, deadline);
            }
            boolean withinLimit = bg.scaleDownDelayRevisionLimit() == null || kept < bg.scaleDownDelayRevisionLimit();
            if (deadline > store.now() && withinLimit) {
                kept++;
                wake = earliest(wake, deadline - store.now());
                continue;
            }
            replicaSets.scale(r, rs, 0);
        }
        return wake;
    }

    /** reconcileBlueGreenPause: pre-promotion analysis, then the pause the strategy asks for. */
    private long reconcilePause(RolloutState st, RolloutStrategy.BlueGreen bg, Service active) {
        Rollout r = st.rollout;
        if (!readyForPause(st, bg, active)) {
            return -1;
        }
        if (fastTracked(st, active)) {
            r.pauseConditions().removeIf(c -> c.reason().equals(Rollout.PauseCondition.BLUE_GREEN_PAUSE));
            return -1;
        }
        if (!completedPrePromotion(st, bg)) {
            return -1;
        }
        boolean needsPause = !bg.autoPromotionEnabled() || bg.autoPromotionSeconds() > 0;
        if (!needsPause) {
            return -1;
        }
        Rollout.PauseCondition c = r.pauseCondition(Rollout.PauseCondition.BLUE_GREEN_PAUSE);
        if (c != null) {
            if (bg.autoPromotionEnabled() && bg.autoPromotionSeconds() > 0) {
                long end = c.startTime() + SimTime.seconds(bg.autoPromotionSeconds());
                if (store.now() >= end) {
                    r.pauseConditions().remove(c);
                    return -1;
                }
                return end - store.now();
            }
            return -1;
        }
        if (!r.controllerPause()) {
            status.pause(r, Rollout.PauseCondition.BLUE_GREEN_PAUSE);
            return bg.autoPromotionEnabled() && bg.autoPromotionSeconds() > 0
                    ? SimTime.seconds(bg.autoPromotionSeconds()) : -1;
        }
        return -1;
    }

    private boolean completedPrePromotion(RolloutState st, RolloutStrategy.BlueGreen bg) {
        if (bg.prePromotionAnalysis() == null || st.rollout.promoteFull()) {
            return true;
        }
        return analyses.blueGreen(st, "pre", bg.prePromotionAnalysis()) == AnalysisRun.Phase.SUCCESSFUL;
    }

    /** CompletedBlueGreenPause. */
    private boolean completedPause(RolloutState st, RolloutStrategy.BlueGreen bg) {
        Rollout r = st.rollout;
        Rollout.PauseCondition c = r.pauseCondition(Rollout.PauseCondition.BLUE_GREEN_PAUSE);
        if (bg.autoPromotionEnabled()) {
            if (bg.autoPromotionSeconds() == 0) {
                return true;
            }
            return r.controllerPause() && c == null;
        }
        return r.controllerPause() && c == null;
    }

    /** reconcileActiveService: switch once the new ReplicaSet is saturated and the pause is over; back on abort. */
    private void reconcileActive(RolloutState st, RolloutStrategy.BlueGreen bg, Service active) {
        Rollout r = st.rollout;
        if (active == null || st.newRs == null) {
            return;
        }
        if (r.aborted()) {
            services.select(r, active, r.stableRs());
            return;
        }
        boolean fast = fastTracked(st, active);
        if (!fast && !(completedPause(st, bg) && completedPrePromotion(st, bg))) {
            return;
        }
        if (!readyForPause(st, bg, active)) {
            return;
        }
        if (!fast && bg.previewReplicaCount() != null && !r.scaleUpPreviewCheckPoint()) {
            r.setScaleUpPreviewCheckPoint(true); // scale the preview to full size, then switch
            return;
        }
        boolean saturated = st.newRs.replicas() == r.replicas() && st.newRs.availableReplicas() >= r.replicas();
        if (saturated && services.select(r, active, st.newHash())) {
            r.setLastProgress(store.now());
        }
    }

    /** Post-promotion analysis runs once the active Service is on the new hash and it is not yet stable. */
    private void postPromotion(RolloutState st, RolloutStrategy.BlueGreen bg) {
        Rollout r = st.rollout;
        if (bg.postPromotionAnalysis() == null || r.aborted() || st.newRs == null
                || r.currentPodHash().equals(r.stableRs()) || r.stableRs().isEmpty()
                || !r.activeSelector().equals(r.currentPodHash())) {
            return;
        }
        analyses.blueGreen(st, "post", bg.postPromotionAnalysis());
    }

    /** shouldFullPromote for blue-green. */
    private String shouldFullPromote(RolloutState st, RolloutStrategy.BlueGreen bg) {
        Rollout r = st.rollout;
        if (st.newRs == null) {
            return null;
        }
        if (r.stableRs().isEmpty() || r.activeSelector().isEmpty()) {
            return r.activeSelector().equals(r.currentPodHash()) || r.activeSelector().isEmpty() ? "Initial deploy"
                    : null;
        }
        if (!r.activeSelector().equals(r.currentPodHash())) {
            return null;
        }
        if (r.promoteFull()) {
            return "Full promotion requested";
        }
        if (r.aborted()) {
            return null;
        }
        if (bg.postPromotionAnalysis() != null && !r.currentPodHash().equals(r.stableRs())
                && analyses.blueGreen(st, "post", bg.postPromotionAnalysis()) != AnalysisRun.Phase.SUCCESSFUL) {
            return null;
        }
        return "Completed blue-green update";
    }

    private static long earliest(long a, long b) {
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }
}
