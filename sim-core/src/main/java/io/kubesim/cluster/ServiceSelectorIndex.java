package io.kubesim.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Services by one pair of their selector (the first, {@code namespace key=value}): a pod can only
 * be selected by a Service whose pair is one of its labels, so the Services that may select a pod
 * are a few buckets instead of every Service of its namespace. Candidates come in the order the
 * Services were created, the order of a namespace's Services in {@link Index}.
 */
public final class ServiceSelectorIndex implements StoreIndex<Service> {
    private record Entry(String bucket, long created) {
    }

    private final Map<String, LinkedHashSet<Service>> buckets = new HashMap<>();
    private final IdentityHashMap<Service, Entry> current = new IdentityHashMap<>();
    private long created;

    ServiceSelectorIndex() {
    }

    /** The Services that may select {@code pod} (check each with {@link Service#selects}), oldest first. */
    public List<Service> candidates(Pod pod) {
        List<Service> out = new ArrayList<>(2);
        String ns = pod.namespace();
        for (Map.Entry<String, String> l : pod.metadata().labels().entrySet()) {
            LinkedHashSet<Service> s = buckets.get(bucket(ns, l.getKey(), l.getValue()));
            if (s != null) {
                out.addAll(s);
            }
        }
        if (out.size() > 1) {
            out.sort(Comparator.comparingLong(s -> current.get(s).created()));
        }
        return out;
    }

    private static String bucket(String namespace, String key, String value) {
        return namespace + '\u0000' + key + '=' + value;
    }

    @Override
    public void put(Service svc) {
        Map<String, String> selector = svc.selector();
        Entry old = current.get(svc);
        String bucket = selector.isEmpty() ? null : bucket(svc.metadata().namespace(), firstKey(selector),
                selector.get(firstKey(selector)));
        if (old != null && java.util.Objects.equals(old.bucket(), bucket)) {
            return;
        }
        if (old != null && old.bucket() != null) {
            removeFrom(old.bucket(), svc);
        }
        current.put(svc, new Entry(bucket, old == null ? created++ : old.created()));
        if (bucket != null) {
            buckets.computeIfAbsent(bucket, k -> new LinkedHashSet<>()).add(svc);
        }
    }

    @Override
    public void remove(Service svc) {
        Entry old = current.remove(svc);
        if (old != null && old.bucket() != null) {
            removeFrom(old.bucket(), svc);
        }
    }

    private static String firstKey(Map<String, String> selector) {
        return selector.keySet().iterator().next();
    }

    private void removeFrom(String bucket, Service svc) {
        LinkedHashSet<Service> s = buckets.get(bucket);
        if (s != null) {
            s.remove(svc);
            if (s.isEmpty()) {
                buckets.remove(bucket);
            }
        }
    }
}
