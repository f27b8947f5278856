package io.kubesim.cluster;

import io.kubesim.engine.Simulation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code kube-node-lease} namespace: one {@link NodeLease} per node whose kubelet has
 * started. Renewals are implicit (see {@link NodeLease#renewTime(long)}); the one change a
 * watcher is told of is a lease that stops being renewed, delivered through the engine like any
 * watch event.
 */
public final class NodeLeases {
    private final Simulation sim;
    private final Map<String, NodeLease> leases = new LinkedHashMap<>();
    private final List<Consumer<NodeLease>> stopWatchers = new ArrayList<>();

    NodeLeases(Simulation sim) {
        this.sim = sim;
    }

    /** The kubelet of {@code node} starts renewing its lease now, every {@code renewInterval}. */
    public NodeLease acquire(String node, long renewInterval) {
        NodeLease l = new NodeLease(node, sim.now(), renewInterval);
        leases.put(node, l);
        return l;
    }

    /** Every lease, in the order the kubelets started. */
    public java.util.Collection<NodeLease> list() {
        return java.util.Collections.unmodifiableCollection(leases.values());
    }

    /** The node's lease, or null. */
    public NodeLease get(String node) {
        return leases.get(node);
    }

    /** The kubelet stopped renewing (its machine is down); watchers hear of it at this instant. */
    public void stopRenewing(String node) {
        NodeLease l = leases.get(node);
        if (l == null || !l.renewing()) {
            return;
        }
        l.stop(sim.now());
        for (Consumer<NodeLease> w : stopWatchers) {
            sim.schedule(0, () -> w.accept(l));
        }
    }

    /** The kubelet is back and renews again from now on. */
    public void resumeRenewing(String node) {
        NodeLease l = leases.get(node);
        if (l != null) {
            l.resume(sim.now());
        }
    }

    /** The node was deleted: its lease goes with it (garbage-collected through its owner reference). */
    public void remove(String node) {
        leases.remove(node);
    }

    /** Tells {@code watcher} of every lease that stops being renewed. */
    public void watchStopped(Consumer<NodeLease> watcher) {
        stopWatchers.add(watcher);
    }
}
