package io.kubesim.traffic;

import io.kubesim.kubelet.AppLifecycleListener;
import io.kubesim.metrics.Gauge;

/**
 * Replays requests through the cluster as it changes: arrivals at entry points, the balancers'
 * views of the endpoints, each pod's application, calls between Services. Two implementations:
 * {@link ExactTraffic} simulates every request; {@link FluidTraffic} moves request rates per small
 * time step, for rates where a request per event would be too many. Both report into a
 * {@link TrafficLedger}.
 */
public interface TrafficModel extends AppLifecycleListener {
    /** Registers the watches the model needs; call once before the run. */
    void start();

    /** Starts the arrivals of an entry point. */
    void addEntryPoint(EntryPoint entry);

    /** What the traffic saw so far; call {@link #settle()} first to include everything up to now. */
    TrafficLedger ledger();

    /** Brings the model up to the current virtual time (the fluid model integrates lazily). */
    void settle();

    /** Per sample interval: served-latency percentiles per Service. */
    Gauge latencyGauge();

    /** How this model simulates requests. */
    TrafficMode mode();

    /**
     * Visits every pod whose application serves, with the load its requests put on it: the CPU
     * time they used and the requests offered to it, both since it first served, and the requests
     * it holds now. Settle first.
     */
    void visitLoad(PodLoadVisitor visitor);

    /**
     * As {@link #visitLoad}, but a model may leave out a pod it visited before whose figures have
     * not changed since and that holds no request (its load since that visit is nil), and a pod
     * whose load target did not change: what the kubelets' housekeeping needs, since a pod left
     * out there is a pod whose request load is zero. In no particular order. Settle first.
     */
    default void visitLoadChanges(PodLoadVisitor visitor) {
        visitLoad(visitor);
    }

    /** Receives one pod's request load. */
    @FunctionalInterface
    interface PodLoadVisitor {
        /**
         * @param target    where the kubelet wants the pod's load reported (given to {@code listening}), or null
         * @param cpuMicros CPU time used by the pod's requests so far (microseconds of one core)
         * @param offered   requests offered to the pod's application so far, served or refused
         * @param held      requests the pod holds now (queued or being served; fluid: a mean)
         */
        void visit(io.kubesim.cluster.Pod pod, io.kubesim.kubelet.PodLoadTarget target,
                   io.kubesim.app.ServingModel model, double cpuMicros, double offered,
                   double held);
    }

    /**
     * Requests in flight that nothing will answer: waiting on a connect to an address that is gone,
     * or sent to a pod whose node is down. They fail when their clients give up. The fluid mode
     * counts such requests when they arrive, so it has none in flight.
     */
    default long lostInFlight() {
        return 0;
    }
}
