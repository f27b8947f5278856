package io.kubesim.scheduler;

import io.kubesim.api.LabelSelector;
import io.kubesim.api.Requirement;
import io.kubesim.api.SelectorOperator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Things that select pods by label (terms, selections), filed under one equality pair of their
 * selector, so that a pod's labels find every one that may select it without testing the others.
 * Each list keeps insertion order; the hash maps are only looked up.
 */
final class PairIndex<T> {
    private final Map<String, Map<String, List<T>>> byPair = new HashMap<>();

    boolean isEmpty() {
        return byPair.isEmpty();
    }

    void add(String[] pair, T item) {
        byPair.computeIfAbsent(pair[0], k -> new HashMap<>()).computeIfAbsent(pair[1], v -> new ArrayList<>()).add(item);
    }

    void remove(String[] pair, T item) {
        Map<String, List<T>> byValue = byPair.get(pair[0]);
        List<T> list = byValue == null ? null : byValue.get(pair[1]);
        if (list == null) {
            return;
        }
        list.remove(item);
        if (list.isEmpty()) {
            byValue.remove(pair[1]);
            if (byValue.isEmpty()) {
                byPair.remove(pair[0]);
            }
        }
    }

    /**
     * Hands over each item filed under a pair among {@code labels}, in the labels' order, then the
     * items' (each still to be matched against its whole selector).
     */
    void forEachCandidate(Map<String, String> labels, Consumer<T> action) {
        if (byPair.isEmpty()) {
            return;
        }
        for (Map.Entry<String, String> l : labels.entrySet()) {
            Map<String, List<T>> byValue = byPair.get(l.getKey());
            List<T> list = byValue == null ? null : byValue.get(l.getValue());
            if (list != null) {
                for (int i = 0; i < list.size(); i++) {
                    action.accept(list.get(i));
                }
            }
        }
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
