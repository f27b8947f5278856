package io.kubesim.controllers;

import io.kubesim.engine.ScheduledEvent;
import io.kubesim.engine.Simulation;
import java.util.HashMap;
import java.util.Map;

/**
 * A de-duplicating, delaying work queue in front of a {@link Reconciler}, like client-go's
 * workqueue: a key added several times before it is processed is reconciled once; a key added
 * with a delay runs at the earliest requested time.
 */
public final class WorkQueue {
    private final Simulation sim;
    private final Reconciler reconciler;
    private final long processingDelay;
    private final Map<String, ScheduledEvent> pending = new HashMap<>();

    /**
     * @param processingDelay microseconds between a key being added and its reconcile running
     *                        (the controller's reaction time; 0 means at once)
     */
    public WorkQueue(Simulation sim, Reconciler reconciler, long processingDelay) {
        this.sim = sim;
        this.reconciler = reconciler;
        this.processingDelay = processingDelay;
    }

    /** Queues the key for reconciling after the processing delay. */
    public void add(String key) {
        addAfter(key, processingDelay);
    }

    /** Queues the key to run {@code delay} microseconds from now, unless it is due sooner already. */
    public void addAfter(String key, long delay) {
        long when = sim.now() + Math.max(0, delay);
        ScheduledEvent existing = pending.get(key);
        if (existing != null && existing.isPending()) {
            if (existing.time() <= when) {
                return;
            }
            existing.cancel();
        }
        pending.put(key, sim.scheduleAt(when, () -> process(key)));
    }

    private void process(String key) {
        pending.remove(key);
        long again = reconciler.reconcile(key);
        if (again >= 0) {
            addAfter(key, again);
        }
    }
}
