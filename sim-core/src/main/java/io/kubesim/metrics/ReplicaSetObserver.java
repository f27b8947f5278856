package io.kubesim.metrics;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.ObjectStore;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodCounts;
import io.kubesim.cluster.ReplicaSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Keeps what summary.json's {@code workloads} reports about standalone ReplicaSets (those no
 * Deployment owns; a Deployment's are reported through it) and ReplicationControllers: pods,
 * ready and available counts from the pods themselves (k8s-semantics.md 2.4), and the fewest
 * available seen after the first full availability.
 *
 * <p>It observes the stores in line ({@link ObjectStore#observe}), adding no engine events, so a
 * run's event order is the same with or without it.
 */
public final class ReplicaSetObserver implements WorkloadObserver {
    /** What is known about one ReplicaSet or ReplicationController. */
    private static final class Stats {
        final ReplicaSet object;
        final String displayName;
        int ready;
        int available;
        int minAvailable = Integer.MAX_VALUE;
        boolean fullyAvailable;
        final BelowDesiredClock belowDesired = new BelowDesiredClock();

        Stats(ReplicaSet object, String displayName) {
            this.object = object;
            this.displayName = displayName;
        }
    }

    private final ClusterStore store;
    /** The pods counted by owner uid from the writes (the store's). */
    private PodCounts counts;
    /** Tests: each observation also walks the pods and checks the kept counts equal that. */
    private boolean verifyCounts;
    private final Function<ReplicaSet, String> naming;
    private final Map<String, Stats> byUid = new LinkedHashMap<>();

    /** @param naming how an object is named in outputs ({@code name} or {@code ns/name}) */
    public ReplicaSetObserver(ClusterStore store, Function<ReplicaSet, String> naming) {
        this.store = store;
        this.naming = naming;
    }

    /**
     * Tests: each observation also walks the object's pods and fails (IllegalStateException) unless
     * the counts kept from the writes equal those.
     */
    public void verifyCounts(boolean on) {
        this.verifyCounts = on;
    }

    public void start() {
        counts = store.podCountsByOwner(); // first: its pod observer counts a write before this one reads it
        store.replicaSets().observe((type, rs) -> observe(store.replicaSets(), rs));
        store.replicationControllers().observe((type, rc) -> observe(store.replicationControllers(), rc));
        store.pods().observe((type, p) -> {
            OwnerReference o = p.metadata().owner();
            if (o == null) {
                return;
            }
            if (o.kind().equals(ReplicaSet.KIND)) {
                observe(store.replicaSets(), store.replicaSets().get(p.namespace(), o.name()));
            } else if (o.kind().equals(ReplicaSet.KIND_REPLICATION_CONTROLLER)) {
                observe(store.replicationControllers(), store.replicationControllers().get(p.namespace(), o.name()));
            }
        });
    }

    private void observe(ObjectStore<ReplicaSet> objects, ReplicaSet rs) {
        if (rs == null || rs.metadata().owner() != null || !objects.contains(rs)) {
            return;
        }
        Stats s = byUid.computeIfAbsent(rs.metadata().uid(), k -> new Stats(rs, naming.apply(rs)));
        long now = store.now();
        PodCounts.Counts c = counts.of(rs.metadata().uid(), rs.minReadySeconds(), null, now);
        int ready = c.ready();
        int available = c.available();
        if (verifyCounts) {
            verify(rs, now, ready, available);
        }
        s.ready = ready;
        s.available = available;
        if (!s.fullyAvailable && available >= rs.replicas()) {
            s.fullyAvailable = true;
        }
        if (s.fullyAvailable) {
            s.minAvailable = Math.min(s.minAvailable, available);
        }
        s.belowDesired.update(now, available, rs.replicas());
    }

    /** The counts walked pod by pod, as they were before counts were kept. */
    private void verify(ReplicaSet rs, long now, int keptReady, int keptAvailable) {
        int ready = 0;
        int available = 0;
        for (Pod p : store.podsByOwner().get(rs.metadata().uid())) {
            if (!p.isActive() || !p.isReady()) {
                continue;
            }
            ready++;
            if (p.isAvailable(rs.minReadySeconds(), now)) {
                available++;
            }
        }
        if (ready != keptReady || available != keptAvailable) {
            throw new IllegalStateException("kept counts of " + rs.metadata().key() + " at " + now + ": ready "
                    + keptReady + " available " + keptAvailable + "; pod by pod: " + ready + " " + available);
        }
    }

    /** Every standalone ReplicaSet and ReplicationController seen and still stored, in creation order. */
    @Override
    public List<WorkloadStatus> workloads(long now) {
        List<WorkloadStatus> out = new ArrayList<>();
        for (Stats s : byUid.values()) {
            ObjectStore<ReplicaSet> objects = s.object.kind().equals(ReplicaSet.KIND)
                    ? store.replicaSets() : store.replicationControllers();
            if (!objects.contains(s.object)) {
                continue;
            }
            out.add(new WorkloadStatus(s.object.kind(), s.displayName, s.object.replicas(), s.ready, s.available,
                    s.minAvailable == Integer.MAX_VALUE ? -1 : s.minAvailable, List.of(), Map.of(),
                    s.belowDesired.micros(now)));
        }
        return out;
    }
}
