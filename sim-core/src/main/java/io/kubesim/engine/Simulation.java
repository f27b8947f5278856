package io.kubesim.engine;

/**
 * The discrete-event kernel: a clock, a queue and a loop that pops one event at a time.
 *
 * <p>Events scheduled for the same instant run in (priority, scheduling order). The clock only
 * moves forward, and only when the next event is taken from the queue.
 */
public final class Simulation {
    /** Priority of ordinary events; lower values run first at equal time. */
    public static final int NORMAL = 0;
    /** Priority for observers (samplers) that must see the state after all work at an instant. */
    public static final int LATE = 1_000;

    private final EventQueue queue = new EventQueue();
    private final RandomStreams random;
    private long now;
    private long sequence;
    private long processed;
    private boolean stopped;

    public Simulation(long seed) {
        this.random = new RandomStreams(seed);
    }

    /** The current virtual time in microseconds. */
    public long now() {
        return now;
    }

    /** The seeded random streams of this run. */
    public RandomStreams random() {
        return random;
    }

    /** Number of events that have run (cancelled ones excluded). */
    public long eventsProcessed() {
        return processed;
    }

    /** Number of events waiting, cancelled ones included. */
    public int pendingEvents() {
        return queue.size();
    }

    /** Runs {@code action} after {@code delay} microseconds of virtual time. */
    public ScheduledEvent schedule(long delay, Runnable action) {
        return scheduleAt(now + Math.max(0, delay), NORMAL, action);
    }

    /** Runs {@code action} at absolute time {@code time} (not before now). */
    public ScheduledEvent scheduleAt(long time, Runnable action) {
        return scheduleAt(time, NORMAL, action);
    }

    /** Runs {@code action} at {@code time}; at equal times, lower {@code priority} runs first. */
    public ScheduledEvent scheduleAt(long time, int priority, Runnable action) {
        if (time < now) {
            throw new IllegalArgumentException("cannot schedule in the past: " + time + " < " + now);
        }
        ScheduledEvent e = new ScheduledEvent(time, priority, sequence++, action);
        queue.add(e);
        return e;
    }

    /**
     * Runs events in order until the queue is empty, {@link #stop()} is called, or the next event
     * lies after {@code endTime}. The clock is left at {@code endTime} if the run reached it.
     */
    public void runUntil(long endTime) {
        stopped = false;
        while (!stopped) {
            if (queue.isEmpty() || queue.peekTime() > endTime) {
                break;
            }
            ScheduledEvent next = queue.poll();
            next.markDone();
            if (next.isCancelled()) {
                continue;
            }
            now = next.time;
            processed++;
            next.action.run();
        }
        if (!stopped && endTime != SimTime.NEVER && now < endTime) {
            now = endTime;
        }
    }

    /** Ends the current {@link #runUntil} after the running event returns. */
    public void stop() {
        stopped = true;
    }
}
