package io.kubesim.scheduler.framework;

/**
 * upstream PreFilterExtensions: keeps a PreFilter plugin's cycle state right when a what-if
 * evaluation adds a pod to a node (nominated pods) or removes one (preemption victims).
 */
public interface PreFilterExtensions {
    /** Updates {@code state} as if {@code added} were on {@code node}. */
    void addPod(CycleState state, PodInfo pod, PodInfo added, NodeInfo node);

    /** Updates {@code state} as if {@code removed} were gone from {@code node}. */
    void removePod(CycleState state, PodInfo pod, PodInfo removed, NodeInfo node);
}
