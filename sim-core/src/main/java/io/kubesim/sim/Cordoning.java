package io.kubesim.sim;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Node;
import io.kubesim.metrics.EventRecorder;

/** Sets a node's {@code spec.unschedulable} ({@code kubectl cordon} / {@code uncordon}) with the node's status event. */
final class Cordoning {
    private Cordoning() {
    }

    /** Marks the node unschedulable; no change and no event when it already is. */
    static void cordon(ClusterStore store, EventRecorder events, Node n) {
        set(store, events, n, true);
    }

    static void set(ClusterStore store, EventRecorder events, Node n, boolean cordon) {
        if (n.unschedulable() != cordon) {
            n.setUnschedulable(cordon);
            store.nodes().update(n);
            String status = cordon ? "NodeNotSchedulable" : "NodeSchedulable";
            events.normal("kubelet", n, status, "Node " + n.name() + " status is now: " + status);
        }
    }
}
