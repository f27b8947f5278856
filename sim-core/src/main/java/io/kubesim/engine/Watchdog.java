package io.kubesim.engine;

/**
 * Looks over a run from outside the model every {@link Simulation#WATCH_EVERY} events, to stop a
 * runaway (too many events, a heap about to run out) with a message instead of letting it run for
 * hours or die. It may only throw: it must not touch the model, so a watched run does the same as
 * an unwatched one.
 */
@FunctionalInterface
public interface Watchdog {
    /**
     * @param now       the virtual time of the event just run
     * @param processed the events run so far
     */
    void check(long now, long processed);
}
