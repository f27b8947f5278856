package io.kubesim.traffic;

/**
 * The arrival times of one entry point's requests, drawn from a seeded stream: a forward cursor
 * over one fixed sequence of instants.
 */
public interface ArrivalProcess {
    /**
     * The next arrival not yet returned, skipping any before {@code now} (virtual microseconds), or
     * Long.MAX_VALUE when there are no more. Arrivals at the same instant are returned one by one,
     * and an arrival at {@code now} itself is returned (so a trace's first request at 0 is kept).
     */
    long next(long now);
}
