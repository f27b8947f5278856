package io.kubesim.sim;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Node;
import io.kubesim.metrics.EventRecorder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * A node pool upgrade in the way of managed clusters' surge upgrades (GKE): the pool's nodes at
 * the start are replaced in batches of {@code maxSurge + maxUnavailable}, oldest first. For a
 * batch, {@code maxSurge} new nodes are requested and, once they are Ready (the pool's
 * provisioning time later), every node of the batch is drained in parallel; each drained node is
 * deleted, and the nodes beyond the surge get their replacement only then (they were the
 * unavailable ones). The next batch starts when the batch's nodes are deleted and replaced.
 */
final class NodePoolUpgrade {
    private final ClusterStore store;
    private final EventRecorder events;
    private final ClusterBootstrap bootstrap;
    private final NodePool pool;
    private final TimelineAction.Upgrade action;
    private final DrainStarter drains;
    private final Deque<String> todo = new ArrayDeque<>();
    private int outstanding;
    private boolean started;

    /** Starts a drain of one node and calls back when it ends. */
    interface DrainStarter {
        void drain(TimelineAction.Drain drain, Consumer<DrainRecord> onEnd);
    }

    NodePoolUpgrade(ClusterStore store, EventRecorder events, ClusterBootstrap bootstrap, NodePool pool,
                    TimelineAction.Upgrade action, DrainStarter drains) {
        this.store = store;
        this.events = events;
        this.bootstrap = bootstrap;
        this.pool = pool;
        this.action = action;
        this.drains = drains;
    }

    /** Every node of the pool drained and replaced (the last batch's drains and new nodes done). */
    boolean finished() {
        return started && todo.isEmpty() && outstanding == 0;
    }

    void start() {
        started = true;
        List<Node> nodes = new ArrayList<>();
        for (Node n : store.nodes().list()) {
            if (n.pool().equals(pool.name())) {
                nodes.add(n);
            }
        }
        nodes.sort(Comparator.comparingLong((Node n) -> n.metadata().creationTimestamp()).thenComparing(Node::name));
        nodes.forEach(n -> todo.add(n.name()));
        nextBatch();
    }

    private void nextBatch() {
        if (todo.isEmpty()) {
            return;
        }
        List<String> batch = new ArrayList<>();
        while (!todo.isEmpty() && batch.size() < action.maxSurge() + action.maxUnavailable()) {
            batch.add(todo.poll());
        }
        int surge = Math.min(action.maxSurge(), batch.size());
        int[] owed = {batch.size() - surge}; // replacements still to ask for: one per deleted node beyond the surge
        outstanding = batch.size() + owed[0];
        Runnable drainBatch = () -> {
            for (String name : batch) {
                TimelineAction.Drain d = new TimelineAction.Drain(store.now(), name, action.drainTimeout(),
                        action.gracePeriodSeconds(), true);
                drains.drain(d, r -> {
                    delete(name);
                    if (owed[0] > 0) {
                        owed[0]--;
                        store.sim().schedule(pool.provisioningTime(), () -> {
                            bootstrap.addNodes(pool, 1);
                            done();
                        });
                    }
                    done();
                });
            }
        };
        if (surge > 0) {
            store.sim().schedule(pool.provisioningTime(), () -> {
                bootstrap.addNodes(pool, surge);
                drainBatch.run();
            });
        } else {
            drainBatch.run();
        }
    }

    /** Deletes a drained (or given-up) node, as the cloud provider removes its VM. */
    private void delete(String name) {
        Node n = store.nodes().get(name);
        if (n != null) {
            events.normal("node-controller", n, "RemovingNode",
                    "Node " + n.name() + " event: Removing Node " + n.name() + " from Controller");
            store.nodes().remove(n);
        }
    }

    private void done() {
        outstanding--;
        if (outstanding == 0) {
            nextBatch();
        }
    }
}
