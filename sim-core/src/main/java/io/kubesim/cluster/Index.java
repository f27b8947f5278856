package io.kubesim.cluster;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A secondary index of an {@link ObjectStore}: objects bucketed by a string key (a pod's node,
 * an object's owner uid), kept current on every write. Buckets iterate in insertion order.
 */
public final class Index<T extends ApiObject> implements StoreIndex<T> {
    private final Function<T, String> keyOf;
    private final Map<String, LinkedHashSet<T>> buckets = new HashMap<>();
    private final IdentityHashMap<T, String> current = new IdentityHashMap<>();

    Index(Function<T, String> keyOf) {
        this.keyOf = keyOf;
    }

    /** Objects whose key is {@code key}; empty when none. The set is live: copy before mutating the store. */
    public Set<T> get(String key) {
        LinkedHashSet<T> s = buckets.get(key);
        return s == null ? Collections.emptySet() : Collections.unmodifiableSet(s);
    }

    /** The keys that have objects, sorted (so callers never depend on hash order). */
    public java.util.SortedSet<String> keys() {
        return new java.util.TreeSet<>(buckets.keySet());
    }

    /**
     * The keys that have objects and pass {@code test}, sorted: what filtering {@link #keys()}
     * gives, without sorting the keys that fail (the pod GC asks every 20 s which of 5,000 node
     * names have no node, and nearly always none).
     */
    public java.util.List<String> keysWhere(java.util.function.Predicate<String> test) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String k : buckets.keySet()) {
            if (test.test(k)) {
                out.add(k);
            }
        }
        java.util.Collections.sort(out);
        return out;
    }

    @Override
    public void put(T obj) {
        String k = keyOf.apply(obj);
        String old = current.get(obj);
        if (k == null) {
            remove(obj);
            return;
        }
        if (k.equals(old)) {
            return;
        }
        if (old != null) {
            removeFromBucket(old, obj);
        }
        current.put(obj, k);
        buckets.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(obj);
    }

    @Override
    public void remove(T obj) {
        String old = current.remove(obj);
        if (old != null) {
            removeFromBucket(old, obj);
        }
    }

    private void removeFromBucket(String key, T obj) {
        LinkedHashSet<T> s = buckets.get(key);
        if (s != null) {
            s.remove(obj);
            if (s.isEmpty()) {
                buckets.remove(key);
            }
        }
    }
}
