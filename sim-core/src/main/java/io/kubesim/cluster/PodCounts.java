package io.kubesim.cluster;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;

/**
 * The stored pods grouped by a key (an owner's uid), counted as the workload controllers and
 * observers count them: active (not terminal, not being deleted), Ready, available, terminating,
 * and active with a given set of labels. Kept from every pod write in line (a store observer), so
 * a read holds the state of its moment, as a walk over the pods would, at a cost per write that
 * does not grow with the group.
 *
 * <p>Availability depends on the time read and on minReadySeconds (k8s-semantics.md 2.4: Ready
 * for longer than minReadySeconds): a Ready pod waits in a queue by the instant it becomes
 * available and is counted by the first read after it. The labels to match and minReadySeconds
 * are given at each read; a change counts the group's pods again. When a pod's key can change
 * without a write to the pod (its owner's owner changed), the owner of this object says so through
 * {@link #recount}.
 */
public final class PodCounts {
    /** One group's counts, as of the last {@link #of} read. */
    public static final class Counts {
        private int active;
        private int ready;
        private int available;
        private int terminating;
        private int labeled;
        /** The minReadySeconds the queue was built for; -1 before the first read. */
        private int minReadySeconds = -1;
        /** The labels {@link #labeled} counts; null before the first read that asks. */
        private Map<String, String> labels;
        private final PriorityQueue<Waiting> waiting = new PriorityQueue<>();
        /** The pods counted here, in the order they joined. */
        private final Set<Tracked> members = new LinkedHashSet<>();

        public int active() {
            return active;
        }

        public int ready() {
            return ready;
        }

        public int available() {
            return available;
        }

        public int terminating() {
            return terminating;
        }

        /** Active pods carrying every label given at the read. */
        public int labeled() {
            return labeled;
        }

        /** The Ready time plus minReadySeconds of the next Ready pod to become available; Long.MAX_VALUE if none waits. */
        public long nextAvailable() {
            while (!waiting.isEmpty() && !waiting.peek().current()) {
                waiting.poll();
            }
            return waiting.isEmpty() ? Long.MAX_VALUE : waiting.peek().at();
        }
    }

    /** A Ready pod that becomes available after {@code at}. */
    private record Waiting(long at, long order, Tracked pod, int stamp) implements Comparable<Waiting> {
        @Override
        public int compareTo(Waiting o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(order, o.order);
        }

        /** The pod is still Ready since the same instant and not yet counted available. */
        boolean current() {
            return pod.stamp == stamp && pod.state == READY && !pod.available;
        }
    }

    private static final byte NONE = 0;
    private static final byte TERMINATING = 1;
    private static final byte ACTIVE = 2;
    private static final byte READY = 3;

    /** How one pod is counted now. */
    private static final class Tracked {
        final Pod pod;
        Counts in;
        byte state = NONE;
        long readySince;
        boolean available;
        boolean labeled;
        /** Bumped whenever the pod leaves its Ready state: older queue entries are stale. */
        int stamp;

        Tracked(Pod pod) {
            this.pod = pod;
        }
    }

    private final ClusterStore store;
    private final Function<Pod, String> keyOf;
    private final Map<Pod, Tracked> pods = new IdentityHashMap<>();
    private final Map<String, Counts> byKey = new HashMap<>();
    private long order;

    /** @param keyOf the group of a stored pod, or null for none */
    public PodCounts(ClusterStore store, Function<Pod, String> keyOf) {
        this.store = store;
        this.keyOf = keyOf;
    }

    /** Counts the pods stored now and follows every pod write from here on. */
    public void start() {
        store.pods().observe((type, pod) -> classify(pod, type != WatchEventType.DELETED));
        recount(store.pods().list());
    }

    /** The pods' groups may have changed without a write to them: counts them again. */
    public void recount(Iterable<Pod> changed) {
        for (Pod p : changed) {
            classify(p, true);
        }
    }

    /**
     * The group's counts at {@code now}, with {@code minReadySeconds} for availability and
     * {@code labels} (null: not asked) for {@link Counts#labeled}.
     */
    public Counts of(String key, int minReadySeconds, Map<String, String> labels, long now) {
        Counts c = byKey.computeIfAbsent(key, k -> new Counts());
        if (c.minReadySeconds != minReadySeconds) {
            requeue(c, minReadySeconds);
        }
        if (labels != null && !labels.equals(c.labels)) {
            c.labels = labels;
            c.labeled = 0;
            for (Tracked t : c.members) {
                t.labeled = t.state >= ACTIVE && carries(t.pod, labels);
                c.labeled += t.labeled ? 1 : 0;
            }
        }
        while (!c.waiting.isEmpty() && c.waiting.peek().at() < now) {
            Waiting w = c.waiting.poll();
            if (w.current()) {
                w.pod().available = true;
                c.available++;
            }
        }
        return c;
    }

    private static boolean carries(Pod p, Map<String, String> labels) {
        Map<String, String> have = p.metadata().labels();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (!e.getValue().equals(have.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** minReadySeconds changed (or the first read): every Ready pod of the group waits again. */
    private void requeue(Counts c, int minReadySeconds) {
        c.minReadySeconds = minReadySeconds;
        c.waiting.clear();
        c.available = 0;
        for (Tracked t : c.members) {
            if (t.state == READY) {
                t.available = false;
                t.stamp++;
                await(c, t);
            }
        }
    }

    private void await(Counts c, Tracked t) {
        if (c.minReadySeconds == 0) {
            t.available = true;
            c.available++;
        } else if (c.minReadySeconds > 0) {
            c.waiting.add(new Waiting(t.readySince + c.minReadySeconds * 1_000_000L, order++, t, t.stamp));
        } // before the first read: queued by requeue then
    }

    /** Counts the pod as it is now ({@code stored} false: not at all). */
    private void classify(Pod pod, boolean stored) {
        Tracked t = pods.get(pod);
        Counts in = null;
        byte state = NONE;
        if (stored && store.pods().contains(pod)) {
            String key = keyOf.apply(pod);
            if (key != null) {
                in = byKey.computeIfAbsent(key, k -> new Counts());
                state = pod.isTerminal() ? NONE : pod.metadata().isDeleting() ? TERMINATING
                        : pod.isReady() ? READY : ACTIVE;
            }
        }
        if (t == null) {
            if (in == null || state == NONE) {
                return;
            }
            t = new Tracked(pod);
            pods.put(pod, t);
        }
        long readySince = state == READY ? pod.readyCondition().lastTransitionTime() : 0;
        boolean labeled = state >= ACTIVE && in.labels != null && carries(pod, in.labels);
        if (t.in == in && t.state == state && t.readySince == readySince && t.labeled == labeled) {
            return;
        }
        leave(t);
        if (in == null || state == NONE) {
            pods.remove(pod);
            return;
        }
        t.in = in;
        in.members.add(t);
        t.state = state;
        t.readySince = readySince;
        t.labeled = labeled;
        in.labeled += labeled ? 1 : 0;
        switch (state) {
            case TERMINATING -> in.terminating++;
            case ACTIVE -> in.active++;
            default -> {
                in.active++;
                in.ready++;
                await(in, t);
            }
        }
    }

    private void leave(Tracked t) {
        Counts c = t.in;
        if (c == null) {
            return;
        }
        switch (t.state) {
            case TERMINATING -> c.terminating--;
            case ACTIVE -> c.active--;
            case READY -> {
                c.active--;
                c.ready--;
                if (t.available) {
                    c.available--;
                }
            }
            default -> {
            }
        }
        if (t.labeled) {
            c.labeled--;
        }
        c.members.remove(t);
        t.available = false;
        t.labeled = false;
        t.stamp++;
        t.in = null;
        t.state = NONE;
    }
}
