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
 * @param requestCpu     the pod's cpu request as NodeResourcesFit compares it (millicores)
 * @param requestMemory  the pod's memory request as NodeResourcesFit compares it (bytes)
 * @param room           for each node NodeResourcesFit rejected: what it had, so an explanation can
 *                       say how much smaller the request would have had to be
 */
public record SchedulingDecision(long time, String pod, int attempt, int numAllNodes, int evaluatedNodes,
                                 int feasibleNodes, List<NodeFilterResult> filtered,
                                 List<NodeScore> scored, String selectedNode, String nominatedNode,
                                 List<String> victims, String message, long requestCpu, long requestMemory,
                                 List<NodeRoom> room) {
    public SchedulingDecision {
        filtered = List.copyOf(filtered);
        scored = List.copyOf(scored);
        victims = List.copyOf(victims);
        room = List.copyOf(room);
    }

    /** A decision without the pod's requests and the nodes' room. */
    public SchedulingDecision(long time, String pod, int attempt, int numAllNodes, int evaluatedNodes,
                              int feasibleNodes, List<NodeFilterResult> filtered, List<NodeScore> scored,
                              String selectedNode, String nominatedNode, List<String> victims, String message) {
        this(time, pod, attempt, numAllNodes, evaluatedNodes, feasibleNodes, filtered, scored, selectedNode,
                nominatedNode, victims, message, 0, 0, List.of());
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

    /**
     * A node's cpu and memory as NodeResourcesFit saw them: allocatable, and what the pods already
     * there (or assumed there) request.
     */
    public record NodeRoom(String node, long allocatableCpu, long requestedCpu, long allocatableMemory,
                           long requestedMemory) {
    }
}
