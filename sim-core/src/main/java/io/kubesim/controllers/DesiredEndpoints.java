package io.kubesim.controllers;

import io.kubesim.cluster.EndpointSlice;
import io.kubesim.cluster.Pod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per Service, the endpoints its last reconcile wanted, by pod name, and the pods whose entry may
 * have changed since. The controller marks a pod here in line with every write that can change its
 * entry (the pod's own, its node's creation or deletion), before its watch event is delivered, so
 * that a reconcile re-evaluates only the marked pods and still reads exactly the state a pod-by-pod
 * pass would: its cost follows what changed, not the size of the Service. A Service without a
 * kept state (never reconciled, or written since) is evaluated pod by pod.
 */
final class DesiredEndpoints {
    /** One pod's entry: the ports it serves the Service on and its endpoint. */
    record Wanted(Pod pod, List<EndpointSlice.Port> ports, EndpointSlice.Endpoint endpoint) {
    }

    /** A Service's kept entries by pod name, and the pods marked since the last reconcile, in marking order. */
    static final class State {
        final TreeMap<String, Wanted> byName = new TreeMap<>();
        private List<Pod> marked = new ArrayList<>();
        /** Some entry changed since the slices were last planned. */
        private boolean changed = true;
        /** The resource versions of the Service's slices when they were last planned. */
        private long[] plannedSlices = new long[0];
        private final Set<Pod> isMarked = Collections.newSetFromMap(new IdentityHashMap<>());

        /** Keeps {@code w} for its pod, or drops the pod's entry when {@code w} is null. */
        void set(Pod pod, Wanted w) {
            if (w != null) {
                changed |= !w.equals(byName.put(pod.name(), w));
            } else {
                Wanted kept = byName.get(pod.name());
                if (kept != null && kept.pod() == pod) {
                    byName.remove(pod.name()); // a newer pod of the same name keeps its own entry
                    changed = true;
                }
            }
        }

        /**
         * True when no entry changed since the slices were planned and the slices are as that
         * plan left them: planning again would write nothing.
         */
        boolean asPlanned(List<EndpointSlice> slices) {
            if (changed || slices.size() != plannedSlices.length) {
                return false;
            }
            for (int i = 0; i < plannedSlices.length; i++) {
                if (slices.get(i).metadata().resourceVersion() != plannedSlices[i]) {
                    return false;
                }
            }
            return true;
        }

        /** The slices now match the entries: remembers their versions. */
        void planned(List<EndpointSlice> slices) {
            long[] versions = new long[slices.size()];
            for (int i = 0; i < versions.length; i++) {
                versions[i] = slices.get(i).metadata().resourceVersion();
            }
            plannedSlices = versions;
            changed = false;
        }

        /** The entries grouped by ports, each group keyed by pod uid in pod-name order. */
        Map<List<EndpointSlice.Port>, LinkedHashMap<String, EndpointSlice.Endpoint>> grouped() {
            Map<List<EndpointSlice.Port>, LinkedHashMap<String, EndpointSlice.Endpoint>> out = new LinkedHashMap<>();
            for (Wanted w : byName.values()) {
                out.computeIfAbsent(w.ports(), k -> new LinkedHashMap<>()).put(w.pod().metadata().uid(), w.endpoint());
            }
            return out;
        }

        /** The marked pods, emptied. */
        List<Pod> takeMarked() {
            List<Pod> out = marked;
            marked = new ArrayList<>();
            isMarked.clear();
            return out;
        }

        void mark(Pod pod) {
            if (isMarked.add(pod)) {
                marked.add(pod);
            }
        }
    }

    private final Map<String, State> byService = new HashMap<>();

    /** The Service's kept state, or null when its next reconcile must evaluate every pod. */
    State of(String serviceKey) {
        return byService.get(serviceKey);
    }

    /** A fresh state for a Service being evaluated pod by pod. */
    State reset(String serviceKey) {
        State s = new State();
        byService.put(serviceKey, s);
        return s;
    }

    /** Forgets the Service's state: its next reconcile evaluates every pod. */
    void forget(String serviceKey) {
        byService.remove(serviceKey);
    }

    /** The pod's entry in the Service may have changed. */
    void mark(String serviceKey, Pod pod) {
        State s = byService.get(serviceKey);
        if (s != null) {
            s.mark(pod);
        }
    }
}
