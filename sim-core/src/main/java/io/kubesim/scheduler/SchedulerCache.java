package io.kubesim.scheduler;

import io.kubesim.api.LabelSelector;
import io.kubesim.api.PodAffinityTerm;
import io.kubesim.api.Requirement;
import io.kubesim.api.SelectorOperator;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Namespace;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.Pod;
import io.kubesim.scheduler.framework.AffinityTermGroup;
import io.kubesim.scheduler.framework.ClusterSnapshot;
import io.kubesim.scheduler.framework.DomainCounts;
import io.kubesim.scheduler.framework.MatchingPods;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scheduler's cache (upstream internal/cache): a {@link NodeInfo} per node kept current from
 * the node and pod watches and from assumed pods (placed but not yet bound), so each cycle reads
 * an up-to-date view without scanning the store. Terminating pods keep their resources until
 * they leave the store; terminal pods (Succeeded/Failed) leave the cache, as upstream's pod
 * informer filters them out.
 *
 * <p>Single-threaded, so the cache is its own snapshot. Hash maps here are only looked up; every
 * iteration that can reach a decision goes through the {@link NodeTree} list.
 */
public final class SchedulerCache implements ClusterSnapshot {
    private static final class PodState {
        final PodInfo info;
        final String node;
        boolean assumed;
        Map<String, String> seenLabels;
        boolean seenDeleting;

        PodState(PodInfo info, String node, boolean assumed) {
            this.info = info;
            this.node = node;
            this.assumed = assumed;
            this.seenLabels = info.pod().metadata().labels();
            this.seenDeleting = info.pod().metadata().isDeleting();
        }
    }

    private final ClusterStore store;
    /** The last namespace asked for by {@link #namespaceLabels}, its labels, and the Namespace writes seen then. */
    private String lastNamespace;
    private Map<String, String> lastNamespaceLabels;
    private long lastNamespaceWrites = -1;
    private long namespaceWrites;
    private final Map<String, NodeInfo> nodes = new HashMap<>();
    private final Map<String, String> zoneKeys = new HashMap<>();
    private final NodeTree tree = new NodeTree();
    private final Map<Pod, PodState> pods = new IdentityHashMap<>();
    /** Pods bound to a node the cache does not know (yet, or any more). */
    private final Map<String, List<PodInfo>> podsOnUnknownNodes = new HashMap<>();
    private final Map<String, Integer> imageNodeCounts = new HashMap<>();
    /** Pods by {@code namespace \0 key=value} of each of their labels, for selector counts. */
    private final Map<String, Set<PodInfo>> podsByLabel = new HashMap<>();
    private final Map<String, NodeFingerprint> fingerprints = new HashMap<>();
    private boolean indexes = true;
    /** InterPodAffinity's counts per topology domain, kept between cycles. */
    private final AffinityCounts affinityCounts = new AffinityCounts();
    /** PodTopologySpread's counts per node, kept between cycles. */
    private final SpreadCounts spreadCounts = new SpreadCounts();

    /** What of a node the scheduler reads; the objects are replaced, never mutated, when they change. */
    private record NodeFingerprint(boolean unschedulable, Object taints, Map<String, String> labels, int images) {
        static NodeFingerprint of(Node n) {
            return new NodeFingerprint(n.unschedulable(), n.taints(), n.labels(), n.images().size());
        }

        boolean sameAs(NodeFingerprint o) {
            return unschedulable == o.unschedulable && taints == o.taints && labels == o.labels && images == o.images;
        }
    }

    private List<NodeInfo> withAffinity = List.of();
    private List<NodeInfo> withRequiredAntiAffinity = List.of();
    /** Set when a pod with affinity terms or a node came or went: the two lists above are stale. */
    private boolean affinityListsDirty;

    public SchedulerCache(ClusterStore store) {
        this.store = store;
        store.namespaces().observe((type, ns) -> namespaceWrites++);
    }

    @Override
    public ClusterStore store() {
        return store;
    }

    @Override
    public List<NodeInfo> nodeInfos() {
        return tree.list();
    }

    @Override
    public List<NodeInfo> nodesWithPodsWithAffinity() {
        refreshAffinityLists();
        return withAffinity;
    }

    @Override
    public List<NodeInfo> nodesWithPodsWithRequiredAntiAffinity() {
        refreshAffinityLists();
        return withRequiredAntiAffinity;
    }

    /** Rebuilt only after a change, so pods without affinity never cost a walk over all nodes. */
    private void refreshAffinityLists() {
        if (!affinityListsDirty) {
            return;
        }
        List<NodeInfo> a = new ArrayList<>();
        List<NodeInfo> anti = new ArrayList<>();
        for (NodeInfo ni : tree.list()) {
            if (!ni.podsWithAffinity().isEmpty()) {
                a.add(ni);
            }
            if (!ni.podsWithRequiredAntiAffinity().isEmpty()) {
                anti.add(ni);
            }
        }
        withAffinity = java.util.Collections.unmodifiableList(a);
        withRequiredAntiAffinity = java.util.Collections.unmodifiableList(anti);
        affinityListsDirty = false;
    }

    @Override
    public NodeInfo nodeInfo(String nodeName) {
        return nodes.get(nodeName);
    }

    @Override
    public Map<String, String> namespaceLabels(String namespace) {
        // asked once per existing pod in InterPodAffinity's scoring: the last answer is kept until
        // a Namespace is written (namespaces are few and rarely change)
        if (namespace.equals(lastNamespace) && namespaceWrites == lastNamespaceWrites) {
            return lastNamespaceLabels;
        }
        Namespace ns = store.namespaces().get(namespace);
        lastNamespace = namespace;
        lastNamespaceWrites = namespaceWrites;
        lastNamespaceLabels = ns == null ? Map.of() : ns.metadata().labels();
        return lastNamespaceLabels;
    }

    @Override
    public int nodesWithImage(String normalizedImage) {
        return imageNodeCounts.getOrDefault(normalizedImage, 0);
    }

    /** Adds a node; returns false when it was known already. */
    public boolean addNode(Node node) {
        if (nodes.containsKey(node.name())) {
            return false;
        }
        NodeInfo ni = new NodeInfo(node);
        nodes.put(node.name(), ni);
        String zk = NodeTree.zoneKey(node);
        zoneKeys.put(node.name(), zk);
        tree.add(ni);
        affinityListsDirty = true;
        countImages(ni, 1);
        fingerprints.put(node.name(), NodeFingerprint.of(node));
        List<PodInfo> waiting = podsOnUnknownNodes.remove(node.name());
        if (waiting != null) {
            for (PodInfo p : waiting) {
                ni.addPod(p);
                PodState st = pods.get(p.pod());
                affinityCounts.count(p, st.seenLabels, node.labels(), 1);
                rezoneSpread(st, null, zoneOf(node.labels()));
            }
        }
        return true;
    }

    /**
     * Re-reads a node after an update; returns true when something the scheduler uses changed
     * (labels, taints, unschedulable, images).
     */
    public boolean updateNode(Node node) {
        NodeInfo ni = nodes.get(node.name());
        if (ni == null) {
            return addNode(node);
        }
        NodeFingerprint now = NodeFingerprint.of(node);
        if (now.sameAs(fingerprints.get(node.name())) && ni.node() == node) {
            return false;
        }
        Map<String, String> oldLabels = fingerprints.put(node.name(), now).labels();
        countImages(ni, -1);
        ni.setNode(node);
        countImages(ni, 1);
        if (oldLabels != now.labels()) {
            String oldZone = zoneOf(oldLabels);
            String newZone = zoneOf(now.labels());
            for (PodInfo p : ni.pods()) {
                PodState st = pods.get(p.pod());
                affinityCounts.count(p, st.seenLabels, oldLabels, -1);
                affinityCounts.count(p, st.seenLabels, now.labels(), 1);
                if (!oldZone.equals(newZone)) {
                    rezoneSpread(st, oldZone, newZone);
                }
            }
        }
        String zk = NodeTree.zoneKey(node);
        if (!zk.equals(zoneKeys.get(node.name()))) {
            tree.remove(ni, zoneKeys.get(node.name()));
            zoneKeys.put(node.name(), zk);
            tree.add(ni);
            affinityListsDirty = true;
        }
        return true;
    }

    public void removeNode(Node node) {
        NodeInfo ni = nodes.remove(node.name());
        if (ni == null) {
            return;
        }
        tree.remove(ni, zoneKeys.remove(node.name()));
        Map<String, String> countedLabels = fingerprints.remove(node.name()).labels();
        affinityListsDirty = true;
        countImages(ni, -1);
        String zone = zoneOf(countedLabels);
        for (PodInfo p : ni.pods()) {
            PodState st = pods.get(p.pod());
            affinityCounts.count(p, st.seenLabels, countedLabels, -1);
            rezoneSpread(st, zone, null);
        }
        if (ni.podCount() > 0) {
            podsOnUnknownNodes.put(node.name(), new ArrayList<>(ni.pods()));
        }
    }

    private void countImages(NodeInfo ni, int delta) {
        for (String image : ni.imageSet()) {
            imageNodeCounts.merge(image, delta, Integer::sum);
        }
    }

    public boolean contains(Pod pod) {
        return pods.containsKey(pod);
    }

    public boolean isAssumed(Pod pod) {
        PodState s = pods.get(pod);
        return s != null && s.assumed;
    }

    /** Adds a bound pod seen on the watch; an assumed one is confirmed instead. */
    public void addPod(Pod pod) {
        PodState s = pods.get(pod);
        if (s != null) {
            s.assumed = false;
            return;
        }
        place(new PodState(PodInfo.of(pod), pod.nodeName(), false));
    }

    /** Places a pod the scheduler just chose a node for, before the bind is written. */
    public void assume(PodInfo pod, String node) {
        if (!pods.containsKey(pod.pod())) {
            place(new PodState(pod, node, true));
        }
    }

    private void place(PodState s) {
        pods.put(s.info.pod(), s);
        indexLabels(s.info, s.seenLabels, true);
        countSpread(s, 1);
        affinityListsDirty |= s.info.hasAffinity();
        NodeInfo ni = nodes.get(s.node);
        if (ni != null) {
            ni.addPod(s.info);
            affinityCounts.count(s.info, s.seenLabels, countedLabels(s.node), 1);
        } else {
            podsOnUnknownNodes.computeIfAbsent(s.node, n -> new ArrayList<>()).add(s.info);
        }
    }

    /**
     * Notes an update of a cached pod; returns true when it matters to other pods' scheduling
     * (its labels changed or it started terminating).
     */
    public boolean updatePod(Pod pod) {
        PodState s = pods.get(pod);
        if (s == null) {
            return false;
        }
        s.assumed = false;
        boolean changed = s.seenLabels != pod.metadata().labels() || s.seenDeleting != pod.metadata().isDeleting();
        if (changed) {
            countSpread(s, -1);
        }
        if (s.seenLabels != pod.metadata().labels()) {
            indexLabels(s.info, s.seenLabels, false);
            indexLabels(s.info, pod.metadata().labels(), true);
            if (nodes.containsKey(s.node)) {
                affinityCounts.relabel(s.info, s.seenLabels, pod.metadata().labels(), countedLabels(s.node));
            }
        }
        s.seenLabels = pod.metadata().labels();
        s.seenDeleting = pod.metadata().isDeleting();
        if (changed) {
            countSpread(s, 1);
        }
        return changed;
    }

    /** Removes a pod (deleted, terminal, or an assumed pod whose bind was abandoned). */
    public boolean removePod(Pod pod) {
        PodState s = pods.remove(pod);
        if (s == null) {
            return false;
        }
        affinityListsDirty |= s.info.hasAffinity();
        indexLabels(s.info, s.seenLabels, false);
        countSpread(s, -1);
        NodeInfo ni = nodes.get(s.node);
        if (ni != null) {
            ni.removePod(s.info);
            affinityCounts.count(s.info, s.seenLabels, countedLabels(s.node), -1);
        } else {
            List<PodInfo> waiting = podsOnUnknownNodes.get(s.node);
            if (waiting != null) {
                waiting.removeIf(p -> p.pod() == pod);
            }
        }
        return true;
    }

    /**
     * A pod counts for PodTopologySpread on its node, known or not, while it is not terminating;
     * in its node's zone while the node is known.
     */
    private void countSpread(PodState s, int delta) {
        if (!s.seenDeleting) {
            spreadCounts.count(s.info.pod().namespace(), s.seenLabels, s.node, knownZone(s.node), delta);
        }
    }

    private void rezoneSpread(PodState s, String from, String to) {
        if (!s.seenDeleting) {
            spreadCounts.rezone(s.info.pod().namespace(), s.seenLabels, from, to);
        }
    }

    /** The zone label of a known node as the cache last saw it ("" without one); null for an unknown node. */
    private String knownZone(String nodeName) {
        NodeFingerprint f = fingerprints.get(nodeName);
        return f == null ? null : zoneOf(f.labels());
    }

    private static String zoneOf(Map<String, String> nodeLabels) {
        return nodeLabels.getOrDefault(Node.LABEL_ZONE, "");
    }

    private void indexLabels(PodInfo p, Map<String, String> labels, boolean add) {
        String ns = p.pod().namespace();
        for (Map.Entry<String, String> l : labels.entrySet()) {
            String key = labelKey(ns, l.getKey(), l.getValue());
            if (add) {
                podsByLabel.computeIfAbsent(key, k -> new HashSet<>()).add(p);
            } else {
                Set<PodInfo> set = podsByLabel.get(key);
                if (set != null) {
                    set.remove(p);
                    if (set.isEmpty()) {
                        podsByLabel.remove(key);
                    }
                }
            }
        }
    }

    /** The node labels the affinity counts of the node's pods were made with: the last the cache saw. */
    private Map<String, String> countedLabels(String nodeName) {
        return fingerprints.get(nodeName).labels();
    }

    @Override
    public List<AffinityTermGroup> termGroupsThatMaySelect(Pod incoming) {
        return indexes ? affinityCounts.groupsThatMaySelect(incoming.metadata().labels()) : null;
    }

    @Override
    public DomainCounts podsSelectedBy(PodAffinityTerm term, String ownerNamespace) {
        if (!indexes || term.namespaceSelector() != null) {
            return null;
        }
        Set<String> namespaces = term.namespaces().isEmpty() ? Set.of(ownerNamespace) : term.namespaces();
        return affinityCounts.selected(term.labelSelector(), namespaces, term.topologyKey(), filler -> {
            for (String ns : namespaces) {
                Collection<PodInfo> candidates = matchCandidates(term.labelSelector(), ns);
                for (PodInfo p : candidates) {
                    PodState st = pods.get(p.pod());
                    if (nodes.containsKey(st.node)) {
                        filler.offer(ns, st.seenLabels, countedLabels(st.node));
                    }
                }
            }
        });
    }

    private static String labelKey(String namespace, String key, String value) {
        return namespace + '\0' + key + '=' + value;
    }

    /**
     * Kept by {@link SpreadCounts}: a selection is first counted from the label index (the pods
     * carrying the rarest of the selector's equality pairs, each then checked against the whole
     * selector), then kept as pods change. The counts are those of a node-by-node scan of the
     * cache; only the work differs.
     */
    @Override
    public MatchingPods countMatchingPods(LabelSelector selector, String namespace) {
        if (!indexes) {
            return null;
        }
        return spreadCounts.selected(selector, namespace, filler -> {
            Collection<PodInfo> candidates = matchCandidates(selector, namespace);
            for (PodInfo p : candidates) {
                PodState st = pods.get(p.pod());
                if (!st.seenDeleting) {
                    filler.offer(st.seenLabels, st.node, knownZone(st.node));
                }
            }
        });
    }

    /** How many PodTopologySpread selections are kept (for tests). */
    int spreadSelections() {
        return spreadCounts.size();
    }

    @Override
    public Collection<PodInfo> matchCandidates(LabelSelector selector, String namespace) {
        if (!indexes) {
            return null;
        }
        Set<PodInfo> candidates = null;
        boolean anyPair = false;
        for (Map.Entry<String, String> l : selector.matchLabels().entrySet()) {
            anyPair = true;
            Set<PodInfo> set = podsByLabel.get(labelKey(namespace, l.getKey(), l.getValue()));
            if (set == null) {
                return Set.of();
            }
            candidates = candidates == null || set.size() < candidates.size() ? set : candidates;
        }
        for (Requirement r : selector.matchExpressions()) {
            if (r.operator() != SelectorOperator.IN || r.values().size() != 1) {
                continue;
            }
            anyPair = true;
            Set<PodInfo> set = podsByLabel.get(labelKey(namespace, r.key(), r.values().get(0)));
            if (set == null) {
                return Set.of();
            }
            candidates = candidates == null || set.size() < candidates.size() ? set : candidates;
        }
        return anyPair ? candidates : null;
    }

    @Override
    public NodeInfo nodeOf(PodInfo pod) {
        PodState st = pods.get(pod.pod());
        return st == null ? null : nodes.get(st.node);
    }

    /**
     * Off: {@link #matchCandidates} and {@link #countMatchingPods} answer null, so plugins
     * scan every node's pods as upstream does; the reference the index is tested against.
     */
    void useIndexes(boolean on) {
        indexes = on;
    }
}
