package io.kubesim.controllers;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Deployment;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.metrics.EventRecorder;

/**
 * Changes a ReplicaSet's size on behalf of its Deployment and says so (sync.go scaleReplicaSet):
 * rewrites the desired-replicas and max-replicas annotations, and records
 * {@code ScalingReplicaSet: Scaled up replica set web-7d9c4 from 2 to 3}.
 */
final class ReplicaSetScaler {
    static final String SOURCE = "deployment-controller";

    private final ClusterStore store;
    private final EventRecorder events;

    ReplicaSetScaler(ClusterStore store, EventRecorder events) {
        this.store = store;
        this.events = events;
    }

    /** scaleReplicaSetAndRecordEvent: returns true when the size changed. */
    boolean scale(ReplicaSet rs, int newScale, Deployment d) {
        if (rs.replicas() == newScale) {
            return false;
        }
        return scale(rs, newScale, d, rs.replicas() < newScale ? "up" : "down");
    }

    /** scaleReplicaSet: updates size and annotations when either is stale. */
    boolean scale(ReplicaSet rs, int newScale, Deployment d, String operation) {
        int old = rs.replicas();
        boolean sizeChanges = old != newScale;
        boolean annotationsChange = setReplicasAnnotations(rs, d.replicas(), d.replicas() + Fenceposts.maxSurge(d));
        if (sizeChanges || annotationsChange) {
            rs.setReplicas(newScale);
            store.replicaSets().update(rs);
            if (sizeChanges) {
                events.normal(SOURCE, d, "ScalingReplicaSet",
                        "Scaled " + operation + " replica set " + rs.name() + " from " + old + " to " + newScale);
            }
        }
        return sizeChanges;
    }

    /** SetReplicasAnnotations: returns true when either annotation changed. */
    static boolean setReplicasAnnotations(ReplicaSet rs, int desired, int max) {
        boolean changed = false;
        String d = Integer.toString(desired);
        String m = Integer.toString(max);
        if (!d.equals(rs.metadata().annotation(ReplicaSet.ANNOTATION_DESIRED_REPLICAS))) {
            rs.metadata().putAnnotation(ReplicaSet.ANNOTATION_DESIRED_REPLICAS, d);
            changed = true;
        }
        if (!m.equals(rs.metadata().annotation(ReplicaSet.ANNOTATION_MAX_REPLICAS))) {
            rs.metadata().putAnnotation(ReplicaSet.ANNOTATION_MAX_REPLICAS, m);
            changed = true;
        }
        return changed;
    }

    /** An integer annotation, or null when absent or malformed. */
    static Integer intAnnotation(ReplicaSet rs, String key) {
        String v = rs.metadata().annotation(key);
        if (v == null) {
            return null;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
