package io.kubesim.scheduler.framework;

/**
 * Runs the profile's Filter plugins on one node, as upstream's
 * {@code RunFilterPluginsWithNominatedPods}: PostFilter plugins (preemption) use it to ask
 * "would the pod fit here if these pods were gone?" on a copy of the node.
 */
@FunctionalInterface
public interface FilterRunner {
    Status runFilters(CycleState state, PodInfo pod, NodeInfo node);
}
