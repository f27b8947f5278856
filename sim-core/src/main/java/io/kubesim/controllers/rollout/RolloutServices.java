package io.kubesim.controllers.rollout;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.cluster.Rollout;
import io.kubesim.cluster.Service;
import io.kubesim.metrics.EventRecorder;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Services a Rollout steers (k8s-semantics.md 20.3, 20.4): Argo adds
 * {@code rollouts-pod-template-hash: <hash>} to a Service's selector so that it selects one
 * ReplicaSet's pods (stable, canary, active, preview). An update of the Service reaches the
 * endpoint controller as any selector change does. Each switch is a {@code SwitchService} event on
 * the Rollout, worded as upstream's {@code switchServiceSelector} records it.
 */
final class RolloutServices {
    private final ClusterStore store;
    private final EventRecorder events;

    RolloutServices(ClusterStore store, EventRecorder events) {
        this.store = store;
        this.events = events;
    }

    /** The Service of that name in the Rollout's namespace, or null (also for a null name). */
    Service get(Rollout r, String name) {
        return name == null || name.isEmpty() ? null : store.services().get(r.metadata().namespace(), name);
    }

    /** The hash the Service selects, "" when its selector has none. */
    static String selectedHash(Service s) {
        String h = s.selector().get(Rollout.LABEL_POD_TEMPLATE_HASH);
        return h == null ? "" : h;
    }

    /** switchServiceSelector: points the Service at {@code hash}; true when the selector changed. */
    boolean select(Rollout r, Service s, String hash) {
        String old = s == null ? "" : selectedHash(s);
        if (s == null || hash.isEmpty() || hash.equals(old)) {
            return false;
        }
        Map<String, String> sel = new TreeMap<>(s.selector());
        sel.put(Rollout.LABEL_POD_TEMPLATE_HASH, hash);
        s.setSelector(sel);
        store.services().update(s);
        events.normal(RolloutReplicaSets.SOURCE, r, "SwitchService", "Switched selector for service '" + s.name()
                + "' from '" + old + "' to '" + hash + "'");
        return true;
    }

    /**
     * ensureSVCTargets with the availability check: switches only to a ReplicaSet with at least
     * one available pod, so that the Service never points at nothing.
     */
    boolean selectWhenAvailable(Rollout r, Service s, ReplicaSet rs) {
        if (s == null || rs == null || rs.availableReplicas() == 0) {
            return false;
        }
        return select(r, s, RolloutReplicaSets.hash(rs));
    }
}
