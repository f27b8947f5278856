package io.kubesim.traffic;

/** The arrival times of one entry point's requests, drawn from a seeded stream. */
public interface ArrivalProcess {
    /** The first arrival strictly after {@code now} (virtual microseconds), or Long.MAX_VALUE for none. */
    long next(long now);
}
