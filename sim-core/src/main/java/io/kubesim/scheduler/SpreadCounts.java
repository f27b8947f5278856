package io.kubesim.scheduler;

import io.kubesim.api.LabelSelector;
import io.kubesim.scheduler.framework.DomainCounts;
import io.kubesim.scheduler.framework.MatchingPods;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * PodTopologySpread's counts, kept between cycles: for a selector and a namespace, how many cached
 * pods that are not terminating it selects on each node (by name), and in each zone. Upstream counts them node by
 * node in every cycle (countPodsMatchSelector); a Deployment's pods spread by the system defaults
 * would cost a pass over all its pods for each one placed. A selection is counted once, when first
 * asked for, then kept for every pod placed, removed, relabelled or starting to terminate; it is
 * dropped when its count falls back to 0 (a ReplicaSet rolled away), and counted afresh if asked
 * for again.
 */
final class SpreadCounts {
    private record Key(LabelSelector selector, String namespace) {
    }

    private static final class Selection implements MatchingPods {
        final Key key;
        final String[] pair;
        final KeptCounts byNode = new KeptCounts();
        final KeptCounts byZone = new KeptCounts();

        Selection(Key key, String[] pair) {
            this.key = key;
            this.pair = pair;
        }

        boolean selects(String namespace, Map<String, String> podLabels) {
            return key.namespace().equals(namespace) && key.selector().matches(podLabels);
        }

        @Override
        public DomainCounts byNode() {
            return byNode;
        }

        @Override
        public DomainCounts byZone() {
            return byZone;
        }
    }

    private final Map<Key, Selection> selections = new HashMap<>();
    private final PairIndex<Selection> byPair = new PairIndex<>();
    private final List<Selection> visiting = new ArrayList<>();

    /**
     * Counts a cached pod in ({@code delta} 1) or out (-1) on {@code node}, in {@code zone} (its
     * node's zone label, "" without one, null while the node is unknown); callers pass only pods
     * that are not terminating, with the labels the cache last saw.
     */
    void count(String namespace, Map<String, String> podLabels, String node, String zone, int delta) {
        List<Selection> emptied = null;
        for (Selection s : candidates(podLabels)) {
            if (s.selects(namespace, podLabels)) {
                s.byNode.add(node, delta);
                s.byZone.add(zone, delta);
                if (s.byNode.total() == 0) {
                    if (emptied == null) {
                        emptied = new ArrayList<>(1);
                    }
                    emptied.add(s);
                }
            }
        }
        if (emptied != null) {
            for (Selection s : emptied) {
                selections.remove(s.key);
                byPair.remove(s.pair, s);
            }
        }
    }

    /** A counted pod's node came, went or changed zone: its zone count moves ({@code null}: unknown node). */
    void rezone(String namespace, Map<String, String> podLabels, String from, String to) {
        for (Selection s : candidates(podLabels)) {
            if (s.selects(namespace, podLabels)) {
                s.byZone.add(from, -1);
                s.byZone.add(to, 1);
            }
        }
    }

    /** The selections filed under a pair among the labels, in a list reused from call to call (one per pod write). */
    private List<Selection> candidates(Map<String, String> podLabels) {
        visiting.clear();
        if (!byPair.isEmpty()) {
            byPair.forEachCandidate(podLabels, visiting::add);
        }
        return visiting;
    }

    /**
     * The pods {@code selector} selects in {@code namespace} per node and zone; null when the
     * selector has no equality pair to keep the count by (the caller then counts node by node).
     * The first ask fills the selection through {@code fill}, which offers every cached pod that
     * may match.
     */
    MatchingPods selected(LabelSelector selector, String namespace, Consumer<Filler> fill) {
        Key key = new Key(selector, namespace);
        Selection s = selections.get(key);
        if (s != null) {
            return s;
        }
        String[] pair = PairIndex.equalityPair(selector);
        if (pair == null) {
            return null;
        }
        Selection created = new Selection(key, pair);
        fill.accept((podLabels, node, zone) -> {
            if (selector.matches(podLabels)) {
                created.byNode.add(node, 1);
                created.byZone.add(zone, 1);
            }
        });
        if (created.byNode.total() > 0) {
            selections.put(key, created);
            byPair.add(pair, created);
        }
        return created;
    }

    /** Receives the pods of the selection's namespace, not terminating, that a new selection is counted from. */
    interface Filler {
        /** @param zone the node's zone label ("" without one), null while the node is unknown */
        void offer(Map<String, String> podLabels, String node, String zone);
    }

    /** How many selections are kept (for tests: none outlives its pods). */
    int size() {
        return selections.size();
    }
}
