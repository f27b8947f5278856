package io.kubesim.traffic;

import io.kubesim.app.ServingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Pods the fluid model serves as one: replicas in the same steady state (the same application
 * model, CPU slowdown and labels, accepting, past warm-up, no backlog) that every balancer view
 * routing to them gives the same share. Their step is computed once, on a {@link FluidPod} that
 * stands for each of them ({@link #state()}), and its outcomes count once per member: a Service
 * of 144 replicas costs one pod's step, not 144.
 *
 * <p>A member keeps what it had before it joined (its own started requests, CPU time and offered
 * requests) and adds the cohort's per-member figures since then; when it leaves, because
 * something happened to it alone (SIGTERM, a stop, its node down, another CPU slowdown, a view
 * that routes to it differently), it takes those figures with it and is served on its own again.
 * Its per-pod counts (requests and failures per sample interval) are charged to every member
 * when the interval changes or the membership does.
 */
final class FluidCohort {
    /**
     * A member's failed amount per step below which failure bursts are not told of it (they count
     * in the Service's and the pods' totals all the same): a burst rounding to no request is not
     * recorded, and charging each member every step would cost what the cohort saves.
     */
    static final double BURST_FLOOR = 1e-9;

    /** Equal keys, equal steps: what a pod's step depends on besides its flows. */
    record Key(ServingModel model, long slowdownBits, NetworkPolicies.Party party) {
        static Key of(FluidPod p) {
            return new Key(p.model(), Double.doubleToLongBits(p.cpuSlowdown()), p.party());
        }
    }

    private final Key key;
    private final FluidPod state;
    private final PodTally tally;
    private final TrafficLedger ledger;
    /** In the order they joined. */
    private final List<FluidPod> members = new ArrayList<>();
    /** Per-member counts not yet charged to the members, all in one sample interval. */
    private int pendingInterval = -1;
    private long pendingTime;
    private double pendingRouted;
    private double pendingFailed;

    /** True while queued for the next visit of load changes (its state served since the last). */
    boolean loadQueued;
    /** The state's requests held at {@link #heldAt}, and its earliest start kept then. */
    private long heldAt = Long.MIN_VALUE;
    private double held;
    private final long[] oldest = new long[1];

    /** The route build that last reached a member (builds count from 1). */
    long seenBy;
    /** The route build that last listed the cohort's state (once per build). */
    long listedBy;

    FluidCohort(Key key, FluidPod state, TrafficLedger ledger) {
        this.key = key;
        this.state = state;
        this.ledger = ledger;
        this.tally = ledger.pods();
        state.serveFor(this);
    }

    Key key() {
        return key;
    }

    /** The pod that stands for every member: its step is each member's step. */
    FluidPod state() {
        return state;
    }

    int size() {
        return members.size();
    }

    List<FluidPod> members() {
        return members;
    }

    /** True while a pod may join: the members have not been given this step's flows, nor hold a backlog. */
    boolean joinable() {
        return state.flows() == 0 && state.backlog() == 0;
    }

    void join(FluidPod p, long now) {
        flush();
        p.joinCohort(this, now);
        members.add(p);
    }

    /** {@code p} goes on alone, with what it had and the cohort's figures since it joined. */
    void leave(FluidPod p) {
        flush();
        members.remove(p);
        p.leaveCohort();
    }

    /** Every member goes on alone. */
    void dissolve() {
        flush();
        for (FluidPod p : members) {
            p.leaveCohort();
        }
        members.clear();
    }

    /**
     * A member's requests of this step ended with {@code cause}: counted for every member (later,
     * per sample interval), and told to the failure bursts now unless negligible.
     */
    void charge(long time, RequestCause cause, double perMember, FluidService target) {
        if (!(perMember > 0)) {
            return;
        }
        int interval = tally.index(time);
        if (interval != pendingInterval) {
            flush();
            pendingInterval = interval;
            pendingTime = time;
        }
        pendingRouted += perMember;
        if (cause != RequestCause.OK) {
            pendingFailed += perMember;
            if (perMember >= BURST_FLOOR && ledger.recordsBursts()) {
                for (FluidPod m : members) {
                    ledger.burst(target.stats, m.podKey(), cause, time, perMember);
                }
            }
        }
    }

    /**
     * What a member that joined at {@code since} holds at {@code now} of the requests the state
     * started: computed once per instant for the members that joined before every start kept
     * (nearly all of them), per member for the others.
     */
    /** The state is about to serve a step: what it holds changes. */
    void forgetHeld() {
        heldAt = Long.MIN_VALUE;
    }

    double heldSince(long since, long now) {
        if (heldAt != now) {
            held = state.startedHeld(now, oldest);
            heldAt = now;
        }
        return since <= oldest[0] ? held : state.startedHeldSince(since, now);
    }

    /** Charges the members' pending per-pod counts. */
    void flush() {
        if (pendingRouted > 0) {
            for (FluidPod m : members) {
                PodTraffic t = m.tally(tally);
                tally.routed(t, pendingTime, pendingRouted);
                if (pendingFailed > 0) {
                    tally.failed(t, pendingTime, pendingFailed);
                }
            }
        }
        pendingRouted = 0;
        pendingFailed = 0;
        pendingInterval = -1;
    }
}
