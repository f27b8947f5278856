package io.kubesim.scheduler;

import io.kubesim.cluster.Pod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The scheduling queue (k8s-semantics.md 3.2, upstream backend/queue): activeQ ordered by
 * PrioritySort (higher priority, then earlier timestamp), backoffQ ordered by backoff expiry, and
 * the unschedulable pool that cluster events and the 5-minute leftover flush drain.
 *
 * <p>The queue is passive: every method takes the virtual time, and the {@link Scheduler} drives
 * the flushes with engine events. Backoff after n attempts is
 * {@code initial * 2^(n-1)} capped at max: 1, 2, 4, 8, 10, 10 s with the defaults.
 */
public final class SchedulingQueue {
    /** PrioritySort, with kubesim's insertion sequence as the last tie-break. */
    static final Comparator<QueuedPodInfo> PRIORITY_SORT = Comparator
            .comparingInt((QueuedPodInfo q) -> -q.pod().priority())
            .thenComparingLong(QueuedPodInfo::timestamp)
            .thenComparingLong(QueuedPodInfo::sequence);

    private final long initialBackoff;
    private final long maxBackoff;
    private final long maxInUnschedulable;
    private final PriorityQueue<QueuedPodInfo> activeQ = new PriorityQueue<>(PRIORITY_SORT);
    private final PriorityQueue<QueuedPodInfo> backoffQ;
    private final Map<Pod, QueuedPodInfo> unschedulable = new LinkedHashMap<>();
    private final Map<Pod, QueuedPodInfo> all = new IdentityHashMap<>();
    /** Per event kind, how many pods in the unschedulable pool it may help: 0 skips the scan. */
    private final int[] interested = new int[ClusterEventType.values().length];
    private long sequence;

    public SchedulingQueue(long initialBackoff, long maxBackoff, long maxInUnschedulable) {
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.maxInUnschedulable = maxInUnschedulable;
        this.backoffQ = new PriorityQueue<>(Comparator.comparingLong(this::backoffExpiry)
                .thenComparingLong(QueuedPodInfo::sequence));
    }

    /** Adds a new pending pod to activeQ; returns false when it is queued already. */
    public boolean add(Pod pod, long now) {
        if (all.containsKey(pod)) {
            return false;
        }
        QueuedPodInfo q = new QueuedPodInfo(pod, sequence++, now);
        all.put(pod, q);
        q.where = QueuedPodInfo.Where.ACTIVE;
        activeQ.add(q);
        return true;
    }

    public boolean contains(Pod pod) {
        return all.containsKey(pod);
    }

    /** Takes the head of activeQ for a scheduling attempt; null when activeQ is empty. */
    public QueuedPodInfo pop() {
        QueuedPodInfo q = activeQ.poll();
        if (q != null) {
            q.where = QueuedPodInfo.Where.IN_FLIGHT;
            q.incrementAttempts();
        }
        return q;
    }

    /** The pod was placed (or dropped): it leaves the queue. */
    public void done(QueuedPodInfo q) {
        remove(q.pod());
    }

    /**
     * A failed attempt: Unschedulable pods wait in the unschedulable pool; pods that failed with
     * an error go to backoffQ (upstream AddUnschedulableIfNotPresent).
     */
    public void requeueAfterFailure(QueuedPodInfo q, long now, Set<String> rejectingPlugins, boolean error) {
        q.setTimestamp(now);
        q.setUnschedulablePlugins(rejectingPlugins);
        if (error) {
            q.where = QueuedPodInfo.Where.BACKOFF;
            backoffQ.add(q);
        } else {
            q.where = QueuedPodInfo.Where.UNSCHEDULABLE;
            unschedulable.put(q.pod(), q);
            countInterest(q, 1);
        }
    }

    private void countInterest(QueuedPodInfo q, int delta) {
        for (ClusterEventType e : ClusterEventType.values()) {
            if (e.mayHelp(q.unschedulablePlugins())) {
                interested[e.ordinal()] += delta;
            }
        }
    }

    private void removeFromUnschedulable(QueuedPodInfo q) {
        unschedulable.remove(q.pod());
        countInterest(q, -1);
    }

    /** Removes the pod wherever it is. */
    public void remove(Pod pod) {
        QueuedPodInfo q = all.remove(pod);
        if (q == null) {
            return;
        }
        switch (q.where) {
            case ACTIVE -> activeQ.remove(q);
            case BACKOFF -> backoffQ.remove(q);
            case UNSCHEDULABLE -> removeFromUnschedulable(q);
            case IN_FLIGHT -> {
            }
        }
    }

    /**
     * The pod object was updated. When its spec or labels changed, a pod in the unschedulable
     * pool is retried (upstream Update with isPodUpdated); a pod in activeQ is re-sorted.
     * Status-only writes (conditions, nomination) change nothing.
     */
    public void update(Pod pod, long now) {
        QueuedPodInfo q = all.get(pod);
        if (q == null || !q.refresh()) {
            return;
        }
        if (q.where == QueuedPodInfo.Where.UNSCHEDULABLE) {
            removeFromUnschedulable(q);
            moveToActiveOrBackoff(q, now);
        } else if (q.where == QueuedPodInfo.Where.ACTIVE) {
            activeQ.remove(q);
            activeQ.add(q);
        }
    }

    /** Moves pods in the unschedulable pool that the event may help; returns how many moved. */
    public int moveAllToActiveOrBackoff(ClusterEventType event, long now) {
        if (interested[event.ordinal()] == 0) {
            return 0;
        }
        List<QueuedPodInfo> moving = new ArrayList<>();
        for (QueuedPodInfo q : unschedulable.values()) {
            if (event.mayHelp(q.unschedulablePlugins())) {
                moving.add(q);
            }
        }
        for (QueuedPodInfo q : moving) {
            removeFromUnschedulable(q);
            moveToActiveOrBackoff(q, now);
        }
        return moving.size();
    }

    private void moveToActiveOrBackoff(QueuedPodInfo q, long now) {
        if (backoffExpiry(q) > now) {
            q.where = QueuedPodInfo.Where.BACKOFF;
            backoffQ.add(q);
        } else {
            q.where = QueuedPodInfo.Where.ACTIVE;
            activeQ.add(q);
        }
    }

    /** upstream flushBackoffQCompleted: pods whose backoff expired move to activeQ. */
    public int flushBackoffCompleted(long now) {
        int n = 0;
        while (!backoffQ.isEmpty() && backoffExpiry(backoffQ.peek()) <= now) {
            QueuedPodInfo q = backoffQ.poll();
            q.where = QueuedPodInfo.Where.ACTIVE;
            activeQ.add(q);
            n++;
        }
        return n;
    }

    /** upstream flushUnschedulablePodsLeftover: pods waiting longer than 5 minutes are retried. */
    public int flushUnschedulableLeftover(long now) {
        List<QueuedPodInfo> moving = new ArrayList<>();
        for (QueuedPodInfo q : unschedulable.values()) {
            if (now - q.timestamp() > maxInUnschedulable) {
                moving.add(q);
            }
        }
        for (QueuedPodInfo q : moving) {
            removeFromUnschedulable(q);
            moveToActiveOrBackoff(q, now);
        }
        return moving.size();
    }

    /** upstream calculateBackoffDuration: {@code initial * 2^(attempts-1)}, capped at max. */
    public long backoffDuration(int attempts) {
        long d = initialBackoff;
        for (int i = 1; i < attempts; i++) {
            d *= 2;
            if (d > maxBackoff) {
                return maxBackoff;
            }
        }
        return Math.min(d, maxBackoff);
    }

    /** When the pod's backoff ends: its last failure time plus the backoff for its attempts. */
    public long backoffExpiry(QueuedPodInfo q) {
        return q.timestamp() + backoffDuration(q.attempts());
    }

    /** The earliest backoff expiry, or -1 when backoffQ is empty. */
    public long nextBackoffExpiry() {
        QueuedPodInfo q = backoffQ.peek();
        return q == null ? -1 : backoffExpiry(q);
    }

    public int activeSize() {
        return activeQ.size();
    }

    public int backoffSize() {
        return backoffQ.size();
    }

    public int unschedulableSize() {
        return unschedulable.size();
    }

    /** Pods waiting in any part of the queue, in flight excluded. */
    public int pendingSize() {
        return activeQ.size() + backoffQ.size() + unschedulable.size();
    }
}
