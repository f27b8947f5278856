package io.kubesim.controllers.rollout;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.cluster.Rollout;

/**
 * The {@code scale-down-deadline} annotation Argo puts on a ReplicaSet that is to be scaled down
 * later (the old stable after a promotion, an aborted canary or preview): scaleDownDelaySeconds
 * (20.1) gives routers and clients time to move off it. Held as virtual microseconds.
 */
final class ScaleDownDeadline {
    private ScaleDownDeadline() {
    }

    /** The deadline in virtual microseconds, or -1 when the ReplicaSet has none. */
    static long of(ReplicaSet rs) {
        String v = rs.metadata().annotation(Rollout.ANNOTATION_SCALE_DOWN_DEADLINE);
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static void set(ClusterStore store, ReplicaSet rs, long at) {
        rs.metadata().putAnnotation(Rollout.ANNOTATION_SCALE_DOWN_DEADLINE, Long.toString(at));
        store.replicaSets().update(rs);
    }

    static void clear(ClusterStore store, ReplicaSet rs) {
        if (rs.metadata().annotation(Rollout.ANNOTATION_SCALE_DOWN_DEADLINE) != null) {
            rs.metadata().removeAnnotation(Rollout.ANNOTATION_SCALE_DOWN_DEADLINE);
            store.replicaSets().update(rs);
        }
    }
}
