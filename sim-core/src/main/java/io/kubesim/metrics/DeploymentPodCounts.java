package io.kubesim.metrics;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Deployment;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.cluster.WatchEventType;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Each Deployment's pods counted as {@link DeploymentObserver} reports them (active, Ready,
 * available, terminating), kept from every pod and ReplicaSet write instead of walking the
 * Deployment's pods at each change: the cost of a write no longer grows with the replica count.
 *
 * <p>The counts follow the writes in line (store observers), so they hold the state of the moment
 * they are read, as a walk over the pods would. A pod counts for the Deployment that owns its
 * owner ReplicaSet (by uid, while that ReplicaSet is stored). Availability depends on the time
 * read and on the Deployment's minReadySeconds (k8s-semantics.md 2.4): a Ready pod waits in a queue
 * by the instant it becomes available, and is counted when a read comes after that instant.
 */
final class DeploymentPodCounts {
    /** Counts of one Deployment's pods. */
    static final class Counts {
        int pods;
        int ready;
        int available;
        int terminating;
        /** The minReadySeconds the queue was built for; -1 before the first read. */
        private int minReadySeconds = -1;
        private final PriorityQueue<Waiting> waiting = new PriorityQueue<>();
        /** The pods counted here, in the order they joined. */
        private final Set<Tracked> members = new LinkedHashSet<>();
    }

    /** A Ready pod that becomes available after {@code at} (its Ready time plus minReadySeconds). */
    private record Waiting(long at, long order, Tracked pod, int stamp) implements Comparable<Waiting> {
        @Override
        public int compareTo(Waiting o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(order, o.order);
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
        /** Bumped whenever the pod leaves its Ready state: older queue entries are stale. */
        int stamp;

        Tracked(Pod pod) {
            this.pod = pod;
        }
    }

    private final ClusterStore store;
    private final Map<Pod, Tracked> pods = new IdentityHashMap<>();
    /** Per stored ReplicaSet with an owner: the owner's uid. */
    private final Map<String, String> ownerOfReplicaSet = new HashMap<>();
    private final Map<String, Counts> byDeployment = new HashMap<>();
    private long order;

    DeploymentPodCounts(ClusterStore store) {
        this.store = store;
    }

    void start() {
        store.replicaSets().observe(this::replicaSetWritten);
        store.pods().observe((type, pod) -> classify(pod, type != WatchEventType.DELETED));
        for (ReplicaSet rs : store.replicaSets().list()) {
            replicaSetWritten(WatchEventType.ADDED, rs);
        }
        for (Pod p : store.pods().list()) {
            classify(p, true);
        }
    }

    /** The Deployment's counts at {@code now}; its minReadySeconds as the Deployment says now. */
    Counts of(Deployment d, long now) {
        Counts c = counts(d.metadata().uid());
        if (c.minReadySeconds != d.minReadySeconds()) {
            requeue(c, d.minReadySeconds());
        }
        while (!c.waiting.isEmpty() && c.waiting.peek().at() < now) {
            Waiting w = c.waiting.poll();
            Tracked t = w.pod();
            if (t.stamp == w.stamp() && t.in == c && t.state == READY && !t.available) {
                t.available = true;
                c.available++;
            }
        }
        return c;
    }

    private Counts counts(String deploymentUid) {
        return byDeployment.computeIfAbsent(deploymentUid, k -> new Counts());
    }

    /** minReadySeconds changed (or the first read): every Ready pod of the Deployment waits again. */
    private void requeue(Counts c, int minReadySeconds) {
        c.minReadySeconds = minReadySeconds;
        c.waiting.clear();
        c.available = 0;
        for (Tracked t : c.members) {
            if (t.state == READY) {
                t.available = false;
                t.stamp++;
                wait(c, t);
            }
        }
    }

    private void wait(Counts c, Tracked t) {
        if (c.minReadySeconds == 0) {
            t.available = true;
            c.available++;
        } else if (c.minReadySeconds > 0) {
            c.waiting.add(new Waiting(t.readySince + c.minReadySeconds * 1_000_000L, order++, t, t.stamp));
        } // before the first read: queued by requeue then
    }

    private void replicaSetWritten(WatchEventType type, ReplicaSet rs) {
        String uid = rs.metadata().uid();
        OwnerReference owner = rs.metadata().owner();
        String now = type != WatchEventType.DELETED && store.replicaSets().contains(rs) && owner != null ? owner.uid() : null;
        String before = now == null ? ownerOfReplicaSet.remove(uid) : ownerOfReplicaSet.put(uid, now);
        if (!Objects.equals(before, now)) {
            for (Pod p : store.podsByOwner().get(uid)) {
                classify(p, true);
            }
        }
    }

    /** Counts the pod as it is now ({@code stored} false: not at all). */
    private void classify(Pod pod, boolean stored) {
        Tracked t = pods.get(pod);
        Counts in = null;
        byte state = NONE;
        if (stored && store.pods().contains(pod)) {
            OwnerReference owner = pod.metadata().owner();
            String deployment = owner == null ? null : ownerOfReplicaSet.get(owner.uid());
            if (deployment != null) {
                in = counts(deployment);
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
        if (t.in == in && t.state == state && t.readySince == readySince) {
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
        switch (state) {
            case TERMINATING -> in.terminating++;
            case ACTIVE -> in.pods++;
            default -> {
                in.pods++;
                in.ready++;
                wait(in, t);
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
            case ACTIVE -> c.pods--;
            case READY -> {
                c.pods--;
                c.ready--;
                if (t.available) {
                    c.available--;
                }
            }
            default -> {
            }
        }
        c.members.remove(t);
        t.available = false;
        t.stamp++;
        t.in = null;
        t.state = NONE;
    }
}
