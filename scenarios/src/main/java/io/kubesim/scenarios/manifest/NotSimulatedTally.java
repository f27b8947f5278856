package io.kubesim.scenarios.manifest;

import io.kubesim.scenarios.Diagnostics;
import io.kubesim.scenarios.Location;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the objects of kinds the simulator does not model (ServiceAccount, ConfigMap, HPA, PDB,
 * StatefulSet, CRDs ...) so that a load reports them in one warning, most frequent first,
 * instead of one warning per object.
 */
final class NotSimulatedTally {
    private final Map<String, Integer> counts = new TreeMap<>();
    private Location first;

    void add(String kind, Location where) {
        counts.merge(kind, 1, Integer::sum);
        if (first == null) {
            first = where;
        }
    }

    /** Adds the one warning, e.g. {@code not simulated (yet): 11 ServiceAccount, 2 ConfigMap}. */
    void report(Diagnostics diagnostics) {
        if (counts.isEmpty()) {
            return;
        }
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Comparator.comparing((Map.Entry<String, Integer> e) -> -e.getValue())
                .thenComparing(Map.Entry::getKey));
        StringBuilder sb = new StringBuilder("not simulated (yet): ");
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(entries.get(i).getValue()).append(' ').append(entries.get(i).getKey());
        }
        diagnostics.warn(first, sb.toString());
    }
}
