package io.kubesim.traffic;

import io.kubesim.engine.Simulation;
import java.util.function.LongConsumer;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Closed-loop virtual users of one entry point (exact mode): each user sends a request, waits for
 * its answer (success or failure, after its latency), thinks, and sends the next one, so the
 * entry point's rate is about {@code users / (latency + think time)} and falls when latency rises,
 * as under k6, fortio, locust, hey or JMeter. An optional {@code maxRate} paces the users
 * together, as fortio's {@code -qps} does: no two sends closer than {@code 1 / maxRate}.
 *
 * <p>Think times come from the entry point's seeded arrival stream, so one seed gives one run.
 */
final class ClosedLoopClients {
    /**
     * The shortest time between two requests of one user: a client's own per-request work. It
     * also keeps a user whose requests fail at once (no endpoints, refused, latency 0) from
     * sending without bound at one instant.
     */
    static final long MIN_TURNAROUND = 1_000;

    /** Sends one request of a user (numbered from 0) and reports when its answer came (the outcome time). */
    interface Sender {
        void send(int user, LongConsumer answered);
    }

    private final Simulation sim;
    private final ArrivalSpec.ClosedLoop spec;
    private final RandomGenerator thinkRng;
    private final Sender sender;
    private final double gap;
    private double nextSlot;

    ClosedLoopClients(Simulation sim, ArrivalSpec.ClosedLoop spec, RandomGenerator thinkRng, Sender sender) {
        this.sim = sim;
        this.spec = spec;
        this.thinkRng = thinkRng;
        this.sender = sender;
        this.gap = spec.maxRate() > 0 ? 1e6 / spec.maxRate() : 0;
    }

    /** Every user sends its first request at the spec's start (paced by maxRate, if any). */
    void start() {
        long start = Math.max(sim.now(), spec.start());
        for (int u = 0; u < spec.users(); u++) {
            long at = pace(start);
            int user = u;
            sim.scheduleAt(at, () -> send(user, at));
        }
    }

    private void send(int user, long sentAt) {
        sender.send(user, answeredAt -> {
            long think = spec.thinkTime().sample(thinkRng);
            long ready = Math.max(Math.max(sim.now(), answeredAt + think), sentAt + MIN_TURNAROUND);
            long next = pace(ready);
            sim.scheduleAt(next, () -> send(user, next));
        });
    }

    /** The first send slot at or after {@code ready} under the rate cap; {@code ready} without one. */
    private long pace(long ready) {
        if (gap == 0) {
            return ready;
        }
        double slot = Math.max(ready, nextSlot);
        nextSlot = slot + gap;
        return (long) Math.ceil(slot);
    }
}
