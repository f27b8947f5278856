package io.kubesim.scheduler.framework;

import java.util.List;

/**
 * PreScore: computes per-cycle scoring data over the feasible nodes. Returning
 * {@link Status#SKIP} means the plugin does not score this pod (every node gets 0 from it).
 */
public interface PreScorePlugin extends Plugin {
    Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasibleNodes);
}
