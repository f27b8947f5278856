package io.kubesim.scheduler;

import io.kubesim.api.LabelSelector;
import io.kubesim.scheduler.framework.DomainCounts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * PodTopologySpread's counts, kept between cycles: for a selector and a namespace, how many cached
 * pods that are not terminating it selects on each node (by name). Upstream counts them node by
 * node in every cycle (countPodsMatchSelector); a Deployment's pods spread by the system defaults
 * would cost a pass over all its pods for each one placed. A selection is counted once, when first
 * asked for, then kept for every pod placed, removed, relabelled or starting to terminate; it is
 * dropped when its count falls back to 0 (a ReplicaSet rolled away), and counted afresh if asked
 * for again.
 */
final class SpreadCounts {
    private record Key(LabelSelector selector, String namespace) {
    }

    private static final class Selection {
        final Key key;
        final String[] pair;
        final KeptCounts byNode = new KeptCounts();

        Selection(Key key, String[] pair) {
            this.key = key;
            this.pair = pair;
        }
    }

    private final Map<Key, Selection> selections = new HashMap<>();
    private final PairIndex<Selection> byPair = new PairIndex<>();

    /**
     * Counts a cached pod in ({@code delta} 1) or out (-1) on {@code node}; callers pass only pods
     * that are not terminating, with the labels the cache last saw.
     */
    void count(String namespace, Map<String, String> podLabels, String node, int delta) {
        List<Selection> emptied = null;
        for (Selection s : candidates(podLabels)) {
            if (s.key.namespace().equals(namespace) && s.key.selector().matches(podLabels)) {
                s.byNode.add(node, delta);
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

    private List<Selection> candidates(Map<String, String> podLabels) {
        if (byPair.isEmpty()) {
            return List.of();
        }
        List<Selection> out = new ArrayList<>(2);
        byPair.forEachCandidate(podLabels, out::add);
        return out;
    }

    /**
     * The pods {@code selector} selects in {@code namespace} per node; null when the selector has
     * no equality pair to keep the count by (the caller then counts node by node). The first ask
     * fills the selection through {@code fill}, which offers every cached pod that may match.
     */
    DomainCounts selected(LabelSelector selector, String namespace, Consumer<Filler> fill) {
        Key key = new Key(selector, namespace);
        Selection s = selections.get(key);
        if (s != null) {
            return s.byNode;
        }
        String[] pair = PairIndex.equalityPair(selector);
        if (pair == null) {
            return null;
        }
        Selection created = new Selection(key, pair);
        fill.accept((podLabels, node) -> {
            if (selector.matches(podLabels)) {
                created.byNode.add(node, 1);
            }
        });
        if (created.byNode.total() > 0) {
            selections.put(key, created);
            byPair.add(pair, created);
        }
        return created.byNode;
    }

    /** Receives the pods of the selection's namespace, not terminating, that a new selection is counted from. */
    interface Filler {
        void offer(Map<String, String> podLabels, String node);
    }

    /** How many selections are kept (for tests: none outlives its pods). */
    int size() {
        return selections.size();
    }
}
