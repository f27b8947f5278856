package io.kubesim.controllers;

import io.kubesim.cluster.EndpointSlice;
import io.kubesim.cluster.Pod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.HashMap;
import java.util.HashSet;
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
        /** The same entries by pod uid. */
        private final Map<String, Wanted> byUid = new HashMap<>();
        /** How many entries each list of ports has. */
        private final Map<List<EndpointSlice.Port>, int[]> portGroups = new HashMap<>();
        /** The uids of the pods whose entry changed (came, went or differs) since the slices were last planned. */
        private final Set<String> changedUids = new HashSet<>();
        /** Which slice holds each pod's endpoint, as last planned; null when not known. */
        private Map<String, EndpointSlice> sliceOf;
        private List<Pod> marked = new ArrayList<>();
        /** Some entry changed since the slices were last planned. */
        private boolean changed = true;
        /** The resource versions of the Service's slices when they were last planned. */
        private long[] plannedSlices = new long[0];
        private final Set<Pod> isMarked = Collections.newSetFromMap(new IdentityHashMap<>());

        /** Keeps {@code w} for its pod, or drops the pod's entry when {@code w} is null. */
        void set(Pod pod, Wanted w) {
            if (w != null) {
                Wanted old = byName.put(pod.name(), w);
                if (!w.equals(old)) {
                    changed = true;
                    if (old != null) {
                        dropped(old);
                    }
                    byUid.put(w.endpoint().podUid(), w);
                    changedUids.add(w.endpoint().podUid());
                    portGroups.computeIfAbsent(w.ports(), k -> new int[1])[0]++;
                }
            } else {
                Wanted kept = byName.get(pod.name());
                if (kept != null && kept.pod() == pod) {
                    byName.remove(pod.name()); // a newer pod of the same name keeps its own entry
                    changed = true;
                    dropped(kept);
                }
            }
        }

        private void dropped(Wanted old) {
            String uid = old.endpoint().podUid();
            byUid.remove(uid); // uids are unique: no other pod's entry has it
            changedUids.add(uid);
            int[] n = portGroups.get(old.ports());
            if (--n[0] == 0) {
                portGroups.remove(old.ports());
            }
        }

        /** Some entry changed since the slices were last planned. */
        boolean changed() {
            return changed;
        }

        /**
         * The single list of ports every entry has, or null when there are none or several (the
         * plan then goes group by group over every entry).
         */
        List<EndpointSlice.Port> onlyPorts() {
            return portGroups.size() == 1 ? portGroups.keySet().iterator().next() : null;
        }

        /** The desired endpoint of the pod with {@code uid}, or null when it has none. */
        EndpointSlice.Endpoint endpointOf(String uid) {
            Wanted w = byUid.get(uid);
            return w == null ? null : w.endpoint();
        }

        /** The slices holding an endpoint of a changed pod; null when which slice holds what is not known. */
        Set<EndpointSlice> touchedSlices() {
            if (sliceOf == null) {
                return null;
            }
            Set<EndpointSlice> out = Collections.newSetFromMap(new IdentityHashMap<>());
            for (String uid : changedUids) {
                EndpointSlice s = sliceOf.get(uid);
                if (s != null) {
                    out.add(s);
                }
            }
            return out;
        }

        /** The changed pods' desired endpoints that no slice holds, in pod-name order. */
        List<EndpointSlice.Endpoint> unplaced() {
            List<Wanted> found = new ArrayList<>();
            for (String uid : changedUids) {
                Wanted w = byUid.get(uid);
                if (w != null && !sliceOf.containsKey(uid)) {
                    found.add(w);
                }
            }
            found.sort(java.util.Comparator.comparing(w -> w.pod().name()));
            List<EndpointSlice.Endpoint> out = new ArrayList<>(found.size());
            for (Wanted w : found) {
                out.add(w.endpoint());
            }
            return out;
        }

        /**
         * True when no entry changed since the slices were planned and the slices are as that
         * plan left them: planning again would write nothing.
         */
        boolean asPlanned(List<EndpointSlice> slices) {
            return !changed && versionsAsPlanned(slices);
        }

        private boolean versionsAsPlanned(List<EndpointSlice> slices) {
            if (slices.size() != plannedSlices.length) {
                return false;
            }
            for (int i = 0; i < plannedSlices.length; i++) {
                if (slices.get(i).metadata().resourceVersion() != plannedSlices[i]) {
                    return false;
                }
            }
            return true;
        }

        /**
         * True when the slices are as the last plan left them (whatever changed in the entries
         * since): what each holds is then known.
         */
        boolean slicesAsPlanned(List<EndpointSlice> slices) {
            return sliceOf != null && versionsAsPlanned(slices);
        }

        /**
         * The slices now match the entries: remembers their versions and which slice holds each
         * pod's endpoint, re-reading only the slices written since and {@code touched} (those that
         * held a changed pod's endpoint); all of them when {@code touched} is null.
         */
        void planned(List<EndpointSlice> slices, Set<EndpointSlice> touched) {
            long[] versions = new long[slices.size()];
            for (int i = 0; i < versions.length; i++) {
                versions[i] = slices.get(i).metadata().resourceVersion();
            }
            if (touched == null || sliceOf == null) {
                sliceOf = new HashMap<>();
                for (EndpointSlice s : slices) {
                    holds(s);
                }
            } else {
                for (String uid : changedUids) {
                    sliceOf.remove(uid);
                }
                java.util.Set<Long> before = new HashSet<>();
                for (long v : plannedSlices) {
                    before.add(v);
                }
                for (EndpointSlice s : slices) {
                    if (touched.contains(s) || !before.contains(s.metadata().resourceVersion())) {
                        holds(s);
                    }
                }
            }
            plannedSlices = versions;
            changed = false;
            changedUids.clear();
        }

        /** Tests: which slice holds each pod's endpoint, as kept, equals a reading of every slice. */
        void verifySliceIndex(List<EndpointSlice> slices) {
            Map<String, EndpointSlice> read = new HashMap<>();
            for (EndpointSlice s : slices) {
                for (EndpointSlice.Endpoint e : s.endpoints()) {
                    read.put(e.podUid(), s);
                }
            }
            if (!read.equals(sliceOf)) {
                throw new IllegalStateException("kept slice of each endpoint " + sliceOf + " != read " + read);
            }
        }

        private void holds(EndpointSlice s) {
            for (EndpointSlice.Endpoint e : s.endpoints()) {
                sliceOf.put(e.podUid(), s);
            }
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
