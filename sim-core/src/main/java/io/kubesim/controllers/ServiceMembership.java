package io.kubesim.controllers;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Index;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.Service;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which pods each Service selects, kept current from pod and Service events so that a reconcile
 * reads its Service's pods without scanning the namespace, and a pod's label change can name the
 * Services it left as well as those it joined (upstream getPodServiceMemberships for the old and
 * the new pod).
 *
 * <p>The maps are only looked up, never iterated into an output; each Service's pods iterate by
 * pod name.
 */
final class ServiceMembership {
    private final ClusterStore store;
    private final Index<Pod> podsByNamespace;
    private final Map<String, List<String>> servicesOfPod = new HashMap<>();
    private final Map<String, TreeMap<String, Pod>> podsOfService = new HashMap<>();

    ServiceMembership(ClusterStore store) {
        this.store = store;
        this.podsByNamespace = store.pods().addIndex(Pod::namespace);
    }

    /**
     * Records the pod's current memberships and returns the keys of the Services it belonged to
     * before this event followed by those it belongs to now, without repeats.
     */
    List<String> podChanged(Pod pod) {
        String uid = pod.metadata().uid();
        List<String> before = servicesOfPod.getOrDefault(uid, List.of());
        List<String> now = new ArrayList<>(2);
        if (store.pods().contains(pod)) {
            // the candidates are the Services whose selector pair the pod carries, in the order of
            // the namespace's Services (creation order), so reconciles queue as a full scan would
            for (Service s : store.servicesBySelector().candidates(pod)) {
                if (s.selects(pod)) {
                    now.add(s.metadata().key());
                }
            }
        }
        for (String key : before) {
            if (!now.contains(key)) {
                TreeMap<String, Pod> pods = podsOfService.get(key);
                if (pods != null) {
                    pods.remove(pod.name(), pod);
                }
            }
        }
        for (String key : now) {
            podsOfService.computeIfAbsent(key, k -> new TreeMap<>()).put(pod.name(), pod);
        }
        if (now.isEmpty()) {
            servicesOfPod.remove(uid);
        } else {
            servicesOfPod.put(uid, List.copyOf(now));
        }
        List<String> affected = new ArrayList<>(before);
        for (String key : now) {
            if (!affected.contains(key)) {
                affected.add(key);
            }
        }
        return affected;
    }

    /** Recomputes the pods of a Service that was added, changed or removed. */
    void serviceChanged(Service service) {
        String key = service.metadata().key();
        TreeMap<String, Pod> old = podsOfService.remove(key);
        if (old != null) {
            for (Pod p : old.values()) {
                dropMembership(p.metadata().uid(), key);
            }
        }
        if (!store.services().contains(service)) {
            return;
        }
        TreeMap<String, Pod> pods = new TreeMap<>();
        for (Pod p : podsByNamespace.get(service.metadata().namespace())) {
            if (service.selects(p)) {
                pods.put(p.name(), p);
                List<String> of = new ArrayList<>(servicesOfPod.getOrDefault(p.metadata().uid(), List.of()));
                if (!of.contains(key)) {
                    of.add(key);
                    servicesOfPod.put(p.metadata().uid(), List.copyOf(of));
                }
            }
        }
        if (!pods.isEmpty()) {
            podsOfService.put(key, pods);
        }
    }

    /** The pods the Service selected at the last event, by name; check they are still stored. */
    Collection<Pod> pods(String serviceKey) {
        TreeMap<String, Pod> pods = podsOfService.get(serviceKey);
        return pods == null ? List.of() : Collections.unmodifiableCollection(pods.values());
    }

    /** The keys of the Services the pod belonged to at its last event. */
    List<String> servicesOf(Pod pod) {
        return servicesOfPod.getOrDefault(pod.metadata().uid(), List.of());
    }

    /** True when {@code pod} itself is among the Service's pods at the last event ({@link #pods}). */
    boolean has(String serviceKey, Pod pod) {
        TreeMap<String, Pod> pods = podsOfService.get(serviceKey);
        return pods != null && pods.get(pod.name()) == pod;
    }

    private void dropMembership(String podUid, String serviceKey) {
        List<String> of = servicesOfPod.get(podUid);
        if (of == null) {
            return;
        }
        List<String> rest = new ArrayList<>(of);
        rest.remove(serviceKey);
        if (rest.isEmpty()) {
            servicesOfPod.remove(podUid);
        } else {
            servicesOfPod.put(podUid, List.copyOf(rest));
        }
    }
}
