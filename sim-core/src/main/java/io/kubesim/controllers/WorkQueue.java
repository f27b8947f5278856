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
    private final ControllerRateLimiter rateLimiter = new ControllerRateLimiter();

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

    /**
     * AddRateLimited: after a failed sync, queues the key after its back-off (5 ms doubling to
     * 1000 s, see {@link ControllerRateLimiter}); an {@link #add} from a watch event still runs it sooner.
     */
    public void addRateLimited(String key) {
        addAfter(key, rateLimiter.when(key, sim.now()));
    }

    /** Forget: a sync succeeded, so the key's back-off starts again from the beginning. */
    public void forget(String key) {
        rateLimiter.forget(key);
    }

    /** How many failed syncs in a row the key has had. */
    public int numRequeues(String key) {
        return rateLimiter.numRequeues(key);
    }

    private void process(String key) {
        pending.remove(key);
        long again = reconciler.reconcile(key);
        if (again >= 0) {
            addAfter(key, again);
        }
    }
}
