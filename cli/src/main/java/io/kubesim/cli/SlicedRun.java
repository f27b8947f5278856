package io.kubesim.cli;

import io.kubesim.engine.SimTime;
import io.kubesim.sim.ClusterSimulation;

/**
 * Runs a simulation to its end in slices of virtual time ({@code cluster.run(t)} for growing
 * {@code t}) and tells a listener the engine's clock and event count after each slice: how the
 * CLI draws its {@link Progress} line without putting a wall clock inside the simulation.
 *
 * <p>Slicing changes nothing the simulation does: {@code runUntil(t)} runs every event due by
 * {@code t} and leaves the others queued, so running to {@code a} and then to {@code b} runs the
 * same events in the same order as running to {@code b} at once (SlicedRunTest checks the outputs
 * are byte-identical).
 */
final class SlicedRun {
    /** What the listener hears after each slice. */
    @FunctionalInterface
    interface Listener {
        /** @param simulated the engine's clock (virtual microseconds); @param events engine events run so far */
        void slice(long simulated, long events);
    }

    /** Virtual time per slice: short enough for a few redraws a second on a large cluster, and at most 20,000 slices. */
    static long sliceOf(long duration) {
        return Math.max(100 * SimTime.MICROS_PER_MILLI, duration / 20_000);
    }

    /** Runs {@code cluster} to {@code until} (virtual microseconds) slice by slice. */
    static void run(ClusterSimulation cluster, long until, Listener listener) {
        run(cluster, until, sliceOf(until), listener);
    }

    /** Runs {@code cluster} to {@code until} in slices of {@code slice} virtual microseconds. */
    static void run(ClusterSimulation cluster, long until, long slice, Listener listener) {
        long t = 0;
        do { // at least once: a run to 0 still runs the events at 0
            t = until - t <= slice ? until : t + slice;
            cluster.run(t);
            listener.slice(cluster.simulation().now(), cluster.simulation().eventsProcessed());
        } while (t < until);
    }

    private SlicedRun() {
    }
}
