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

    /**
     * {@link #score} of each of {@code nodes} into {@code scores} (as many as {@code scores} holds).
     * The framework calls this once per plugin and cycle; a plugin on the hot path overrides it with
     * its own loop, so the call per node is not a dispatch over every plugin kind.
     */
    default void scoreAll(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
        for (int i = 0; i < scores.length && i < nodes.size(); i++) {
            scores[i] = score(state, pod, nodes.get(i));
        }
    }

    /** Normalizes {@code scores[i]} (the raw score of {@code nodes.get(i)}); default: unchanged. */
    default void normalizeScores(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
    }
}
