package io.kubesim.controllers.statefulset;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodPhase;
import io.kubesim.cluster.StatefulSet;
import io.kubesim.cluster.WatchEventType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Each StatefulSet's pods by ordinal, sorted the way a sync reads them and kept in line with every
 * pod write (a store observer), so that a sync visits the ordinals that ask for something instead
 * of every pod of its set: a walk per sync made a set's cost grow with the square of its size.
 *
 * <p>Per set (a {@link View}): the pod of each ordinal in range and the condemned pods out of it;
 * which ordinals in range are missing, not settled (anything short of Running, Ready, available and
 * not terminating: where processReplica may act or stop, k8s-semantics.md 11.3), unhealthy, or at
 * another revision than the update one (11.5); and, over every pod with an ordinal, the counts of
 * the status. Availability follows minReadySeconds through a queue of the instants Ready pods
 * become available, counted by the first read after it (k8s-semantics.md 2.4).
 *
 * <p>A view is built from the owner index at its set's first sync, and again whenever the range of
 * ordinals, minReadySeconds, the update revision or the claim templates changed. Writes to a set's
 * pods during its own sync are applied after it: the sync works on the pods as it found them, as
 * the walk it replaces did with the list it read. Two pods of one ordinal ({@code web-1} and {@code web-01}, both
 * ordinal 1 to upstream's parser) make a view irregular: built afresh at every sync, exactly as
 * the walk would see them.
 */
final class StatefulSetPods {
    /** One pod's ordinal and classification as last counted. */
    private static final class Entry {
        final Pod pod;
        final int ordinal;
        /** Running and Ready. */
        boolean ready;
        /** Ready and available at the last classification. */
        boolean available;
        boolean deleting;
        /** Terminal, or Pending in a set with claim templates: processReplica acts on it even under Parallel. */
        boolean needsWork;
        String revision;
        /** Bumped at each classification: older queue entries are stale. */
        int stamp;
        boolean counted;
        /** Written during its set's sync (in {@link #written} once). */
        boolean written;

        Entry(Pod pod, int ordinal) {
            this.pod = pod;
            this.ordinal = ordinal;
        }

        boolean settled() {
            return available && !deleting;
        }

        boolean healthy() {
            return ready && !deleting;
        }
    }

    /** A Ready pod that becomes available after {@code at}. */
    private record Waiting(long at, long order, Entry entry, int stamp) implements Comparable<Waiting> {
        @Override
        public int compareTo(Waiting o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    /** The status counts of a sync: over its pods as the sync left them, not those it created. */
    record StatusCounts(int created, int ready, int available, int current, int updated) {
        boolean waitingForAvailability() {
            return ready > available;
        }
    }

    /** One set's pods as its sync reads them. */
    static final class View {
        final String uid;
        final String setName;
        final int start;
        final int minReadySeconds;
        final String updateRevision;
        /** The set has volumeClaimTemplates: processReplica makes sure a Pending pod's claims exist. */
        final boolean claims;
        /** replicas[i] is the pod of ordinal start + i, or null when it does not exist. */
        final Pod[] replicas;
        /** Pods of ordinals out of range, highest ordinal first. */
        final List<Pod> condemned = new ArrayList<>();
        private final Map<Pod, Entry> entries = new IdentityHashMap<>();
        private final BitSet present = new BitSet();
        private final BitSet notSettled = new BitSet();
        private final BitSet needsWork = new BitSet();
        private final BitSet unhealthy = new BitSet();
        private final BitSet outdated = new BitSet();
        private int created;
        private int ready;
        private int available;
        /** Pods not being deleted, by revision label; no zero entries. */
        private final Map<String, Integer> byRevision = new HashMap<>();
        private final PriorityQueue<Waiting> waiting = new PriorityQueue<>();
        private boolean irregular;

        View(StatefulSet set, String updateRevision) {
            this.uid = set.metadata().uid();
            this.setName = set.name();
            this.start = set.ordinalsStart();
            this.minReadySeconds = set.minReadySeconds();
            this.updateRevision = updateRevision;
            this.claims = !set.volumeClaimTemplates().isEmpty();
            this.replicas = new Pod[set.replicas()];
        }

        /** The ordinal of a pod counted here. */
        int ordinal(Pod p) {
            return entries.get(p).ordinal;
        }

        /** Ordinals in range that are missing or whose pod is not settled (processReplica under OrderedReady stops there). */
        int unsettledOrMissing() {
            return replicas.length - present.cardinality() + notSettled.cardinality();
        }

        /** Some ordinal in range is missing or its pod unhealthy. */
        boolean anyUnhealthyReplica() {
            return present.cardinality() < replicas.length || !unhealthy.isEmpty();
        }

        /**
         * The indexes processReplica may act on or stop at, in order: missing, or (OrderedReady)
         * not settled, or (Parallel) terminal or, where the set has claim templates, Pending.
         */
        Cursor toProcess(boolean monotonic) {
            return new Cursor(monotonic ? notSettled : needsWork);
        }

        /** Walks the union of the missing indexes and one set of them, each bit set read once. */
        final class Cursor {
            private final BitSet pods;
            private int missing = -1;
            private int pod = -1;

            private Cursor(BitSet pods) {
                this.pods = pods;
            }

            /** The first index at or after {@code i}; replicas.length if none. */
            int next(int i) {
                int n = replicas.length;
                if (i >= n) {
                    return n;
                }
                if (missing < i) {
                    missing = present.nextClearBit(i);
                }
                if (pod < i) {
                    int b = pods.nextSetBit(i);
                    pod = b < 0 ? n : b;
                }
                return Math.min(Math.min(missing, pod), n);
            }
        }

        /** The highest index at or below {@code i} that is missing, unhealthy or outdated; -1 if none. */
        int lastUpdateCandidate(int i) {
            if (i < 0) {
                return -1;
            }
            return Math.max(present.previousClearBit(i), Math.max(unhealthy.previousSetBit(i), outdated.previousSetBit(i)));
        }

        /** The highest index at or below {@code i} whose pod has another revision than the update one; -1 if none. */
        int lastOutdated(int i) {
            return i < 0 ? -1 : outdated.previousSetBit(i);
        }

        private int index(Entry e) {
            int i = e.ordinal - start;
            return i >= 0 && i < replicas.length && replicas[i] == e.pod ? i : -1;
        }

        /** Classifies the entry's pod as it is at {@code now} and counts it. */
        private void count(Entry e, long now, long[] order) {
            Pod p = e.pod;
            e.stamp++;
            e.ready = p.phase() == PodPhase.RUNNING && p.isReady();
            e.available = e.ready && p.isAvailable(minReadySeconds, now);
            e.deleting = p.metadata().isDeleting();
            e.needsWork = p.isTerminal() || (claims && p.phase() == PodPhase.PENDING);
            e.revision = StatefulPodIdentity.revision(p);
            e.counted = true;
            created++;
            ready += e.ready ? 1 : 0;
            available += e.available ? 1 : 0;
            if (!e.deleting) {
                byRevision.merge(e.revision, 1, Integer::sum);
            }
            if (e.ready && !e.available) {
                long at = p.readyCondition().lastTransitionTime() + minReadySeconds * 1_000_000L;
                waiting.add(new Waiting(at, order[0]++, e, e.stamp));
            }
            int i = index(e);
            if (i >= 0) {
                present.set(i);
                notSettled.set(i, !e.settled());
                needsWork.set(i, e.needsWork);
                unhealthy.set(i, !e.healthy());
                outdated.set(i, !e.revision.equals(updateRevision));
            }
        }

        /** Takes the entry's counted classification back. */
        private void uncount(Entry e) {
            if (!e.counted) {
                return;
            }
            e.counted = false;
            e.stamp++;
            created--;
            ready -= e.ready ? 1 : 0;
            available -= e.available ? 1 : 0;
            if (!e.deleting) {
                byRevision.merge(e.revision, -1, Integer::sum);
                byRevision.remove(e.revision, 0);
            }
            int i = index(e);
            if (i >= 0) {
                present.clear(i);
                notSettled.clear(i);
                needsWork.clear(i);
                unhealthy.clear(i);
                outdated.clear(i);
            }
        }

        /** The fields a sync reads, for the check against a view built afresh. */
        private boolean sameAs(View o) {
            return java.util.Arrays.equals(replicas, o.replicas) && condemned.equals(o.condemned)
                    && present.equals(o.present) && notSettled.equals(o.notSettled) && needsWork.equals(o.needsWork)
                    && unhealthy.equals(o.unhealthy) && outdated.equals(o.outdated) && created == o.created
                    && ready == o.ready && available == o.available && byRevision.equals(o.byRevision);
        }
    }

    private static final Comparator<Entry> HIGHEST_ORDINAL_FIRST = Comparator.comparingInt((Entry e) -> e.ordinal).reversed();

    private final ClusterStore store;
    /** By set uid; read by key only. */
    private final Map<String, View> views = new HashMap<>();
    /** The view whose sync runs now: writes to its pods wait in {@link #written}. */
    private View syncing;
    /** Pods written during the sync: those it read once each, those it created perhaps more than once. */
    private final List<Pod> written = new ArrayList<>();
    private final long[] order = {0};

    StatefulSetPods(ClusterStore store) {
        this.store = store;
    }

    /** Follows every pod write from here on. */
    void start() {
        store.pods().observe((type, pod) -> podWritten(pod, type == WatchEventType.DELETED));
    }

    /** The set is gone: its view is let go. */
    void setDeleted(StatefulSet set) {
        views.remove(set.metadata().uid());
    }

    /**
     * The set's view at the start of its sync ({@code updateRevision} as the sync found or made it);
     * writes to its pods wait until {@link #endSync}.
     */
    View beginSync(StatefulSet set, String updateRevision) {
        View v = views.get(set.metadata().uid());
        if (v == null || v.irregular || v.start != set.ordinalsStart() || v.replicas.length != set.replicas()
                || v.minReadySeconds != set.minReadySeconds() || !v.updateRevision.equals(updateRevision)
                || v.claims == set.volumeClaimTemplates().isEmpty()) {
            v = build(set, updateRevision);
            views.put(v.uid, v);
        } else {
            promote(v);
            assert matchesStore(set, v) : "StatefulSet view of " + set.metadata().key() + " drifted";
        }
        syncing = v;
        return v;
    }

    /**
     * The status counts over the view's pods as the sync left them (a pod it deleted counts as
     * deleting, or still counts when already removed), without the pods it created: what counting
     * the pod objects read at the start would give.
     */
    StatusCounts statusCounts(View v, String currentRevision, String updateRevision) {
        int created = v.created;
        int ready = v.ready;
        int available = v.available;
        int current = v.byRevision.getOrDefault(currentRevision, 0);
        int updated = v.byRevision.getOrDefault(updateRevision, 0);
        long now = store.now();
        for (Pod p : written) {
            Entry e = v.entries.get(p);
            if (e == null) {
                continue; // created by the sync
            }
            boolean r = p.phase() == PodPhase.RUNNING && p.isReady();
            boolean a = r && p.isAvailable(v.minReadySeconds, now);
            String rev = StatefulPodIdentity.revision(p);
            boolean deleting = p.metadata().isDeleting();
            ready += (r ? 1 : 0) - (e.ready ? 1 : 0);
            available += (a ? 1 : 0) - (e.available ? 1 : 0);
            if (!e.deleting) {
                current -= e.revision.equals(currentRevision) ? 1 : 0;
                updated -= e.revision.equals(updateRevision) ? 1 : 0;
            }
            if (!deleting) {
                current += rev.equals(currentRevision) ? 1 : 0;
                updated += rev.equals(updateRevision) ? 1 : 0;
            }
        }
        return new StatusCounts(created, ready, available, current, updated);
    }

    /** The sync is over: its writes are counted. */
    void endSync() {
        View v = syncing;
        syncing = null;
        for (Pod p : written) {
            Entry e = v.entries.get(p);
            if (e != null) {
                e.written = false;
            }
        }
        for (Pod p : written) {
            apply(v, p, !store.pods().contains(p)); // as often as it comes: the second time changes nothing
        }
        written.clear();
    }

    private void podWritten(Pod pod, boolean deleted) {
        OwnerReference o = pod.metadata().owner();
        if (o == null || !o.kind().equals(StatefulSet.KIND)) {
            return;
        }
        View v = views.get(o.uid());
        if (v == null) {
            return;
        }
        if (v == syncing) { // irregular too: the status counts the sync's own writes either way
            Entry e = v.entries.get(pod);
            if (e == null || !e.written) {
                written.add(pod);
                if (e != null) {
                    e.written = true;
                }
            }
            return;
        }
        apply(v, pod, deleted);
    }

    /** Moves the pod's contribution to what it is now ({@code gone}: nothing). */
    private void apply(View v, Pod pod, boolean gone) {
        if (v.irregular) {
            return;
        }
        Entry e = v.entries.get(pod);
        if (gone) {
            if (e != null) {
                v.uncount(e);
                v.entries.remove(pod);
                int i = e.ordinal - v.start;
                if (i >= 0 && i < v.replicas.length) {
                    if (v.replicas[i] == pod) {
                        v.replicas[i] = null;
                    }
                } else {
                    v.condemned.remove(pod);
                }
            }
            return;
        }
        if (e != null) {
            v.uncount(e);
            v.count(e, store.now(), order);
            return;
        }
        int ordinal = StatefulPodIdentity.ordinal(v.setName, pod.name());
        if (ordinal < 0) {
            return;
        }
        e = new Entry(pod, ordinal);
        v.entries.put(pod, e);
        int i = ordinal - v.start;
        if (i >= 0 && i < v.replicas.length) {
            if (v.replicas[i] != null) {
                v.irregular = true;
                return;
            }
            v.replicas[i] = pod;
        } else {
            int at = 0;
            while (at < v.condemned.size() && v.ordinal(v.condemned.get(at)) > ordinal) {
                at++;
            }
            if (at < v.condemned.size() && v.ordinal(v.condemned.get(at)) == ordinal) {
                v.irregular = true;
                return;
            }
            v.condemned.add(at, pod);
        }
        v.count(e, store.now(), order);
    }

    /** Counts the Ready pods whose minReadySeconds have passed as available. */
    private void promote(View v) {
        long now = store.now();
        while (!v.waiting.isEmpty() && v.waiting.peek().at() < now) {
            Waiting w = v.waiting.poll();
            Entry e = w.entry();
            if (e.stamp == w.stamp() && e.counted) {
                v.uncount(e);
                v.count(e, now, order);
            }
        }
    }

    /** The view as a walk over the owner index finds it, in the index's order. */
    private View build(StatefulSet set, String updateRevision) {
        View v = new View(set, updateRevision);
        List<Entry> outOfRange = new ArrayList<>();
        List<Entry> all = new ArrayList<>();
        for (Pod p : store.podsByOwner().get(set.metadata().uid())) {
            int ordinal = StatefulPodIdentity.ordinal(set, p);
            if (ordinal < 0) {
                continue;
            }
            Entry e = new Entry(p, ordinal);
            v.entries.put(p, e);
            all.add(e);
            int i = ordinal - v.start;
            if (i >= 0 && i < v.replicas.length) {
                v.irregular |= v.replicas[i] != null;
                v.replicas[i] = p;
            } else {
                outOfRange.add(e);
            }
        }
        outOfRange.sort(HIGHEST_ORDINAL_FIRST);
        for (int k = 0; k < outOfRange.size(); k++) {
            v.irregular |= k > 0 && outOfRange.get(k - 1).ordinal == outOfRange.get(k).ordinal;
            v.condemned.add(outOfRange.get(k).pod);
        }
        long now = store.now();
        for (Entry e : all) {
            v.count(e, now, order);
        }
        return v;
    }

    /** The view holds what a walk over the owner index would find now (checked at each sync under -ea). */
    boolean matchesStore(StatefulSet set, View v) {
        return v.sameAs(build(set, v.updateRevision));
    }
}
