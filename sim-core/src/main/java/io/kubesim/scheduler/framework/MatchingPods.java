package io.kubesim.scheduler.framework;

/**
 * The cached pods, not terminating, that a selector selects in a namespace, counted per node and
 * per zone: what PodTopologySpread counts, kept by the scheduler cache between cycles.
 */
public interface MatchingPods {
    /** Per node name, on any node the pods are bound to, known to the cache or not. */
    DomainCounts byNode();

    /**
     * Per value of the zone label ({@code topology.kubernetes.io/zone}) of the pods' nodes, on
     * nodes the cache knows; "" for a node without the label.
     */
    DomainCounts byZone();
}
