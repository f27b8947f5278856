package io.kubesim.traffic;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * Makes the {@link ArrivalProcess} an {@link ArrivalSpec} describes, drawing only from the
 * seeded stream it is given, so one seed gives one sequence of arrivals.
 *
 * <p>Every process is a forward cursor over one fixed sequence of arrival instants (for rate
 * specs, the sequence is drawn from time 0 on): {@link ArrivalProcess#next(long) next(now)}
 * returns the next instant of the sequence not yet returned, skipping those before {@code now}.
 * Called with the last arrival it returned, that is the first arrival after it, except that
 * arrivals at the same instant (a recorded burst, or two draws rounding to the same microsecond)
 * are each returned once, and a recorded arrival at 0 is returned by {@code next(0)}.
 */
public final class ArrivalProcesses {
    private ArrivalProcesses() {
    }

    /** The process for {@code spec}; {@code rng} is used only by Poisson processes. */
    public static ArrivalProcess of(ArrivalSpec spec, RandomGenerator rng) {
        if (spec instanceof ArrivalSpec.ClosedLoop) {
            throw new IllegalArgumentException("closed-loop arrivals depend on the answers: see ClosedLoopClients");
        }
        if (spec instanceof ArrivalSpec.Recorded r) {
            return new ArrivalCursor(new RecordedArrivals(r.times()));
        }
        ArrivalSpec.Rate rate = (ArrivalSpec.Rate) spec;
        return new ArrivalCursor(rate.poisson() ? new PoissonArrivals(rate.series(), rng)
                : new EvenlySpacedArrivals(rate.series()));
    }
}
