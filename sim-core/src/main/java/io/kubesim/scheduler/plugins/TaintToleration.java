package io.kubesim.scheduler.plugins;

import io.kubesim.api.Taint;
import io.kubesim.api.TaintEffect;
import io.kubesim.api.Toleration;
import io.kubesim.scheduler.framework.CycleState;
import io.kubesim.scheduler.framework.DefaultNormalizeScore;
import io.kubesim.scheduler.framework.FilterPlugin;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.scheduler.framework.PreScorePlugin;
import io.kubesim.scheduler.framework.ScorePlugin;
import io.kubesim.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * Filters out nodes with a NoSchedule or NoExecute taint the pod does not tolerate, and prefers
 * nodes with fewer untolerated PreferNoSchedule taints (k8s-semantics.md 3.4 and 3.5,
 * upstream tainttoleration).
 */
public final class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin {
    public static final String NAME = "TaintToleration";
    /** The newest upstream reason (older releases named the first untolerated taint). */
    public static final String ERR_REASON_NOT_MATCH = "node(s) had untolerated taint(s)";

    private static final Status UNTOLERATED = Status.unresolvable(NAME, ERR_REASON_NOT_MATCH);
    private static final CycleState.Key<List<Toleration>> PREFER_NO_SCHEDULE_TOLERATIONS =
            new CycleState.Key<>("PreScore" + NAME);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        List<Taint> taints = node.node().taints();
        List<Toleration> tolerations = pod.pod().spec().tolerations();
        for (int i = 0; i < taints.size(); i++) {
            Taint t = taints.get(i);
            // upstream DoNotScheduleTaintsFilterFunc: only NoSchedule and NoExecute taints filter.
            if (t.effect() != TaintEffect.PREFER_NO_SCHEDULE && !Toleration.anyTolerates(tolerations, t)) {
                return UNTOLERATED;
            }
        }
        return Status.SUCCESS;
    }

    /** Keeps the tolerations whose effect is empty or PreferNoSchedule: only those count when scoring. */
    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasibleNodes) {
        List<Toleration> kept = new ArrayList<>();
        for (Toleration t : pod.pod().spec().tolerations()) {
            if (t.effect() == null || t.effect() == TaintEffect.PREFER_NO_SCHEDULE) {
                kept.add(t);
            }
        }
        state.put(PREFER_NO_SCHEDULE_TOLERATIONS, kept);
        return Status.SUCCESS;
    }

    /** The number of PreferNoSchedule taints the pod does not tolerate. */
    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        return untoleratedPreferNoSchedule(state.get(PREFER_NO_SCHEDULE_TOLERATIONS), node);
    }

    /** The same per node, with the pod's tolerations read from the cycle state once. */
    @Override
    public void scoreAll(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
        List<Toleration> tolerations = state.get(PREFER_NO_SCHEDULE_TOLERATIONS);
        for (int i = 0; i < scores.length && i < nodes.size(); i++) {
            scores[i] = untoleratedPreferNoSchedule(tolerations, nodes.get(i));
        }
    }

    private static long untoleratedPreferNoSchedule(List<Toleration> tolerations, NodeInfo node) {
        List<Taint> taints = node.node().taints();
        long count = 0;
        for (int i = 0; i < taints.size(); i++) {
            Taint t = taints.get(i);
            if (t.effect() == TaintEffect.PREFER_NO_SCHEDULE && !Toleration.anyTolerates(tolerations, t)) {
                count++;
            }
        }
        return count;
    }

    /** Fewer untolerated taints is better: DefaultNormalizeScore with reverse. */
    @Override
    public void normalizeScores(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
        DefaultNormalizeScore.normalize(MAX_NODE_SCORE, true, scores);
    }
}
