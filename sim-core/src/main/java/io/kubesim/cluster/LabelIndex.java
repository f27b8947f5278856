package io.kubesim.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Objects by each of their labels within their namespace ({@code key=value}), so that a selector's
 * candidates are one bucket instead of a namespace: what makes a selector lookup cost the size of
 * its answer, not of the cluster. Buckets keep the order in which objects got the label (creation
 * order for labels set at creation, as the other indexes).
 */
public final class LabelIndex<T extends ApiObject> implements StoreIndex<T> {
    private final Map<String, LinkedHashSet<T>> buckets = new HashMap<>();
    private final IdentityHashMap<T, List<String>> current = new IdentityHashMap<>();

    LabelIndex() {
    }

    /** The objects of {@code namespace} labelled {@code key=value}; empty when none. Live: copy before writing. */
    public Set<T> get(String namespace, String key, String value) {
        LinkedHashSet<T> s = buckets.get(bucket(namespace, key, value));
        return s == null ? Collections.emptySet() : Collections.unmodifiableSet(s);
    }

    private static String bucket(String namespace, String key, String value) {
        return namespace + '\u0000' + key + '=' + value;
    }

    @Override
    public void put(T obj) {
        List<String> keys = new ArrayList<>();
        String ns = obj.metadata().namespace() == null ? "" : obj.metadata().namespace();
        for (Map.Entry<String, String> e : obj.metadata().labels().entrySet()) {
            keys.add(bucket(ns, e.getKey(), e.getValue()));
        }
        List<String> old = current.get(obj);
        if (keys.equals(old)) {
            return;
        }
        if (old != null) {
            for (String k : old) {
                if (!keys.contains(k)) {
                    removeFrom(k, obj);
                }
            }
        }
        for (String k : keys) {
            if (old == null || !old.contains(k)) {
                buckets.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(obj);
            }
        }
        current.put(obj, keys);
    }

    @Override
    public void remove(T obj) {
        List<String> old = current.remove(obj);
        if (old != null) {
            for (String k : old) {
                removeFrom(k, obj);
            }
        }
    }

    private void removeFrom(String key, T obj) {
        LinkedHashSet<T> s = buckets.get(key);
        if (s != null) {
            s.remove(obj);
            if (s.isEmpty()) {
                buckets.remove(key);
            }
        }
    }
}
