package io.kubesim.scheduler.plugins;

import io.kubesim.api.PodSpec;
import io.kubesim.cluster.Node;
import io.kubesim.scheduler.framework.CycleState;
import io.kubesim.scheduler.framework.DefaultNormalizeScore;
import io.kubesim.scheduler.framework.FilterPlugin;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.scheduler.framework.PreFilterPlugin;
import io.kubesim.scheduler.framework.PreScorePlugin;
import io.kubesim.scheduler.framework.ScorePlugin;
import io.kubesim.scheduler.framework.Status;
import java.util.List;
import java.util.Map;

/**
 * Filters by {@code nodeSelector} and required node affinity, and scores by the summed weights of
 * the matching preferred terms (k8s-semantics.md 3.4 and 3.5, upstream nodeaffinity).
 */
public final class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
    public static final String NAME = "NodeAffinity";
    /** upstream ErrReasonPod. */
    public static final String ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";

    private static final Status MISMATCH = Status.unresolvable(NAME, ERR_REASON_POD);

    @Override
    public String name() {
        return NAME;
    }

    /**
     * upstream nodeaffinity.GetRequiredNodeAffinity(pod).Match(node): every nodeSelector entry
     * matches, and one of the required terms does (when there are any).
     */
    public static boolean matchesRequired(PodSpec spec, Node node) {
        Map<String, String> labels = node.labels();
        if (!spec.nodeSelector().isEmpty()) {
            for (Map.Entry<String, String> e : spec.nodeSelector().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        io.kubesim.api.NodeAffinity na = spec.affinity().nodeAffinity();
        return na == null || na.requiredMatches(node.name(), labels);
    }

    /** Whether the pod restricts its nodes: a nodeSelector or required node affinity. */
    static boolean hasRequired(PodSpec spec) {
        io.kubesim.api.NodeAffinity na = spec.affinity().nodeAffinity();
        return !spec.nodeSelector().isEmpty() || na != null && na.required() != null;
    }

    /** upstream PreFilter: a pod with neither nodeSelector nor required node affinity skips the Filter. */
    @Override
    public Status preFilter(CycleState state, PodInfo pod) {
        return hasRequired(pod.pod().spec()) ? Status.SUCCESS : Status.SKIP;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        return matchesRequired(pod.pod().spec(), node.node()) ? Status.SUCCESS : MISMATCH;
    }

    /** Skips scoring when the pod has no preferred terms. */
    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasibleNodes) {
        io.kubesim.api.NodeAffinity na = pod.pod().spec().affinity().nodeAffinity();
        return na == null || na.preferred().isEmpty() ? Status.SKIP : Status.SUCCESS;
    }

    /** Sum of the weights of the preferred terms the node matches. */
    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        long sum = 0;
        for (io.kubesim.api.NodeAffinity.PreferredTerm t : pod.pod().spec().affinity().nodeAffinity().preferred()) {
            if (t.weight() != 0 && t.term().matches(node.name(), node.node().labels())) {
                sum += t.weight();
            }
        }
        return sum;
    }

    @Override
    public void normalizeScores(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
        DefaultNormalizeScore.normalize(MAX_NODE_SCORE, false, scores);
    }
}
