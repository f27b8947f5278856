package io.kubesim.sim;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.kubelet.Kubelets;
import io.kubesim.metrics.Counters;
import io.kubesim.metrics.DecisionRecorder;
import io.kubesim.metrics.EventRecorder;
import io.kubesim.metrics.TimeSeriesStore;
import io.kubesim.metrics.WorkloadObservers;
import java.util.Map;

/**
 * What a controller may use when the control plane starts it (kube-controller-manager's
 * ControllerContext): the scenario, the API server's store, the event recorder, the run's counters
 * and time series, how outputs name objects, the node side some controllers read
 * (metrics-server reads the kubelets; the cluster autoscaler adds nodes to pools), and the
 * workload observers a workload controller adds its kind's summary to, and where a controller
 * records the decisions {@code kubesim explain} reads, and what analyses measure (the run's traffic).
 */
public record ControllerContext(SimulationSpec spec, ClusterStore store, EventRecorder events, Counters counters,
                                TimeSeriesStore series, DisplayNames names, Kubelets kubelets,
                                ClusterBootstrap bootstrap, Map<String, NodePool> pools,
                                WorkloadObservers workloads, DecisionRecorder decisions,
                                io.kubesim.controllers.rollout.RolloutMeasures measures) {
}
