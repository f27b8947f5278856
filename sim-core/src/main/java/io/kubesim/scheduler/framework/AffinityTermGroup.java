package io.kubesim.scheduler.framework;

import io.kubesim.api.PodAffinityTerm;

/**
 * The cached pods that declare one and the same (anti-)affinity term: of one kind, in one
 * namespace, with one weight. An incoming pod is matched against the term once, then the group's
 * {@link #owners()} say how many such pods each topology domain holds, which is what upstream's
 * InterPodAffinity adds up pod by pod.
 */
public interface AffinityTermGroup {
    /** Which list of the owners' pod spec the term is in. */
    enum Kind { REQUIRED_AFFINITY, REQUIRED_ANTI_AFFINITY, PREFERRED_AFFINITY, PREFERRED_ANTI_AFFINITY }

    Kind kind();

    /** The owners' namespace: a term naming no namespaces selects pods of this one. */
    String ownerNamespace();

    /** The preferred term's weight; 0 for required terms. */
    int weight();

    PodAffinityTerm term();

    /** How many owners sit in each domain of the term's topology key (owners on nodes without it are not counted). */
    DomainCounts owners();
}
