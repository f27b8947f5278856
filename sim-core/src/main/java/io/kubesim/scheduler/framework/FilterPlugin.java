package io.kubesim.scheduler.framework;

/**
 * Filter: whether the pod may run on one node. Called for every candidate node, so
 * implementations return shared constant statuses and allocate nothing on success.
 */
public interface FilterPlugin extends Plugin {
    Status filter(CycleState state, PodInfo pod, NodeInfo node);
}
