package io.kubesim.scheduler.plugins;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts per topology pair (label key, label value), as upstream's topologyToMatchedTermCount:
 * a pair whose count returns to 0 is dropped. Looked up, never iterated into output, so hash
 * maps are safe here.
 */
final class TopologyCounts {
    private final Map<String, Map<String, Long>> byKey = new HashMap<>();

    void add(String key, String value, long delta) {
        Map<String, Long> m = byKey.computeIfAbsent(key, k -> new HashMap<>());
        if (m.merge(value, delta, Long::sum) == 0) {
            m.remove(value);
            if (m.isEmpty()) {
                byKey.remove(key);
            }
        }
    }

    TopologyCounts copy() {
        TopologyCounts c = new TopologyCounts();
        byKey.forEach((k, m) -> c.byKey.put(k, new HashMap<>(m)));
        return c;
    }

    long get(String key, String value) {
        Map<String, Long> m = byKey.get(key);
        if (m == null) {
            return 0;
        }
        return m.getOrDefault(value, 0L);
    }

    boolean isEmpty() {
        return byKey.isEmpty();
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
        for (Map.Entry<String, String> l : nodeLabels.entrySet()) {
            s += get(l.getKey(), l.getValue());
        }
        return s;
    }
}
