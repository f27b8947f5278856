package io.kubesim.kubelet;

import io.kubesim.app.ApplicationCatalog;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.engine.Simulation;
import io.kubesim.metrics.EventRecorder;

/** What every kubelet shares: the engine, the store, the event recorder, config and app models. */
record NodeAgentContext(Simulation sim, ClusterStore store, EventRecorder events, KubeletConfig config,
                        ApplicationCatalog applications) {
    static final String SOURCE = "kubelet";
}
