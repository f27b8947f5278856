package io.kubesim.scheduler.plugins;

import io.kubesim.scheduler.framework.DomainCounts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts per topology pair (label key, label value), as upstream's topologyToMatchedTermCount:
 * a pair whose count returns to 0 is dropped. Besides its own counts it may hold layers: counts
 * the scheduler cache keeps between cycles ({@link DomainCounts} of one topology key), each times
 * a weight, read where they lie rather than copied in; a pair's count is its own plus every
 * layer's. Looked up, never iterated into output, so hash maps are safe here.
 */
final class TopologyCounts {
    private record Layer(String key, DomainCounts counts, long weight) {
    }

    private final Map<String, Map<String, Long>> byKey = new HashMap<>();
    private List<Layer> layers = List.of();

    void add(String key, String value, long delta) {
        Map<String, Long> m = byKey.computeIfAbsent(key, k -> new HashMap<>());
        if (m.merge(value, delta, Long::sum) == 0) {
            m.remove(value);
            if (m.isEmpty()) {
                byKey.remove(key);
            }
        }
    }

    /** Adds {@code weight} times each of {@code counts} to the pairs of {@code key}. */
    void addLayer(String key, DomainCounts counts, long weight) {
        if (weight == 0 || counts.isEmpty()) {
            return;
        }
        if (layers.isEmpty()) {
            layers = new ArrayList<>(2);
        }
        layers.add(new Layer(key, counts, weight));
    }

    /** A copy whose own counts change apart from these; the layers are read-only and shared. */
    TopologyCounts copy() {
        TopologyCounts c = new TopologyCounts();
        byKey.forEach((k, m) -> c.byKey.put(k, new HashMap<>(m)));
        c.layers = layers.isEmpty() ? List.of() : new ArrayList<>(layers);
        return c;
    }

    long get(String key, String value) {
        Map<String, Long> m = byKey.get(key);
        long own = m == null ? 0 : m.getOrDefault(value, 0L);
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (l.key().equals(key)) {
                own += l.weight() * l.counts().count(value);
            }
        }
        return own;
    }

    /** Whether no pair has a count other than 0 (exact: layers that cancel out are added up). */
    boolean isEmpty() {
        if (layers.isEmpty()) {
            return byKey.isEmpty();
        }
        boolean sameSign = true;
        for (Layer l : layers) {
            sameSign &= Long.signum(l.weight()) == Long.signum(layers.get(0).weight());
        }
        if (byKey.isEmpty() && sameSign) {
            return false; // every layer holds a count other than 0, and none can cancel another
        }
        TopologyCounts sum = copy();
        sum.layers = List.of();
        for (Layer l : layers) {
            l.counts().forEach((value, count) -> sum.add(l.key(), value, l.weight() * count));
        }
        return sum.byKey.isEmpty();
    }

    /** True when nothing was ever added: a cheap test that {@link #anyPositive} must be false. */
    boolean holdsNothing() {
        return byKey.isEmpty() && layers.isEmpty();
    }

    /** Whether any pair matching one of the node's labels has a positive count. */
    boolean anyPositive(Map<String, String> nodeLabels) {
        for (Map.Entry<String, String> l : nodeLabels.entrySet()) {
            if (get(l.getKey(), l.getValue()) > 0) {
                return true;
            }
        }
        return false;
    }

    /** The sum of the counts of the node's label pairs. */
    long sumFor(Map<String, String> nodeLabels) {
        long s = 0;
        if (!byKey.isEmpty()) {
            for (Map.Entry<String, String> l : nodeLabels.entrySet()) {
                Map<String, Long> m = byKey.get(l.getKey());
                if (m != null) {
                    s += m.getOrDefault(l.getValue(), 0L);
                }
            }
        }
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            s += l.weight() * l.counts().count(nodeLabels.get(l.key()));
        }
        return s;
    }
}
