package io.kubesim.metrics;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Deployment;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.PodCounts;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.cluster.WatchEventType;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Each Deployment's pods counted as {@link DeploymentObserver} reports them, kept from the writes
 * ({@link PodCounts}) instead of walking the Deployment's pods at each change. A pod counts for the
 * owner of its owner ReplicaSet, by uid, while that ReplicaSet is stored: a ReplicaSet adopted,
 * orphaned or removed counts its pods again.
 */
final class DeploymentPodCounts {
    private final ClusterStore store;
    /** Per stored ReplicaSet with an owner: the owner's uid. */
    private final Map<String, String> ownerOfReplicaSet = new HashMap<>();
    private final PodCounts counts;

    DeploymentPodCounts(ClusterStore store) {
        this.store = store;
        this.counts = new PodCounts(store, p -> {
            OwnerReference owner = p.metadata().owner();
            return owner == null ? null : ownerOfReplicaSet.get(owner.uid());
        });
    }

    void start() {
        store.replicaSets().observe(this::replicaSetWritten);
        for (ReplicaSet rs : store.replicaSets().list()) {
            replicaSetWritten(WatchEventType.ADDED, rs);
        }
        counts.start();
    }

    /** The Deployment's counts at {@code now}, with its minReadySeconds as it is now. */
    PodCounts.Counts of(Deployment d, long now) {
        return counts.of(d.metadata().uid(), d.minReadySeconds(), null, now);
    }

    private void replicaSetWritten(WatchEventType type, ReplicaSet rs) {
        String uid = rs.metadata().uid();
        OwnerReference owner = rs.metadata().owner();
        String now = type != WatchEventType.DELETED && store.replicaSets().contains(rs) && owner != null ? owner.uid() : null;
        String before = now == null ? ownerOfReplicaSet.remove(uid) : ownerOfReplicaSet.put(uid, now);
        if (!Objects.equals(before, now)) {
            counts.recount(store.podsByOwner().get(uid));
        }
    }
}
