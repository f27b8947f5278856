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
    private final List<Departed> departed = new ArrayList<>();

    /**
     * The lease of a deleted node that had stopped renewing at some point: kept so that the run's
     * report still lists that node's failures (a cloud provider deletes a failed VM's Node object).
     */
    public record Departed(NodeLease lease, String zone) {
    }

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

    /**
     * The node (in {@code zone}) was deleted: its lease goes with it (garbage-collected through its
     * owner reference); one that ever stopped renewing is remembered in {@link #departed()}.
     */
    public void remove(String node, String zone) {
        NodeLease l = leases.remove(node);
        if (l != null && !l.silences().isEmpty()) {
            departed.add(new Departed(l, zone));
        }
    }

    /** The leases of deleted nodes that had stopped renewing, in deletion order. */
    public List<Departed> departed() {
        return java.util.Collections.unmodifiableList(departed);
    }

    /** Tells {@code watcher} of every lease that stops being renewed. */
    public void watchStopped(Consumer<NodeLease> watcher) {
        stopWatchers.add(watcher);
    }
}
