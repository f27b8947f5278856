package io.kubesim.traffic;

import io.kubesim.app.ServingModel;
import io.kubesim.cluster.Pod;
import io.kubesim.engine.DurationDistribution;
import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The application in one pod as the fluid model sees it: request rates in, outcomes out, per
 * step. Below capacity, waiting is random and comes from {@link ErlangQueue}; above it a
 * deterministic backlog builds up at the rate arrivals exceed capacity, and what does not fit
 * the queue is refused. A request's latency is its wait (the backlog ahead of it plus the random
 * wait) plus the time it holds a worker: its own service time, slower while the app warms up, or
 * its slowest downstream call.
 *
 * <p>Outcomes are decided when requests arrive. Requests still held when the pod resets them
 * (SIGTERM without draining) or dies are moved from served to failed.
 */
final class FluidPod {
    /** Nodes for averaging over the exponential part of the random wait (midpoint rule). */
    private static final int WAIT_NODES = 16;
    /** Quantiles of the unit exponential at the midpoints (j + 0.5) / WAIT_NODES. */
    private static final double[] UNIT_WAIT_NODES = new double[WAIT_NODES];

    static {
        for (int j = 0; j < WAIT_NODES; j++) {
            UNIT_WAIT_NODES[j] = -Math.log(1 - (j + 0.5) / WAIT_NODES);
        }
    }
    /** Latency values drawn per pod and step at most; each carries a share of the served requests. */
    static final int MAX_SAMPLES = 8;
    /**
     * Latency values drawn per cohort and step at most: {@link #MAX_SAMPLES} per member up to 8
     * members, so that per-second percentiles of a Service served by a cohort rest on about as many
     * values as when its pods were stepped one by one (at most as many as the members' requests).
     */
    static final int MAX_COHORT_SAMPLES = 8 * MAX_SAMPLES;

    /** Per step: the chance each status ends a request because of a failed call (index status - 500). */
    private final double[] statusWeight = new double[5];
    private final Pod pod;
    /** This pod as NetworkPolicies see it, for the calls it sends. */
    private final NetworkPolicies.Party party;
    /** {@code namespace/name}, as failures are charged to it. */
    private final String podKey;
    private final ServingModel model;
    private final double serviceCs2;
    /** This pod's line in the ledger's per-pod counts, from the first request it answered. */
    private PodTraffic tally;
    private FluidService[] callees;
    private boolean listening;
    private boolean sigtermed;
    private boolean unreachable;
    private long listeningSince;

    /** Requests waiting beyond what random queueing explains (overload), fluid. */
    private double backlog;
    /** Requests started recently, to know how many are still being served. */
    private final StartHistory started;
    private final SurvivalMemo memo;
    /** Requests waiting at random below capacity (Little's law on the random wait). */
    private double waitingAtRandom;
    /** CPU time used by the requests started so far, microseconds. */
    private double cpuMicros;
    /** Requests offered to the application so far. */
    private double offered;
    /** Service-time multiplier from CPU throttling or contention. */
    private double cpuSlowdown = 1.0;

    private FluidService[] flowTarget = new FluidService[2];
    private double[] flowVolume = new double[2];
    private long[] flowTimeout = new long[2];
    private boolean[] flowEntry = new boolean[2];
    private int flows;
    /** The last step's flows, to attribute requests failed in flight. */
    private FluidService[] lastTarget = new FluidService[0];
    private double[] lastVolume = new double[0];
    private boolean[] lastEntry = new boolean[0];

    private double[] holds = new double[MAX_SAMPLES];
    private double[] latencies = new double[MAX_SAMPLES];
    private final double[] waitNodes = new double[WAIT_NODES];

    /** The order the model admitted this pod in, the order pods are served in each step. */
    private final long admission;
    private boolean busy;
    private boolean removed;

    /** The cohort this pod stands for (its step is each member's), or null for a pod. */
    private FluidCohort serves;
    /** The cohort this pod is a member of, or null while it is served on its own. */
    private FluidCohort cohort;
    /** When it joined {@link #cohort}, and the cohort's per-member CPU time and offered requests then. */
    private long joinedAt;
    private double cpuAtJoin;
    private double offeredAtJoin;
    /** The start of the step whose flows {@link #rememberFlows} kept last. */
    private long flowsRememberedAt = Long.MIN_VALUE;
    /** No cohort before this time: the pod left one because a view routed to it differently. */
    private long noCohortBefore = Long.MIN_VALUE;
    /** The kubelet's handle for this pod's application, given when it started listening (null before). */
    private io.kubesim.kubelet.PodLoadTarget loadTarget;
    /** The balancer views whose endpoints listed this pod when it was last looked up (a few at most). */
    private final java.util.List<EndpointView> routedBy = new java.util.ArrayList<>(2);
    /** True while queued for the next visit of load changes. */
    boolean loadQueued;
    /** Offered requests and CPU time at the last visit of load changes, NaN before the first. */
    private double visitedOffered = Double.NaN;
    private double visitedCpu = Double.NaN;
    /** Marks for building a route: the build that last saw this pod, and how many shares it got. */
    long seenBy = -1;
    int seen;

    /**
     * @param admission the order the model admitted the pod in (pods are served in that order)
     * @param memo      the simulation's remembered survival values
     */
    FluidPod(Pod pod, ServingModel model, long admission, SurvivalMemo memo) {
        this.admission = admission;
        this.memo = memo;
        this.started = new StartHistory(memo);
        this.pod = pod;
        this.party = NetworkPath.party(pod);
        this.podKey = pod.metadata().key();
        this.model = model;
        double mean = model.serviceTime().mean();
        this.serviceCs2 = mean > 0 ? model.serviceTime().variance() / (mean * mean) : 0;
    }

    Pod pod() {
        return pod;
    }

    long admission() {
        return admission;
    }

    /** True while the model serves this pod each step (it has flows, a backlog or requests held). */
    boolean busy() {
        return busy;
    }

    void setBusy(boolean busy) {
        this.busy = busy;
    }

    /** The pod was deleted: the model no longer serves it. */
    void remove() {
        removed = true;
    }

    boolean removed() {
        return removed;
    }

    /** {@code namespace/name} of the pod. */
    String podKey() {
        return podKey;
    }

    ServingModel model() {
        return model;
    }

    NetworkPolicies.Party party() {
        return party;
    }

    double cpuSlowdown() {
        return cpuSlowdown;
    }

    /** Flows routed to this pod in the current step. */
    int flows() {
        return flows;
    }

    double backlog() {
        return backlog;
    }

    /** The cohort this pod is a member of, or null. */
    FluidCohort cohort() {
        return cohort;
    }

    /** This pod's line in the per-pod counts, made on first use. */
    PodTraffic tally(PodTally pods) {
        if (tally == null) {
            tally = pods.entry(podKey);
        }
        return tally;
    }

    /**
     * True when this pod's step would be any steady replica's: accepting, past warm-up, no
     * backlog, nothing routed to it yet in this step, and not kept out of cohorts.
     */
    boolean steady(long now) {
        return accepting() && !removed && cohort == null && serves == null && flows == 0 && backlog == 0
                && now >= noCohortBefore && (model.warmUp() <= 0 || now - listeningSince >= model.warmUp());
    }

    /** The cohort this pod's step serves for, or null for a pod served on its own. */
    FluidCohort served() {
        return serves;
    }

    /** Keeps this pod out of cohorts until {@code time}. */
    void keepOutOfCohorts(long time) {
        noCohortBefore = time;
    }

    /** Makes this pod the one that stands for {@code c}'s members, past warm-up as they are. */
    void serveFor(FluidCohort c) {
        serves = c;
        listening = true;
        listeningSince = Long.MIN_VALUE / 4;
    }

    void joinCohort(FluidCohort c, long now) {
        FluidPod s = c.state();
        cohort = c;
        joinedAt = now;
        cpuAtJoin = s.cpuMicros;
        offeredAtJoin = s.offered;
    }

    /** Leaves the cohort with its figures since joining, and this step's flows if it had any. */
    void leaveCohort() {
        FluidPod s = cohort.state();
        cpuMicros += s.cpuMicros - cpuAtJoin;
        offered += s.offered - offeredAtJoin;
        started.appendSince(s.started, joinedAt);
        backlog = s.backlog;
        waitingAtRandom = s.waitingAtRandom;
        if (s.flowsRememberedAt >= joinedAt && s.lastTarget.length > 0) {
            lastTarget = s.lastTarget.clone();
            lastVolume = s.lastVolume.clone();
            lastEntry = s.lastEntry.clone();
        }
        for (int i = 0; i < s.flows; i++) {
            addFlow(s.flowTarget[i], s.flowVolume[i], s.flowTimeout[i], s.flowEntry[i]);
        }
        cohort = null;
    }

    boolean accepting() {
        return listening && !sigtermed && !unreachable;
    }

    /** The pod's node is down: connections to it hang until their clients give up. */
    boolean unreachable() {
        return unreachable;
    }

    /** {@code view} lists this pod among its endpoints: it routes anew when this pod changes. */
    void routedBy(EndpointView view) {
        if (!routedBy.contains(view)) {
            routedBy.add(view);
        }
    }

    java.util.List<EndpointView> routedBy() {
        return routedBy;
    }

    io.kubesim.kubelet.PodLoadTarget loadTarget() {
        return loadTarget;
    }

    /**
     * True unless this pod's load changes were visited before with the figures it has now and it
     * holds no request: then its load since that visit is nil. Notes the figures as visited.
     */
    boolean loadChangedSinceVisit(double offered, double cpu, double held) {
        boolean same = offered == visitedOffered && cpu == visitedCpu && !(held > 0);
        visitedOffered = offered;
        visitedCpu = cpu;
        return !same;
    }

    void listening(long now, io.kubesim.kubelet.PodLoadTarget load) {
        loadTarget = load;
        listening(now);
    }

    void listening(long now) {
        unreachable = false;
        listening = true;
        sigtermed = false;
        listeningSince = now;
    }

    /** SIGTERM: stop accepting; an app that does not drain resets what it holds. */
    void sigterm(long now, TrafficLedger ledger) {
        sigtermed = true;
        if (!model.drainOnSigterm()) {
            failHeld(now, RequestCause.RESET_ON_SIGTERM, ledger);
        }
    }

    /**
     * The node went down: nothing answers any more, and what the pod held ends as
     * {@code node_unreachable} (at its clients' timeouts; fluid mode counts it now).
     */
    void nodeDown(long now, TrafficLedger ledger) {
        cpuSlowdown = 1.0;
        unreachable = true;
        listening = false;
        failHeld(now, RequestCause.NODE_UNREACHABLE, ledger);
    }

    /** The process ended: whatever it still held was cut off. */
    void stopped(long now, TrafficLedger ledger) {
        cpuSlowdown = 1.0; // a new process starts unthrottled; the kubelet says so if not
        if (unreachable) {
            return;
        }
        listening = false;
        failHeld(now, RequestCause.KILLED_IN_FLIGHT, ledger);
    }

    /** CPU time used by the requests started so far, in microseconds. */
    double cpuMicros() {
        return cohort == null ? cpuMicros : cpuMicros + cohort.state().cpuMicros - cpuAtJoin;
    }

    /** Requests offered so far. */
    double offered() {
        return cohort == null ? offered : offered + cohort.state().offered - offeredAtJoin;
    }

    void setCpuSlowdown(double factor) {
        cpuSlowdown = factor;
    }

    /** The requests this pod started at {@code since} or later that it still serves at {@code now}. */
    double startedHeldSince(long since, long now) {
        return started.heldSince(since, now, model.serviceTime());
    }

    /** As {@link #startedHeldSince} from the first start kept, with that start's time in {@code oldest[0]}. */
    double startedHeld(long now, long[] oldest) {
        double held = started.held(now, model.serviceTime());
        oldest[0] = started.oldest();
        return held;
    }

    /** Requests held at {@code now}: being served, in the backlog, or waiting at random. */
    double held(long now) {
        if (cohort != null) {
            FluidPod s = cohort.state();
            return started.held(now, model.serviceTime()) + cohort.heldSince(joinedAt, now) + s.backlog
                    + s.waitingAtRandom;
        }
        return started.held(now, model.serviceTime()) + backlog + waitingAtRandom;
    }

    private void failHeld(long now, RequestCause cause, TrafficLedger ledger) {
        double held = held(now);
        started.clear();
        backlog = 0;
        waitingAtRandom = 0;
        double total = 0;
        for (double v : lastVolume) {
            total += v;
        }
        if (!(held > 0) || !(total > 0)) {
            return;
        }
        for (int i = 0; i < lastVolume.length; i++) {
            double share = held * lastVolume[i] / total;
            lastTarget[i].reclassify(now, cause, share);
            ledger.failed(lastTarget[i].stats, podKey, cause, now, share);
            if (lastEntry[i]) {
                ledger.reclassifyEntryOutcome(cause, share);
            }
        }
    }

    /** Requests routed to this pod in the current step: {@code volume} requests for {@code target}. */
    void addFlow(FluidService target, double volume, long timeout, boolean entry) {
        for (int i = 0; i < flows; i++) {
            if (flowTarget[i] == target && flowTimeout[i] == timeout && flowEntry[i] == entry) {
                flowVolume[i] += volume;
                return;
            }
        }
        if (flows == flowTarget.length) {
            int n = flows * 2;
            flowTarget = Arrays.copyOf(flowTarget, n);
            flowVolume = Arrays.copyOf(flowVolume, n);
            flowTimeout = Arrays.copyOf(flowTimeout, n);
            flowEntry = Arrays.copyOf(flowEntry, n);
        }
        flowTarget[flows] = target;
        flowVolume[flows] = volume;
        flowTimeout[flows] = timeout;
        flowEntry[flows++] = entry;
    }

    /**
     * Serves the step {@code [t0, t1)}: decides the outcome of every flow routed here, records
     * latencies, and sends this pod's downstream calls (they arrive in the next step).
     */
    /** @return false when the pod had nothing to serve and holds nothing: it needs no step until its next flow */
    boolean serve(long t0, long t1, FluidTraffic.StepContext ctx) {
        if (serves != null) {
            serves.forgetHeld();
        }
        double volume = 0;
        for (int i = 0; i < flows; i++) {
            volume += flowVolume[i];
        }
        if (volume == 0 && backlog < 1e-9 && started.held(t0, model.serviceTime()) < 1e-9) {
            started.clear();
            backlog = 0;
            waitingAtRandom = 0;
            return false;
        }
        if (callees == null) {
            callees = ctx.callees(model);
        }
        double dt = (t1 - t0) / 1e6;
        // A cohort's state serves one member; what it sends and records counts once per member.
        double members = serves == null ? 1 : serves.size();
        int c = model.concurrency();
        int q = model.queueLimit();
        RandomGenerator rng = ctx.rng();

        // An app that refuses requests until warm: the share of the step before warm-up ends.
        double notWarm = 0;
        double slowdown = cpuSlowdown;
        if (model.warmUp() > 0 && model.warmUpSlowdown() <= 0) {
            long warmEnd = listeningSince + model.warmUp();
            notWarm = Math.max(0, Math.min(1, (double) (warmEnd - t0) / (t1 - t0)));
        } else {
            slowdown *= model.slowdown((t0 + t1) / 2 - listeningSince);
        }
        offered += volume;

        // Hold times: the own service time, or the slowest call made.
        DurationDistribution service = model.serviceTime();
        int cap = serves == null ? MAX_SAMPLES : (int) Math.min(MAX_COHORT_SAMPLES, MAX_SAMPLES * members);
        int samples = volume > 0 ? (int) Math.min(cap, Math.ceil(volume * members)) : 0;
        if (samples > holds.length) {
            holds = new double[MAX_COHORT_SAMPLES];
            latencies = new double[MAX_COHORT_SAMPLES];
        }
        if (callees.length > 0) {
            samples = Math.max(samples, 4); // enough to estimate the mean hold time with calls
        }
        double holdSum = 0;
        for (int k = 0; k < samples; k++) {
            double y = service.sample(rng) * slowdown;
            for (int i = 0; i < callees.length; i++) {
                if (rng.nextDouble() < model.calls().get(i).probability()) {
                    y = Math.max(y, callees[i].sampleLatency(rng));
                }
            }
            holds[k] = y;
            holdSum += y;
        }
        double ownMean = service.mean() * slowdown;
        double hold = callees.length > 0 && samples > 0 ? Math.max(ownMean, holdSum / samples) : ownMean;
        double holdSeconds = Math.max(hold, 1) / 1e6;
        double capacity = c / holdSeconds;

        // Overload builds a backlog; what does not fit the queue is refused.
        double accepted = volume * (1 - notWarm);
        double lambda = accepted / dt;
        double b0 = backlog;
        double b1 = b0 + (lambda - capacity) * dt;
        double overflow = 0;
        if (b1 > q) {
            overflow = b1 - q;
            b1 = q;
        }
        b1 = Math.max(0, b1);
        double refused = accepted > 0 ? overflow / accepted : 0;
        double waitProbability = 0;
        double waitMean = 0;
        if (b0 <= 0 && b1 <= 0 && lambda > 0) {
            ErlangQueue erlang = ctx.erlang();
            erlang.evaluate(c, q, lambda, holdSeconds, serviceCs2);
            refused = erlang.blocking;
            waitProbability = erlang.waitProbability;
            waitMean = erlang.meanWaitIfWaiting * 1e6;
        }
        double delay = (b0 + b1) / 2 / capacity * 1e6;
        backlog = b1;
        double startRate = accepted * (1 - refused) / dt;
        // Requests leave the queue when a worker frees: after the backlog's delay, on average.
        started.add((t0 + t1) / 2 + Math.round(delay), startRate * dt, slowdown);
        cpuMicros += startRate * dt * model.cpuPerRequest();
        waitingAtRandom = startRate * waitProbability * waitMean / 1e6;

        // Downstream calls, and the chance that one of them fails: a call that falls back leaves
        // the request served (degraded); another fails it with its edge's status (a status passed
        // on from the callee counts as 502 here: the fluid mode does not follow callee statuses).
        double allCallsOk = 1;
        double noFallback = 1;
        if (callees.length > 0) {
            java.util.Arrays.fill(statusWeight, 0); // read only when a call can fail
        }
        for (int i = 0; i < callees.length; i++) {
            ServingModel.Call call = model.calls().get(i);
            callees[i].addCalls(call.timeout(), startRate * call.probability() * members, party);
            double fails = call.probability() * callees[i].failShare();
            if (call.onFailure().fallback()) {
                noFallback *= 1 - fails;
            } else {
                allCallsOk *= 1 - fails;
                int status = call.onFailure().status() == 0 ? RequestCause.DEPENDENCY_FAILED.status()
                        : call.onFailure().status();
                statusWeight[status - 500] += fails;
            }
        }
        double dependencyFails = 1 - allCallsOk;
        double degradedShare = allCallsOk * (1 - noFallback);

        // Latency samples: the wait ahead plus the hold time.
        for (int j = 0; j < WAIT_NODES; j++) {
            waitNodes[j] = waitMean * UNIT_WAIT_NODES[j];
        }
        for (int k = 0; k < samples; k++) {
            double wait = waitProbability > 0 && rng.nextDouble() < waitProbability
                    ? -waitMean * Math.log(1 - rng.nextDouble()) : 0;
            latencies[k] = delay + wait + holds[k];
        }

        for (int i = 0; i < flows; i++) {
            FluidService target = flowTarget[i];
            boolean entry = flowEntry[i];
            double v = flowVolume[i];
            double warmRefused = v * notWarm;
            double inQueue = v - warmRefused;
            double full = inQueue * refused;
            double started = inQueue - full;
            double late = started * exceeds(flowTimeout[i] - delay, waitProbability, slowdown);
            double answered = started - late;
            double depFailed = answered * dependencyFails;
            double appError = (answered - depFailed) * model.errorRatio();
            double ok = answered - depFailed - appError;
            outcome(target, entry, t0, RequestCause.NOT_WARMED_UP, warmRefused, members, ctx);
            outcome(target, entry, t0, RequestCause.QUEUE_FULL, full, members, ctx);
            outcome(target, entry, t0, RequestCause.TIMEOUT, late, members, ctx);
            outcome(target, entry, t0, RequestCause.DEPENDENCY_FAILED, depFailed, members, ctx);
            outcome(target, entry, t0, RequestCause.APP_ERROR, appError, members, ctx);
            if (entry && appError > 0 && model.errorStatus() != RequestCause.APP_ERROR.status()) {
                ctx.ledger().entryStatusShift(RequestCause.APP_ERROR.status(), model.errorStatus(), appError * members);
            }
            outcome(target, entry, t0, RequestCause.OK, ok, members, ctx);
            double degraded = answered * degradedShare * members;
            target.stats.degraded += degraded;
            if (entry) {
                ctx.ledger().entryDependencyOutcome(200, degraded);
            }
            if (entry && depFailed > 0) {
                double weights = 0;
                for (double w : statusWeight) {
                    weights += w;
                }
                for (int s = 0; s < statusWeight.length && depFailed > 0; s++) {
                    if (statusWeight[s] > 0) {
                        ctx.ledger().entryDependencyOutcome(500 + s, depFailed * members * statusWeight[s] / weights);
                    }
                }
            }
            if (ok > 0) {
                int within = 0;
                for (int k = 0; k < samples; k++) {
                    if (latencies[k] <= flowTimeout[i]) {
                        within++;
                    }
                }
                if (within == 0) {
                    target.recordLatency(flowTimeout[i], ok * members);
                } else {
                    for (int j = 0; j < samples; j++) {
                        if (latencies[j] <= flowTimeout[i]) {
                            target.recordLatency(Math.round(latencies[j]), ok * members / within);
                        }
                    }
                }
            }
        }
        rememberFlows(t0);
        return true;
    }

    /** {@code amount} requests of each of the {@code members} pods this state serves for ended with {@code cause}. */
    private void outcome(FluidService target, boolean entry, long time, RequestCause cause, double amount, double members,
                         FluidTraffic.StepContext ctx) {
        double all = amount * members;
        target.record(time, cause, all);
        if (serves != null) {
            serves.charge(time, cause, amount, target);
        } else {
            if (amount > 0) {
                ctx.ledger().pods().routed(tally(ctx.ledger().pods()), time, amount);
            }
            if (cause != RequestCause.OK) {
                ctx.ledger().failed(target.stats, podKey, cause, time, amount);
            }
        }
        ctx.ledger().meter(podKey, target.stats, time, all, cause != RequestCause.OK, -1);
        if (entry) {
            ctx.ledger().entryOutcome(cause, all);
        }
    }

    private void rememberFlows(long t0) {
        if (flows == 0) {
            return; // keep the last flows that had traffic: a draining pod still holds theirs
        }
        flowsRememberedAt = t0;
        if (lastTarget.length != flows) {
            lastTarget = new FluidService[flows];
            lastVolume = new double[flows];
            lastEntry = new boolean[flows];
        }
        System.arraycopy(flowTarget, 0, lastTarget, 0, flows);
        System.arraycopy(flowVolume, 0, lastVolume, 0, flows);
        System.arraycopy(flowEntry, 0, lastEntry, 0, flows);
        Arrays.fill(flowTarget, 0, flows, null);
        flows = 0;
    }

    /**
     * P(wait + hold > budget): the hold's survival function averaged over the random wait (no
     * wait, or an exponential one with the mean of {@code waitNodes}).
     */
    private double exceeds(double budget, double waitProbability, double slowdown) {
        if (budget <= 0) {
            return 1;
        }
        double p = (1 - waitProbability) * holdSurvival(budget, slowdown);
        double longestWait = waitNodes[WAIT_NODES - 1];
        if (waitProbability > 0 && budget > longestWait && holdSurvival(budget - longestWait, slowdown) < 1e-9) {
            // Even after the longest wait the budget is practically never exceeded (survival falls).
            return Math.min(1, p + waitProbability * 1e-9);
        }
        if (waitProbability > 0) {
            double sum = 0;
            for (double w : waitNodes) {
                sum += budget - w <= 0 ? 1 : holdSurvival(budget - w, slowdown);
            }
            p += waitProbability * sum / WAIT_NODES;
        }
        return Math.min(1, Math.max(0, p));
    }

    /** P(hold > y): the own service time's survival, or that of the slowest call made. */
    private double holdSurvival(double y, double slowdown) {
        double ownWithin = 1 - memo.survival(model.serviceTime(), y / slowdown);
        double allWithin = ownWithin;
        for (int i = 0; i < callees.length; i++) {
            allWithin *= 1 - model.calls().get(i).probability() * callees[i].latencySurvival(y);
        }
        return 1 - allWithin;
    }
}
