package io.kubesim.kubelet;

import io.kubesim.cluster.Pod;

/** The load requests put on pods, as the traffic model reports it to the kubelets. */
@FunctionalInterface
public interface RequestLoad {
    /** No traffic. */
    RequestLoad NONE = visitor -> { };

    /** Brings the traffic up to now and visits every pod whose application serves. */
    void visit(Visitor visitor);

    /**
     * As {@link #visit}, but free to leave out a pod it reported before whose cumulative figures are
     * unchanged since, that holds no request and whose target is the same (its load over the window
     * is nil, which is what housekeeping assumes of a pod not reported); in no particular order.
     */
    default void visitChanges(Visitor visitor) {
        visit(visitor);
    }

    /** Receives one pod's load. */
    @FunctionalInterface
    interface Visitor {
        /**
         * @param target         where the pod's load lands, as the kubelet gave it when the pod started
         *                       listening; null when the traffic model has none
         * @param cpuMicrosTotal CPU time the pod's requests used since it first served (µs of one core)
         * @param offeredTotal   requests routed to the pod since it first served, served or not
         * @param heldMemory     bytes the requests it holds now take
         */
        void visit(Pod pod, PodLoadTarget target, double cpuMicrosTotal, double offeredTotal, double heldMemory);
    }
}
