package io.kubesim.scheduler;

import java.util.List;

/**
 * One scheduling attempt, recorded for {@code kubesim explain}: which pod, when, what each
 * evaluated node's filters said, each feasible node's score per plugin, and the outcome.
 *
 * @param time           virtual microseconds of the attempt
 * @param pod            {@code namespace/name}
 * @param attempt        1 for the first attempt of this pod
 * @param numAllNodes    nodes in the cluster at the time
 * @param evaluatedNodes nodes Filter ran on (fewer than all once numFeasibleNodesToFind passed)
 * @param feasibleNodes  nodes that passed Filter
 * @param filtered       nodes that failed Filter, in evaluation order (empty when PreFilter failed)
 * @param scored         feasible nodes with their scores, in evaluation order (empty when one node
 *                       was feasible: it is chosen without scoring)
 * @param selectedNode   the chosen node, or "" when none
 * @param nominatedNode  the node preemption nominated, or ""
 * @param victims        {@code namespace/name} of the pods preemption evicts
 * @param message        "" on success, otherwise the FailedScheduling message
 */
public record SchedulingDecision(long time, String pod, int attempt, int numAllNodes, int evaluatedNodes,
                                 int feasibleNodes, List<NodeFilterResult> filtered,
                                 List<NodeScore> scored, String selectedNode, String nominatedNode,
                                 List<String> victims, String message) {
    public SchedulingDecision {
        filtered = List.copyOf(filtered);
        scored = List.copyOf(scored);
        victims = List.copyOf(victims);
    }

    public boolean succeeded() {
        return !selectedNode.isEmpty();
    }

    /** A node that Filter rejected: the plugin, its status code and reasons. */
    public record NodeFilterResult(String node, String plugin, String code, List<String> reasons) {
        public NodeFilterResult {
            reasons = List.copyOf(reasons);
        }
    }

    /** A feasible node's scores: per plugin in profile order, and the weighted total. */
    public record NodeScore(String node, List<PluginScore> plugins, long total) {
        public NodeScore {
            plugins = List.copyOf(plugins);
        }
    }

    /**
     * One plugin's score of one node.
     *
     * @param raw        before NormalizeScore
     * @param normalized after NormalizeScore (0..100)
     * @param weighted   normalized times the plugin weight (what the total sums)
     * @param skipped    PreScore returned Skip: the plugin did not score this pod
     */
    public record PluginScore(String plugin, long raw, long normalized, long weighted, boolean skipped) {
    }
}
