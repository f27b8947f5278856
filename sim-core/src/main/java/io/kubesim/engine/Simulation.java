package io.kubesim.engine;

/**
 * The discrete-event kernel: a clock, a queue and a loop that pops one event at a time.
 *
 * <p>Events scheduled for the same instant run in (priority, scheduling order), except ranked
 * events ({@link #scheduleRanked}), which run in rank order among themselves. The clock only
 * moves forward, and only when the next event is taken from the queue.
 */
public final class Simulation {
    /** Priority of ordinary events; lower values run first at equal time. */
    public static final int NORMAL = 0;
    /** Priority for observers (samplers) that must see the state after all work at an instant. */
    public static final int LATE = 1_000;
    /**
     * Priority of probe ticks: before the ordinary work of their instant (so the work one tick
     * starts runs after all the ticks of that instant, as when they were scheduled alongside), and
     * among themselves in the order of their workers' ranks ({@link #scheduleRanked}), so a tick has
     * the same place at its instant whenever it was scheduled. That is what lets a probe worker stop
     * ticking while its outcome cannot change and resume exactly where it would have been.
     */
    public static final int PROBE_TICKS = -1;

    /** How many events run between two looks of the {@link Watchdog}. */
    public static final long WATCH_EVERY = 1 << 16;

    private final EventQueue queue = new EventQueue();
    private final RandomStreams random;
    private long now;
    private long sequence;
    private long processed;
    private long ranks;
    /** The instant of the events run last, and the highest (priority, sequence or rank) key run at it. */
    private long instant = -1;
    private long highestOrderAtInstant = Long.MIN_VALUE;
    private boolean stopped;
    private Watchdog watchdog;
    /** The event count at which the watchdog looks next; never while there is none. */
    private long nextWatch = Long.MAX_VALUE;
    /** The FIFOs of {@link #fixedDelayTimers}, by delay (looked up, never iterated). */
    private final java.util.Map<Long, FixedDelayTimers> fixedDelay = new java.util.HashMap<>();

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

    /**
     * Has {@code w} look over the run every {@link #WATCH_EVERY} events (replacing any earlier one);
     * what it throws ends {@link #runUntil}.
     */
    public void watch(Watchdog w) {
        watchdog = w;
        nextWatch = w == null ? Long.MAX_VALUE : processed + WATCH_EVERY;
    }

    /** Number of events that have run (cancelled ones excluded). */
    public long eventsProcessed() {
        return processed;
    }

    /**
     * Counts {@code more} events as run besides the one running: an event that carries out several
     * actions of the same instant in their order (a store's write told to its watchers) reports them.
     */
    public void countEvents(int more) {
        processed += more;
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
        if (priority == PROBE_TICKS) {
            throw new IllegalArgumentException("priority " + PROBE_TICKS + " is for ranked events (scheduleRanked)");
        }
        return enqueue(time, priority, sequence++, action);
    }

    /**
     * Runs {@code action} at {@code time} with priority {@link #PROBE_TICKS}; among the events of
     * that priority at one instant, lower {@code rank} runs first, however long ago each was
     * scheduled. A rank comes from {@link #newRank()}, and an owner keeps at most one such event
     * pending, so no two pending events share a key.
     */
    public ScheduledEvent scheduleRanked(long time, long rank, Runnable action) {
        return enqueue(time, PROBE_TICKS, rank, action);
    }

    /** A rank for {@link #scheduleRanked}, unique in this simulation (handed out in creation order). */
    public long newRank() {
        return ranks++;
    }

    /**
     * Whether a ranked event with {@code rank}, had it been pending at the current instant since
     * before the instant began, would have run already: an event of a higher key has run at this
     * instant (work it started may run before later ranked events, having a lower priority, but
     * only after this one).
     */
    public boolean rankedWouldHaveRun(long rank) {
        return instant == now && EventQueue.order(PROBE_TICKS, rank) < highestOrderAtInstant;
    }

    /**
     * The FIFO of timers of {@code delay} microseconds (one per delay): for timeouts that are mostly
     * cancelled before they are due; see {@link FixedDelayTimers}.
     */
    public FixedDelayTimers fixedDelayTimers(long delay) {
        return fixedDelay.computeIfAbsent(Math.max(0, delay), d -> new FixedDelayTimers(this, d));
    }

    private ScheduledEvent enqueue(long time, int priority, long sequenceOrRank, Runnable action) {
        if (time < now) {
            throw new IllegalArgumentException("cannot schedule in the past: " + time + " < " + now);
        }
        ScheduledEvent e = new ScheduledEvent(time, priority, sequenceOrRank, action);
        queue.add(e);
        return e;
    }

    /** A normal event {@code delay} from now with the next sequence number, not yet in the queue. */
    ScheduledEvent newTimer(long delay, Runnable action) {
        return new ScheduledEvent(now + delay, NORMAL, sequence++, action);
    }

    /** Puts an event made by {@link #newTimer} in the queue (its time is never before the last event run). */
    void enqueue(ScheduledEvent e) {
        queue.add(e);
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
            if (next.timers != null) {
                next.timers.left(next);
            }
            if (next.isCancelled()) {
                continue;
            }
            now = next.time;
            processed++;
            long order = next.order;
            if (next.time != instant) {
                instant = next.time;
                highestOrderAtInstant = order;
            } else if (order > highestOrderAtInstant) {
                highestOrderAtInstant = order;
            }
            next.action.run();
            if (processed >= nextWatch) {
                nextWatch = processed + WATCH_EVERY;
                watchdog.check(now, processed);
            }
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
