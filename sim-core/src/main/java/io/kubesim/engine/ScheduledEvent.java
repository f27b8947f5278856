package io.kubesim.engine;

/**
 * One pending action in the event queue, and the handle its owner keeps to cancel it.
 *
 * <p>Cancelling is lazy: the event stays in the queue and is skipped when it reaches the top, so
 * cancelling a probe timer or a grace-period deadline costs O(1).
 */
public final class ScheduledEvent {
    final long time;
    /** Priority and sequence (or rank) in one key ({@link EventQueue#order}): one field fewer per event. */
    final long order;
    final Runnable action;
    /** The next event in its ladder bucket ({@link EventQueue}); null elsewhere. */
    ScheduledEvent next;
    /** The FIFO this timer waits in before it enters the queue ({@link FixedDelayTimers}); null for other events. */
    FixedDelayTimers timers;
    private boolean cancelled;
    private boolean done;

    ScheduledEvent(long time, int priority, long sequence, Runnable action) {
        this.time = time;
        this.order = EventQueue.order(priority, sequence);
        this.action = action;
    }

    /** The virtual time at which the action runs. */
    public long time() {
        return time;
    }

    /** Prevents the action from running; has no effect once it ran. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** True while the event is still waiting in the queue and not cancelled. */
    public boolean isPending() {
        return !cancelled && !done;
    }

    /** The engine took the event off the queue. */
    void markDone() {
        done = true;
    }
}
