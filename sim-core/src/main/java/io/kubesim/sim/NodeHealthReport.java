package io.kubesim.sim;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.NodeLease;
import io.kubesim.cluster.NodeLeases;
import io.kubesim.controllers.NodeLifecycleController;
import io.kubesim.kubelet.ResourceMonitor;
import io.kubesim.metrics.Counters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The result's node section: how many nodes there are and are not Ready, each machine failure
 * with when the control plane noticed it (from the node leases and the node-lifecycle controller),
 * and each node's pressure from the kubelets' resource monitor.
 */
final class NodeHealthReport {
    private NodeHealthReport() {
    }

    static SimulationResult.NodeCounts of(ClusterStore store, Counters counters, NodeLifecycleController lifecycle,
                                          ResourceMonitor resources, long now) {
        int notReady = 0;
        for (Node n : store.nodes().list()) {
            if (!n.isReady()) {
                notReady++;
            }
        }
        List<SimulationResult.NodeFailure> failures = new ArrayList<>();
        for (NodeLease l : store.nodeLeases().list()) {
            Node n = store.nodes().get(l.node());
            addFailures(failures, l, n == null ? "" : n.zone(), lifecycle);
        }
        for (NodeLeases.Departed d : store.nodeLeases().departed()) {
            addFailures(failures, d.lease(), d.zone(), lifecycle);
        }
        failures.sort(Comparator.comparingLong(SimulationResult.NodeFailure::failedAt));
        return new SimulationResult.NodeCounts(store.nodes().size(), notReady,
                counters.get(NodeLifecycleController.NODES_NOT_READY),
                counters.get(NodeLifecycleController.NODES_TAINTED), failures, resources.nodeStats(now));
    }

    /** Each time the node's machine went down, with when the control plane noticed and when it came back. */
    private static void addFailures(List<SimulationResult.NodeFailure> failures, NodeLease l, String zone,
                                    NodeLifecycleController lifecycle) {
        for (NodeLease.Silence s : l.silences()) {
            long until = s.resumedAt() < 0 ? Long.MAX_VALUE : s.resumedAt();
            failures.add(new SimulationResult.NodeFailure(l.node(), zone, s.stoppedAt(),
                    firstWithin(lifecycle.notReadyTimes(l.node()), s.stoppedAt(), until),
                    firstWithin(lifecycle.taintTimes(l.node()), s.stoppedAt(), until), s.resumedAt()));
        }
    }

    /** The first time in {@code times} within {@code [from, until)}, or -1. */
    private static long firstWithin(List<Long> times, long from, long until) {
        for (long t : times) {
            if (t >= from && t < until) {
                return t;
            }
        }
        return -1;
    }
}
