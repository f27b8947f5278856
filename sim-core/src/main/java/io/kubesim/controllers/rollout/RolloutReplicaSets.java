package io.kubesim.controllers.rollout;

import io.kubesim.api.LabelSelector;
import io.kubesim.api.PodTemplate;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.cluster.Rollout;
import io.kubesim.controllers.PodTemplateHash;
import io.kubesim.metrics.EventRecorder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Rollout's ReplicaSets (Argo's getAllReplicaSetsAndSyncRevision): the new one, whose template
 * equals the Rollout's once the {@code rollouts-pod-template-hash} label is dropped, created when
 * missing with the next revision; scaling with Argo's event; and the history limit.
 */
final class RolloutReplicaSets {
    static final String SOURCE = "rollouts-controller";
    /** Oldest first; equal times by name. */
    static final Comparator<ReplicaSet> BY_CREATION = Comparator
            .comparingLong((ReplicaSet r) -> r.metadata().creationTimestamp()).thenComparing(ReplicaSet::name);

    private final ClusterStore store;
    private final EventRecorder events;

    RolloutReplicaSets(ClusterStore store, EventRecorder events) {
        this.store = store;
        this.events = events;
    }

    /** Every ReplicaSet the Rollout owns, oldest first. */
    List<ReplicaSet> owned(Rollout r) {
        List<ReplicaSet> list = new ArrayList<>(store.replicaSetsByOwner().get(r.metadata().uid()));
        list.sort(BY_CREATION);
        return list;
    }

    /** The ReplicaSet running the Rollout's current template, or null. */
    static ReplicaSet current(Rollout r, List<ReplicaSet> owned) {
        PodTemplate want = r.template().withoutLabel(Rollout.LABEL_POD_TEMPLATE_HASH);
        for (ReplicaSet rs : owned) {
            if (rs.template().withoutLabel(Rollout.LABEL_POD_TEMPLATE_HASH).equals(want)) {
                return rs;
            }
        }
        return null;
    }

    /** The ReplicaSet whose hash is {@code hash}, or null. */
    static ReplicaSet withHash(List<ReplicaSet> owned, String hash) {
        if (hash.isEmpty()) {
            return null;
        }
        for (ReplicaSet rs : owned) {
            if (hash.equals(hash(rs))) {
                return rs;
            }
        }
        return null;
    }

    static String hash(ReplicaSet rs) {
        String h = rs.metadata().labels().get(Rollout.LABEL_POD_TEMPLATE_HASH);
        return h == null ? "" : h;
    }

    /** The revision annotation as a number, 0 when absent. */
    static long revision(ReplicaSet rs) {
        String v = rs.metadata().annotation(Rollout.ANNOTATION_REVISION);
        try {
            return v == null ? 0 : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The new ReplicaSet, created (at 0 replicas) when missing, with its revision brought to
     * max(other revisions) + 1, as a Deployment's is.
     */
    ReplicaSet newReplicaSet(Rollout r, List<ReplicaSet> owned) {
        ReplicaSet found = current(r, owned);
        long maxOther = 0;
        for (ReplicaSet rs : owned) {
            if (rs != found) {
                maxOther = Math.max(maxOther, revision(rs));
            }
        }
        if (found != null) {
            if (revision(found) < maxOther + 1) {
                found.metadata().putAnnotation(Rollout.ANNOTATION_REVISION, Long.toString(maxOther + 1));
                store.replicaSets().update(found);
            }
            return found;
        }
        while (true) {
            String hash = PodTemplateHash.of(r.template(), r.collisionCount());
            String name = r.name() + "-" + hash;
            if (store.replicaSets().get(r.metadata().namespace(), name) != null) {
                r.incrementCollisionCount();
                continue;
            }
            ObjectMeta meta = new ObjectMeta(r.metadata().namespace(), name, store.newUid());
            Map<String, String> labels = new TreeMap<>(r.template().labels());
            labels.put(Rollout.LABEL_POD_TEMPLATE_HASH, hash);
            meta.setLabels(labels);
            meta.setOwner(new OwnerReference(Rollout.KIND, r.name(), r.metadata().uid()));
            meta.putAnnotation(Rollout.ANNOTATION_REVISION, Long.toString(maxOther + 1));
            Map<String, String> ml = new TreeMap<>(r.selector().matchLabels());
            ml.put(Rollout.LABEL_POD_TEMPLATE_HASH, hash);
            ReplicaSet rs = new ReplicaSet(meta, new LabelSelector(ml, r.selector().matchExpressions()),
                    r.template().withLabel(Rollout.LABEL_POD_TEMPLATE_HASH, hash), 0, r.spec().minReadySeconds());
            return store.replicaSets().create(rs);
        }
    }

    /**
     * scaleReplicaSetAndRecordEvent: sets the size and records
     * {@code ScalingReplicaSet: Scaled up ReplicaSet web-6b9f (revision 2) from 0 to 1}.
     *
     * @return true when the size changed
     */
    boolean scale(Rollout r, ReplicaSet rs, int to) {
        int from = rs.replicas();
        if (from == to) {
            return false;
        }
        rs.setReplicas(to);
        store.replicaSets().update(rs);
        events.normal(SOURCE, r, "ScalingReplicaSet", "Scaled " + (to > from ? "up" : "down") + " ReplicaSet "
                + rs.name() + " (revision " + revision(rs) + ") from " + from + " to " + to);
        return true;
    }

    /** Deletes the oldest ReplicaSets without pods beyond revisionHistoryLimit (reconcileRevisionHistoryLimit). */
    void cleanup(Rollout r, List<ReplicaSet> old) {
        List<ReplicaSet> empty = new ArrayList<>();
        for (ReplicaSet rs : old) {
            if (rs.replicas() == 0 && rs.statusReplicas() == 0) {
                empty.add(rs);
            }
        }
        int diff = empty.size() - r.spec().revisionHistoryLimit();
        if (diff <= 0) {
            return;
        }
        empty.sort(Comparator.comparingLong(RolloutReplicaSets::revision).thenComparing(BY_CREATION));
        for (int i = 0; i < diff; i++) {
            store.replicaSets().remove(empty.get(i));
        }
    }
}
