package io.kubesim.scheduler.framework;

import io.kubesim.api.LabelSelector;
import io.kubesim.api.PodAffinityTerm;
import io.kubesim.cluster.ClusterStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What plugins may read about the whole cluster during a cycle: the node list in the
 * scheduler's order, lookups by name, namespace labels (for namespaceSelectors), image spread
 * (for ImageLocality) and the store for the objects that select pods (Services, ReplicaSets).
 * Implemented by the scheduler cache; single-threaded, so the cache itself is the snapshot.
 */
public interface ClusterSnapshot {
    /** Every node, in the node tree's zone-interleaved order. */
    List<NodeInfo> nodeInfos();

    /** Nodes hosting at least one pod with (anti-)affinity terms, in {@link #nodeInfos()} order. */
    List<NodeInfo> nodesWithPodsWithAffinity();

    /** Nodes hosting at least one pod with required anti-affinity terms, in {@link #nodeInfos()} order. */
    List<NodeInfo> nodesWithPodsWithRequiredAntiAffinity();

    /** The node's info, or null when the node is unknown. */
    NodeInfo nodeInfo(String nodeName);

    /** Labels of the namespace, empty when it is not stored. */
    Map<String, String> namespaceLabels(String namespace);

    /** How many nodes hold the normalized image. */
    int nodesWithImage(String normalizedImage);

    ClusterStore store();

    /**
     * How many pods on each node and in each zone match {@code selector} in {@code namespace} and
     * are not terminating, kept between cycles instead of counted from every node's pods; null
     * when the selector has no equality pair to keep them by (the caller then counts node by
     * node). Valid until the cache next changes.
     */
    MatchingPods countMatchingPods(LabelSelector selector, String namespace);

    /**
     * The cached pods of {@code namespace} that may match {@code selector}: those carrying its
     * rarest equality pair (a matchLabels entry or a single-value {@code In}), terminating ones
     * included; every matching pod is among them. Null when the selector has no such pair (the
     * caller then scans node by node).
     */
    Collection<PodInfo> matchCandidates(LabelSelector selector, String namespace);

    /**
     * The groups of cached pods' (anti-)affinity terms that {@code incoming} may match: every
     * group whose term selects it is among them, each still to be matched. Null when the cache
     * keeps no such index (the caller then walks the pods).
     */
    List<AffinityTermGroup> termGroupsThatMaySelect(io.kubesim.cluster.Pod incoming);

    /**
     * How many cached pods on known nodes {@code term}, declared by a pod of
     * {@code ownerNamespace}, selects per domain of its topology key, kept current between
     * cycles. Null when the term cannot be counted so (a namespaceSelector, or a selector
     * without an equality pair): the caller then matches pods itself.
     */
    DomainCounts podsSelectedBy(PodAffinityTerm term, String ownerNamespace);

    /** The node a cached pod is on, or null when that node is unknown. */
    NodeInfo nodeOf(PodInfo pod);
}
