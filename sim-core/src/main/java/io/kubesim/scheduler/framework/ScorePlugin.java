package io.kubesim.scheduler.framework;

import java.util.List;

/**
 * Score and NormalizeScore: a raw score per feasible node, then normalized in place to
 * 0..{@link #MAX_NODE_SCORE}. The framework multiplies the normalized score by the plugin's
 * weight (k8s-semantics.md 3.3 step 6).
 */
public interface ScorePlugin extends Plugin {
    /** upstream framework.MaxNodeScore. */
    long MAX_NODE_SCORE = 100;

    long score(CycleState state, PodInfo pod, NodeInfo node);

    /** Normalizes {@code scores[i]} (the raw score of {@code nodes.get(i)}); default: unchanged. */
    default void normalizeScores(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
    }
}
