package io.kubesim.scheduler;

import io.kubesim.scheduler.framework.DomainCounts;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ObjIntConsumer;

/**
 * Counts per value (a topology domain or a node name) that the cache adds to and takes from as
 * pods and nodes come and go; only values with a count other than 0 are held. Looked up by hash;
 * readers only add the counts up, so the order of {@link #forEach} never reaches a decision.
 */
final class KeptCounts implements DomainCounts {
    private final Map<String, int[]> byValue = new HashMap<>();
    private long total;

    /** Adds {@code delta} to the value's count; a null value (no such label) is not counted. */
    void add(String value, int delta) {
        if (value == null) {
            return;
        }
        total += delta;
        int[] c = byValue.get(value);
        if (c == null) {
            byValue.put(value, new int[] {delta});
        } else if ((c[0] += delta) == 0) {
            byValue.remove(value);
        }
    }

    /** The sum over every value. */
    long total() {
        return total;
    }

    @Override
    public int count(String value) {
        if (value == null) {
            return 0;
        }
        int[] c = byValue.get(value);
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
