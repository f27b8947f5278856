package io.kubesim.scheduler;

import io.kubesim.api.LabelSelector;
import io.kubesim.api.PodAffinityTerm;
import io.kubesim.api.Requirement;
import io.kubesim.api.SelectorOperator;
import io.kubesim.scheduler.framework.AffinityTermGroup;
import io.kubesim.scheduler.framework.DomainCounts;
import io.kubesim.scheduler.framework.PodInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;

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
    static final DomainCounts NONE = new Counts();

    private static final class Counts implements DomainCounts {
        private final Map<String, int[]> byValue = new HashMap<>();

        void add(String value, int delta) {
            if (value == null) {
                return;
            }
            int[] c = byValue.get(value);
            if (c == null) {
                byValue.put(value, new int[] {delta});
            } else if ((c[0] += delta) == 0) {
                byValue.remove(value);
            }
        }

        @Override
        public int count(String topologyValue) {
            if (topologyValue == null) {
                return 0;
            }
            int[] c = byValue.get(topologyValue);
            return c == null ? 0 : c[0];
        }

        @Override
        public boolean isEmpty() {
            return byValue.isEmpty();
        }

        @Override
        public void forEach(ObjIntConsumer<String> action) {
            byValue.forEach((v, c) -> action.accept(v, c[0]));
        }
    }

    private record GroupKey(AffinityTermGroup.Kind kind, String namespace, int weight, PodAffinityTerm term) {
    }

    private static final class Group implements AffinityTermGroup {
        private final GroupKey key;
        private final Counts owners = new Counts();
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
        final Counts pods = new Counts();

        Selection(SelectionKey key) {
            this.key = key;
        }

        boolean selects(String namespace, Map<String, String> podLabels) {
            return key.namespaces().contains(namespace) && key.selector().matches(podLabels);
        }
    }

    private final Map<GroupKey, Group> groups = new HashMap<>();
    /** Groups by label key, then value, of their selector's equality pair. */
    private final Map<String, Map<String, List<Group>>> groupsByPair = new HashMap<>();
    /** Groups whose selector has no equality pair: candidates for every incoming pod. */
    private final List<Group> unpairedGroups = new ArrayList<>();
    private final Map<SelectionKey, Selection> selections = new HashMap<>();
    /** Selections by label key, then value, of their selector's equality pair. */
    private final Map<String, Map<String, List<Selection>>> selectionsByPair = new HashMap<>();

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
            String[] pair = equalityPair(key.term().labelSelector());
            if (pair == null) {
                unpairedGroups.add(g);
            } else {
                groupsByPair.computeIfAbsent(pair[0], k -> new HashMap<>())
                        .computeIfAbsent(pair[1], v -> new ArrayList<>()).add(g);
            }
        }
        g.owners.add(nodeLabels.get(key.term().topologyKey()), delta);
        g.members += delta;
        if (g.members == 0) {
            groups.remove(key);
            String[] pair = equalityPair(key.term().labelSelector());
            if (pair == null) {
                unpairedGroups.remove(g);
            } else {
                Map<String, List<Group>> byValue = groupsByPair.get(pair[0]);
                List<Group> list = byValue.get(pair[1]);
                list.remove(g);
                if (list.isEmpty()) {
                    byValue.remove(pair[1]);
                    if (byValue.isEmpty()) {
                        groupsByPair.remove(pair[0]);
                    }
                }
            }
        }
    }

    private void countSelected(String namespace, Map<String, String> podLabels, Map<String, String> nodeLabels,
                               int delta) {
        if (selectionsByPair.isEmpty()) {
            return;
        }
        for (Map.Entry<String, String> l : podLabels.entrySet()) {
            Map<String, List<Selection>> byValue = selectionsByPair.get(l.getKey());
            List<Selection> list = byValue == null ? null : byValue.get(l.getValue());
            if (list == null) {
                continue;
            }
            for (Selection s : list) {
                if (s.selects(namespace, podLabels)) {
                    s.pods.add(nodeLabels.get(s.key.topologyKey()), delta);
                }
            }
        }
    }

    /**
     * The groups whose term a pod with {@code labels} may match: those filed under a label pair it
     * carries and those without a pair. Each must still be matched (namespaces, whole selector).
     */
    List<AffinityTermGroup> groupsThatMaySelect(Map<String, String> labels) {
        List<AffinityTermGroup> out = unpairedGroups.isEmpty() ? null : new ArrayList<>(unpairedGroups);
        if (groupsByPair.isEmpty()) {
            return out == null ? List.of() : out;
        }
        for (Map.Entry<String, String> l : labels.entrySet()) {
            Map<String, List<Group>> byValue = groupsByPair.get(l.getKey());
            List<Group> list = byValue == null ? null : byValue.get(l.getValue());
            if (list != null) {
                if (out == null) {
                    out = new ArrayList<>();
                }
                out.addAll(list);
            }
        }
        return out == null ? List.of() : out;
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
        String[] pair = equalityPair(selector);
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
        selectionsByPair.computeIfAbsent(pair[0], k -> new HashMap<>())
                .computeIfAbsent(pair[1], v -> new ArrayList<>()).add(created);
        return created.pods;
    }

    /** Receives the pods a new selection is first counted from. */
    interface Filler {
        void offer(String namespace, Map<String, String> podLabels, Map<String, String> nodeLabels);
    }

    /**
     * A {@code key, value} every pod the selector matches carries (a matchLabels entry, or an
     * {@code In} requirement with one value), or null when it has none.
     */
    static String[] equalityPair(LabelSelector selector) {
        for (Map.Entry<String, String> l : selector.matchLabels().entrySet()) {
            return new String[] {l.getKey(), l.getValue()};
        }
        for (Requirement r : selector.matchExpressions()) {
            if (r.operator() == SelectorOperator.IN && r.values().size() == 1) {
                return new String[] {r.key(), r.values().get(0)};
            }
        }
        return null;
    }
}
