package io.kubesim.scheduler;

import io.kubesim.api.LabelSelector;
import io.kubesim.api.PodAffinityTerm;
import io.kubesim.scheduler.framework.AffinityTermGroup;
import io.kubesim.scheduler.framework.DomainCounts;
import io.kubesim.scheduler.framework.PodInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * InterPodAffinity's counts per topology domain, kept current as pods and nodes come and go, so
 * that a cycle reads them instead of matching every cached pod against every term (upstream
 * recounts per cycle; the sums are the same, only the work differs):
 * <ul>
 *   <li>the cached pods' own terms, grouped by kind, namespace, weight and term
 *       ({@link AffinityTermGroup}), and found for an incoming pod by an equality pair of the
 *       term's selector that the incoming pod must carry to match;</li>
 *   <li>selections: for a term an incoming pod declares, how many cached pods it selects in each
 *       domain; counted once when first asked for, then kept for every pod placed, removed or
 *       relabelled.</li>
 * </ul>
 * A pod counts while it is on a node the cache knows, with the labels the cache last saw of the
 * pod and of its node; in a domain only when its node carries the term's topology key. Hash maps
 * here are only looked up; lists keep insertion order.
 */
final class AffinityCounts {
    /** The counts of a selection that selects nothing (a term without a label selector). */
    static final DomainCounts NONE = DomainCounts.NONE;

    private record GroupKey(AffinityTermGroup.Kind kind, String namespace, int weight, PodAffinityTerm term) {
    }

    private static final class Group implements AffinityTermGroup {
        private final GroupKey key;
        private final KeptCounts owners = new KeptCounts();
        /** Pods counted in the group, with or without the topology key on their node. */
        private int members;

        Group(GroupKey key) {
            this.key = key;
        }

        @Override
        public Kind kind() {
            return key.kind();
        }

        @Override
        public String ownerNamespace() {
            return key.namespace();
        }

        @Override
        public int weight() {
            return key.weight();
        }

        @Override
        public PodAffinityTerm term() {
            return key.term();
        }

        @Override
        public DomainCounts owners() {
            return owners;
        }
    }

    /** The pods of some namespaces that a selector selects, counted per value of a topology key. */
    private record SelectionKey(LabelSelector selector, Set<String> namespaces, String topologyKey) {
    }

    private static final class Selection {
        final SelectionKey key;
        final KeptCounts pods = new KeptCounts();

        Selection(SelectionKey key) {
            this.key = key;
        }

        boolean selects(String namespace, Map<String, String> podLabels) {
            return key.namespaces().contains(namespace) && key.selector().matches(podLabels);
        }
    }

    private final Map<GroupKey, Group> groups = new HashMap<>();
    /** Groups by their selector's equality pair. */
    private final PairIndex<Group> groupsByPair = new PairIndex<>();
    /** Groups whose selector has no equality pair: candidates for every incoming pod. */
    private final List<Group> unpairedGroups = new ArrayList<>();
    private final Map<SelectionKey, Selection> selections = new HashMap<>();
    /** Selections by their selector's equality pair. */
    private final PairIndex<Selection> selectionsByPair = new PairIndex<>();

    /** Counts a pod in ({@code delta} 1) or out (-1) with its labels and its node's. */
    void count(PodInfo pod, Map<String, String> podLabels, Map<String, String> nodeLabels, int delta) {
        if (pod.hasAffinity()) {
            countTerms(pod, nodeLabels, delta);
        }
        countSelected(pod.pod().namespace(), podLabels, nodeLabels, delta);
    }

    /** A counted pod's labels changed: only the selections can see that. */
    void relabel(PodInfo pod, Map<String, String> oldLabels, Map<String, String> newLabels,
                 Map<String, String> nodeLabels) {
        countSelected(pod.pod().namespace(), oldLabels, nodeLabels, -1);
        countSelected(pod.pod().namespace(), newLabels, nodeLabels, 1);
    }

    private void countTerms(PodInfo pod, Map<String, String> nodeLabels, int delta) {
        String ns = pod.pod().namespace();
        for (PodAffinityTerm t : pod.requiredAffinityTerms()) {
            countTerm(new GroupKey(AffinityTermGroup.Kind.REQUIRED_AFFINITY, ns, 0, t), nodeLabels, delta);
        }
        for (PodAffinityTerm t : pod.requiredAntiAffinityTerms()) {
            countTerm(new GroupKey(AffinityTermGroup.Kind.REQUIRED_ANTI_AFFINITY, ns, 0, t), nodeLabels, delta);
        }
        for (PodAffinityTerm.Weighted w : pod.preferredAffinityTerms()) {
            countTerm(new GroupKey(AffinityTermGroup.Kind.PREFERRED_AFFINITY, ns, w.weight(), w.term()), nodeLabels,
                    delta);
        }
        for (PodAffinityTerm.Weighted w : pod.preferredAntiAffinityTerms()) {
            countTerm(new GroupKey(AffinityTermGroup.Kind.PREFERRED_ANTI_AFFINITY, ns, w.weight(), w.term()),
                    nodeLabels, delta);
        }
    }

    private void countTerm(GroupKey key, Map<String, String> nodeLabels, int delta) {
        if (key.term().labelSelector() == null) {
            return; // selects nothing, so it never adds to any count
        }
        Group g = groups.get(key);
        if (g == null) {
            if (delta < 0) {
                return;
            }
            g = new Group(key);
            groups.put(key, g);
            String[] pair = PairIndex.equalityPair(key.term().labelSelector());
            if (pair == null) {
                unpairedGroups.add(g);
            } else {
                groupsByPair.add(pair, g);
            }
        }
        g.owners.add(nodeLabels.get(key.term().topologyKey()), delta);
        g.members += delta;
        if (g.members == 0) {
            groups.remove(key);
            String[] pair = PairIndex.equalityPair(key.term().labelSelector());
            if (pair == null) {
                unpairedGroups.remove(g);
            } else {
                groupsByPair.remove(pair, g);
            }
        }
    }

    private void countSelected(String namespace, Map<String, String> podLabels, Map<String, String> nodeLabels,
                               int delta) {
        selectionsByPair.forEachCandidate(podLabels, s -> {
            if (s.selects(namespace, podLabels)) {
                s.pods.add(nodeLabels.get(s.key.topologyKey()), delta);
            }
        });
    }

    /**
     * The groups whose term a pod with {@code labels} may match: those filed under a label pair it
     * carries and those without a pair. Each must still be matched (namespaces, whole selector).
     */
    List<AffinityTermGroup> groupsThatMaySelect(Map<String, String> labels) {
        if (unpairedGroups.isEmpty() && groupsByPair.isEmpty()) {
            return List.of();
        }
        List<AffinityTermGroup> out = new ArrayList<>(unpairedGroups);
        groupsByPair.forEachCandidate(labels, out::add);
        return out;
    }

    /**
     * How many counted pods of {@code namespaces} {@code selector} selects per value of
     * {@code topologyKey}; null when the selector has no equality pair to keep the count by (the
     * caller then matches pods itself). The first call for a selection fills it through
     * {@code fill}, which hands over every counted pod that may match, with its labels and its
     * node's.
     */
    DomainCounts selected(LabelSelector selector, Set<String> namespaces, String topologyKey,
                          Consumer<Filler> fill) {
        if (selector == null) {
            return NONE;
        }
        SelectionKey key = new SelectionKey(selector, namespaces, topologyKey);
        Selection s = selections.get(key);
        if (s != null) {
            return s.pods;
        }
        String[] pair = PairIndex.equalityPair(selector);
        if (pair == null) {
            return null;
        }
        Selection created = new Selection(key);
        fill.accept((ns, podLabels, nodeLabels) -> {
            if (created.selects(ns, podLabels)) {
                created.pods.add(nodeLabels.get(topologyKey), 1);
            }
        });
        selections.put(key, created);
        selectionsByPair.add(pair, created);
        return created.pods;
    }

    /** Receives the pods a new selection is first counted from. */
    interface Filler {
        void offer(String namespace, Map<String, String> podLabels, Map<String, String> nodeLabels);
    }
}
