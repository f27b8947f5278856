package io.kubesim.controllers;

import io.kubesim.api.LabelSelector;
import io.kubesim.api.PodTemplate;
import io.kubesim.api.Requirement;
import io.kubesim.cluster.AdmissionException;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.ConditionStatus;
import io.kubesim.cluster.Deployment;
import io.kubesim.cluster.ObjectCountQuota;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.metrics.EventRecorder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Deployment's ReplicaSets split into the new one (whose template matches the Deployment's,
 * ignoring the pod-template-hash label) and the old ones, with revisions kept in sync
 * (sync.go getAllReplicaSetsAndSyncRevision, getNewReplicaSet).
 */
final class DeploymentReplicaSets {
    /** Oldest first; equal times by name (ReplicaSetsByCreationTimestamp). */
    static final Comparator<ReplicaSet> BY_CREATION = Comparator
            .comparingLong((ReplicaSet r) -> r.metadata().creationTimestamp())
            .thenComparing(ReplicaSet::name);

    private final ClusterStore store;
    private final EventRecorder events;
    private final ReplicaSetScaler scaler;
    private final ObjectCountQuota countQuota;
    private final RolloutDecisions decisions;

    DeploymentReplicaSets(ClusterStore store, EventRecorder events, ReplicaSetScaler scaler,
                          RolloutDecisions decisions) {
        this.countQuota = new ObjectCountQuota(store);
        this.store = store;
        this.events = events;
        this.scaler = scaler;
        this.decisions = decisions;
    }

    /** The new ReplicaSet (null if none yet) and the old ones, oldest first. */
    record Split(ReplicaSet newRs, List<ReplicaSet> old) {
        List<ReplicaSet> all() {
            List<ReplicaSet> a = new ArrayList<>(old);
            if (newRs != null) {
                a.add(newRs);
            }
            return a;
        }

        /** Old ReplicaSets with replicas > 0 (FilterActiveReplicaSets). */
        List<ReplicaSet> activeOld() {
            List<ReplicaSet> a = new ArrayList<>();
            for (ReplicaSet r : old) {
                if (r.replicas() > 0) {
                    a.add(r);
                }
            }
            return a;
        }
    }

    /** The ReplicaSets this Deployment owns, oldest first. */
    List<ReplicaSet> owned(Deployment d) {
        List<ReplicaSet> list = new ArrayList<>(store.replicaSetsByOwner().get(d.metadata().uid()));
        list.sort(BY_CREATION);
        return list;
    }

    /**
     * getAllReplicaSetsAndSyncRevision: finds the new ReplicaSet, creating it when asked, and
     * brings its revision to max(old revisions) + 1.
     */
    Split splitAndSyncRevision(Deployment d, boolean createIfMissing) {
        List<ReplicaSet> owned = owned(d);
        ReplicaSet newRs = null;
        List<ReplicaSet> old = new ArrayList<>();
        for (ReplicaSet rs : owned) {
            if (newRs == null && equalIgnoreHash(rs.template(), d.template())) {
                newRs = rs;
            } else {
                old.add(rs);
            }
        }
        long maxOld = 0;
        for (ReplicaSet rs : old) {
            maxOld = Math.max(maxOld, rs.revision());
        }
        String revision = Long.toString(maxOld + 1);
        if (newRs != null) {
            boolean changed = false;
            if (newRs.revision() < maxOld + 1) {
                newRs.metadata().putAnnotation(ReplicaSet.ANNOTATION_REVISION, revision);
                changed = true;
            }
            if (changed) {
                store.replicaSets().update(newRs);
            }
            if (d.progressingCondition() == null && d.progressDeadlineSeconds() != null) {
                d.setProgressing(ConditionStatus.TRUE, "FoundNewReplicaSet",
                        "Found new replica set \"" + newRs.name() + "\"", store.now());
            }
            return new Split(newRs, old);
        }
        if (!createIfMissing) {
            return new Split(null, old);
        }
        return new Split(create(d, old, revision), old);
    }

    private ReplicaSet create(Deployment d, List<ReplicaSet> old, String revision) {
        while (true) {
            String hash = podTemplateHash(d.template(), d.collisionCount());
            String name = d.name() + "-" + hash;
            ReplicaSet existing = store.replicaSets().get(d.metadata().namespace(), name);
            if (existing != null) {
                // A hash collision with a ReplicaSet of another template: bump collisionCount and retry.
                d.incrementCollisionCount();
                continue;
            }
            PodTemplate template = d.template().withLabel(ReplicaSet.LABEL_POD_TEMPLATE_HASH, hash);
            LabelSelector selector = withHashRequirement(d.selector(), hash);
            ObjectMeta meta = new ObjectMeta(d.metadata().namespace(), name, store.newUid());
            Map<String, String> labels = new TreeMap<>(d.template().labels());
            labels.put(ReplicaSet.LABEL_POD_TEMPLATE_HASH, hash);
            meta.setLabels(labels);
            meta.setOwner(new OwnerReference(Deployment.KIND, d.name(), d.metadata().uid()));
            meta.putAnnotation(ReplicaSet.ANNOTATION_REVISION, revision);
            int replicas = Fenceposts.newReplicaSetReplicas(d, old, null);
            ReplicaSet rs = new ReplicaSet(meta, selector, template, replicas, d.minReadySeconds());
            ReplicaSetScaler.setReplicasAnnotations(rs, d.replicas(), d.replicas() + Fenceposts.maxSurge(d));
            try {
                countQuota.admit(d.metadata().namespace(), "replicasets.apps", name);
            } catch (AdmissionException e) {
                throw new ReplicaSetCreateError(name, e.getMessage());
            }
            store.replicaSets().create(rs);
            if (replicas > 0) {
                events.normal(ReplicaSetScaler.SOURCE, d, "ScalingReplicaSet",
                        "Scaled up replica set " + name + " from 0 to " + replicas);
                recordCreated(d, old, rs, replicas);
            }
            if (d.progressDeadlineSeconds() != null) {
                d.setProgressing(ConditionStatus.TRUE, "NewReplicaSetCreated",
                        "Created new replica set \"" + name + "\"", store.now());
            }
            return rs;
        }
    }

    /** The new ReplicaSet's first size as a rollout step (NewRSNewReplicas, k8s-semantics.md 2.3 and 2.6). */
    private void recordCreated(Deployment d, List<ReplicaSet> old, ReplicaSet rs, int replicas) {
        if (!decisions.enabled()) {
            return;
        }
        Map<String, Object> state = RolloutDecisions.state(d, old, null);
        state.put("newReplicaSet", rs.name());
        state.put("newReplicas", 0);
        state.put("newAvailable", 0);
        if (d.strategy().recreate()) {
            decisions.step(d, rs, rs, 0, replicas, "recreate",
                    "Recreate starts the new pods all at once: every old pod is gone", state);
        } else {
            decisions.step(d, rs, rs, 0, replicas, "maxSurge",
                    RollingUpdate.surgeAllows(d, Fenceposts.specSum(old), 0, replicas), state);
        }
    }

    private static LabelSelector withHashRequirement(LabelSelector s, String hash) {
        Map<String, String> ml = new TreeMap<>(s.matchLabels());
        ml.put(ReplicaSet.LABEL_POD_TEMPLATE_HASH, hash);
        List<Requirement> exprs = s.matchExpressions();
        return new LabelSelector(ml, exprs);
    }

    /** EqualIgnoreHash: templates are equal once the pod-template-hash label is dropped from both. */
    static boolean equalIgnoreHash(PodTemplate a, PodTemplate b) {
        return withoutHash(a).equals(withoutHash(b));
    }

    private static PodTemplate withoutHash(PodTemplate t) {
        if (!t.labels().containsKey(ReplicaSet.LABEL_POD_TEMPLATE_HASH)) {
            return t;
        }
        Map<String, String> l = new TreeMap<>(t.labels());
        l.remove(ReplicaSet.LABEL_POD_TEMPLATE_HASH);
        return new PodTemplate(l, t.annotations(), t.spec());
    }

    /** The pod-template-hash of a template and collision count ({@link PodTemplateHash}). */
    static String podTemplateHash(PodTemplate t, int collisionCount) {
        return PodTemplateHash.of(t, collisionCount);
    }

    /**
     * cleanupDeployment: deletes the oldest old ReplicaSets beyond revisionHistoryLimit, only
     * those with no replicas in spec or status.
     */
    void cleanup(Deployment d, List<ReplicaSet> old) {
        Integer limit = d.revisionHistoryLimit();
        if (limit == null) {
            return;
        }
        List<ReplicaSet> cleanable = new ArrayList<>(old);
        int diff = cleanable.size() - limit;
        if (diff <= 0) {
            return;
        }
        cleanable.sort(Comparator.comparingLong(ReplicaSet::revision).thenComparing(BY_CREATION));
        for (int i = 0; i < diff; i++) {
            ReplicaSet rs = cleanable.get(i);
            if (rs.statusReplicas() != 0 || rs.replicas() != 0
                    || rs.metadata().generation() > rs.observedGeneration()) {
                continue;
            }
            store.replicaSets().remove(rs);
        }
    }

    ReplicaSetScaler scaler() {
        return scaler;
    }

    /** The API server refused the new ReplicaSet (a count/replicasets.apps quota); getNewReplicaSet's error. */
    static final class ReplicaSetCreateError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String replicaSetName;

        ReplicaSetCreateError(String replicaSetName, String message) {
            super(message);
            this.replicaSetName = replicaSetName;
        }
    }
}
