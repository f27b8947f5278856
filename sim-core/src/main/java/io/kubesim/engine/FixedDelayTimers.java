package io.kubesim.engine;

import java.util.ArrayDeque;

/**
 * Timers of one delay that are mostly cancelled before they are due (a call's timeout, cancelled
 * when the call is answered). Set at a clock that only moves forward, their times rise in the order
 * they were set, so they wait in a FIFO beside the event queue and only the first of them is in
 * the queue at any time. When it leaves the queue (run or skipped as cancelled), the cancelled ones
 * behind it are dropped and the next live one takes its place. A cancelled timer so costs a place
 * in the FIFO, not a trip through the queue's levels.
 *
 * <p>Each timer takes its sequence number when it is set, as {@link Simulation#schedule} gives it,
 * so it runs at exactly the place in its instant that it would have had, and the events counted
 * are the same.
 */
public final class FixedDelayTimers {
    private final Simulation sim;
    private final long delay;
    private final ArrayDeque<ScheduledEvent> waiting = new ArrayDeque<>();

    FixedDelayTimers(Simulation sim, long delay) {
        this.sim = sim;
        this.delay = delay;
    }

    /** The delay every timer of this FIFO waits. */
    public long delay() {
        return delay;
    }

    /** Runs {@code action} after this FIFO's delay, unless the returned event is cancelled first. */
    public ScheduledEvent schedule(Runnable action) {
        ScheduledEvent e = sim.newTimer(delay, action);
        e.timers = this;
        waiting.addLast(e);
        if (waiting.size() == 1) {
            sim.enqueue(e);
        }
        return e;
    }

    /** Timers set and not yet dropped or run, cancelled ones included (for tests). */
    int waiting() {
        return waiting.size();
    }

    /** {@code first}, this FIFO's timer in the queue, has left it: the next live one takes its place. */
    void left(ScheduledEvent first) {
        waiting.pollFirst();
        ScheduledEvent next;
        while ((next = waiting.peekFirst()) != null && next.isCancelled()) {
            waiting.pollFirst();
        }
        if (next != null) {
            sim.enqueue(next);
        }
    }
}
