package io.kubesim.kubelet;

import io.kubesim.app.ApplicationCatalog;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.engine.Simulation;
import io.kubesim.metrics.Counters;
import io.kubesim.metrics.DecisionRecorder;
import io.kubesim.metrics.EventRecorder;

/**
 * What every kubelet shares: the engine, the store, the event recorder, config, app models, the
 * image registries, and where decisions for {@code kubesim explain} are recorded.
 */
record NodeAgentContext(Simulation sim, ClusterStore store, EventRecorder events, Counters counters, KubeletConfig config,
                        ApplicationCatalog applications, java.util.List<AppLifecycleListener> listeners,
                        ImageRegistry registry, DecisionRecorder decisions) {
    static final String SOURCE = "kubelet";

    /** A context that records no decisions. */
    NodeAgentContext(Simulation sim, ClusterStore store, EventRecorder events, Counters counters, KubeletConfig config,
                     ApplicationCatalog applications, java.util.List<AppLifecycleListener> listeners,
                     ImageRegistry registry) {
        this(sim, store, events, counters, config, applications, listeners, registry, DecisionRecorder.disabled());
    }

    /** A context whose images all pull, with the default round trip. */
    NodeAgentContext(Simulation sim, ClusterStore store, EventRecorder events, Counters counters, KubeletConfig config,
                     ApplicationCatalog applications, java.util.List<AppLifecycleListener> listeners) {
        this(sim, store, events, counters, config, applications, listeners, ImageRegistry.DEFAULT);
    }

    /** Counter of container restarts (crashes and failed liveness or startup probes). */
    static final String RESTARTS = "container_restarts";
    /** Counter of containers killed for memory: over their limit, or by the node's OOM killer. */
    static final String OOM_KILLED = "oom_killed";
    /** Counter of pods the kubelet evicted for node pressure. */
    static final String EVICTED = "pods_evicted_node_pressure";
}
