package io.kubesim.scheduler.framework;

/**
 * Runs the profile's Filter plugins on one node, as upstream's
 * {@code RunFilterPluginsWithNominatedPods}, and the PreFilter extensions: PostFilter plugins
 * (preemption) use it to ask "would the pod fit here if these pods were gone?" on copies of the
 * node and of the cycle state.
 */
public interface FilterRunner {
    Status runFilters(CycleState state, PodInfo pod, NodeInfo node);

    /** Runs every PreFilter extension's AddPod (upstream RunPreFilterExtensionAddPod). */
    void addPod(CycleState state, PodInfo pod, PodInfo added, NodeInfo node);

    /** Runs every PreFilter extension's RemovePod (upstream RunPreFilterExtensionRemovePod). */
    void removePod(CycleState state, PodInfo pod, PodInfo removed, NodeInfo node);
}
