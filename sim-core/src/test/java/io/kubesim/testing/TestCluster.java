package io.kubesim.testing;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.Pod;
import io.kubesim.engine.Simulation;
import io.kubesim.metrics.ClusterEvent;
import io.kubesim.metrics.EventRecorder;
import java.util.ArrayList;
import java.util.List;

/**
 * A real engine, store and event recorder for tests: {@code TestCluster c = new TestCluster(42);
 * c.add(node(...).build()); c.add(pod(...).build()); c.runFor(seconds(5));}.
 */
public final class TestCluster {
    public final Simulation sim;
    public final ClusterStore store;
    public final EventRecorder events;

    public TestCluster(long seed) {
        sim = new Simulation(seed);
        store = new ClusterStore(sim);
        events = new EventRecorder(sim, true);
    }

    public Node add(Node n) {
        return store.nodes().create(n);
    }

    public Pod add(Pod p) {
        return store.pods().create(p);
    }

    public Pod pod(String name) {
        return store.pods().get("default", name);
    }

    /** Runs the engine until {@code micros} from now. */
    public void runFor(long micros) {
        sim.runUntil(sim.now() + micros);
    }

    /** Retained events with this reason, in order. */
    public List<ClusterEvent> events(String reason) {
        List<ClusterEvent> out = new ArrayList<>();
        for (ClusterEvent e : events.events()) {
            if (e.reason().equals(reason)) {
                out.add(e);
            }
        }
        return out;
    }
}
