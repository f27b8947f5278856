package io.kubesim.scenarios.manifest;

import io.kubesim.scenarios.Diagnostics;
import io.kubesim.scenarios.Location;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the objects of kinds the simulator does not model (ServiceAccount, ConfigMap,
 * DaemonSet, CRDs ...) so that a load reports them in one warning per file, most frequent
 * first, at the file's first such object, instead of one warning per object.
 */
final class NotSimulatedTally {
    /** The counts of one file and where its first skipped object is. */
    private static final class FileCounts {
        final Map<String, Integer> counts = new TreeMap<>();
        final Location first;

        FileCounts(Location first) {
            this.first = first;
        }
    }

    /** By file, in the order the files were read. */
    private final Map<String, FileCounts> byFile = new LinkedHashMap<>();

    void add(String kind, Location where) {
        byFile.computeIfAbsent(where.file(), f -> new FileCounts(where)).counts.merge(kind, 1, Integer::sum);
    }

    /** Adds the warnings, e.g. {@code not simulated (yet): 11 ServiceAccount, 2 ConfigMap}. */
    void report(Diagnostics diagnostics) {
        for (FileCounts file : byFile.values()) {
            List<Map.Entry<String, Integer>> entries = new ArrayList<>(file.counts.entrySet());
            entries.sort(Comparator.comparing((Map.Entry<String, Integer> e) -> -e.getValue())
                    .thenComparing(Map.Entry::getKey));
            StringBuilder sb = new StringBuilder("not simulated (yet): ");
            for (int i = 0; i < entries.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(entries.get(i).getValue()).append(' ').append(entries.get(i).getKey());
            }
            diagnostics.warn(file.first, sb.toString());
        }
    }
}
