package io.kubesim.metrics;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Named monotonically increasing counters (container restarts, OOM kills ...), sorted by name. */
public final class Counters {
    private final Map<String, long[]> counters = new TreeMap<>();

    public void increment(String name) {
        add(name, 1);
    }

    public void add(String name, long delta) {
        counters.computeIfAbsent(name, k -> new long[1])[0] += delta;
    }

    public long get(String name) {
        long[] c = counters.get(name);
        return c == null ? 0 : c[0];
    }

    /** A snapshot of every counter. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new TreeMap<>();
        counters.forEach((k, v) -> m.put(k, v[0]));
        return Collections.unmodifiableMap(m);
    }
}
