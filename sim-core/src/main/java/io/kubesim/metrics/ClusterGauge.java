package io.kubesim.metrics;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodPhase;

/**
 * The cluster-wide series: active pods waiting for a node and running, nodes, and nodes open to
 * new pods (not cordoned). A sample reads the active pods only ({@link ClusterStore#activePods()}),
 * so finished pods kept in the store cost it nothing.
 */
public final class ClusterGauge implements Gauge {
    private final ClusterStore store;

    public ClusterGauge(ClusterStore store) {
        this.store = store;
    }

    @Override
    public void sample(long now, TimeSeriesStore series) {
        int pending = 0;
        int running = 0;
        for (Pod p : store.activePods()) {
            if (!p.isBound()) {
                pending++;
            } else if (p.phase() == PodPhase.RUNNING) {
                running++;
            }
        }
        int schedulable = 0;
        for (Node n : store.nodes().list()) {
            if (!n.unschedulable()) {
                schedulable++;
            }
        }
        series.series("cluster_pods_pending", "").record(now, pending);
        series.series("cluster_pods_running", "").record(now, running);
        series.series("cluster_nodes", "").record(now, store.nodes().size());
        series.series("cluster_nodes_schedulable", "").record(now, schedulable);
    }
}
