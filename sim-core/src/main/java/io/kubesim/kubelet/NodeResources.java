package io.kubesim.kubelet;

import io.kubesim.cluster.Node;
import io.kubesim.cluster.Pod;
import io.kubesim.engine.ScheduledEvent;
import io.kubesim.engine.SimTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What one node's containers use and what the node does about it: each housekeeping pass
 * measures every running container, OOM-kills those above their memory limit, lets the kernel's
 * OOM killer pick a victim when the node's memory is exhausted, splits the CPU
 * ({@link CpuAllocation}) and tells the traffic model how much slower requests are, and runs the
 * {@link EvictionManager}. Between passes it schedules a memory check for the instant a growing
 * container would reach its limit or the node its capacity, so OOM kills happen on time.
 *
 * <p>A pass measures only what can have changed since the last one. While the node's running
 * containers are the same, a container whose usage does not vary by itself (no growth, no bursts)
 * and that carries no request load uses what it used at the last pass, so the pass takes its last
 * working set and CPU demand from this node's arrays instead of asking it again; the CPU is split
 * anew only when some demand changed. The node's sums are still added in the kubelet's order over
 * every container, with the same values, so the figures are exactly those of a pass that measured
 * everything. Anything unusual (a container over its limit, the node out of memory, a kill) takes
 * the full pass.
 */
final class NodeResources {
    /** How often the eviction manager polls for an evicted pod's cleanup, and how long at most. */
    static final long CLEANUP_POLL = SimTime.seconds(1);
    static final long CLEANUP_TIMEOUT = SimTime.seconds(30);
    /**
     * Slowdowns within 0.1 % of the last one told to the traffic model are not told again, and
     * those under 1.001 count as none: below what a request's latency would show.
     */
    static final double SLOWDOWN_RESOLUTION = 1e-3;

    private final NodeAgentContext ctx;
    private final Kubelet kubelet;
    private final Node node;
    private final EvictionManager eviction;
    private final long memoryCapacity;
    private final double cpuCapacity;
    private final List<ContainerRunner> running = new ArrayList<>();
    /**
     * The containers running now, in the kubelet's order (its workers as it took them on, each
     * one's containers in order), kept as they start and end; each pass starts from a copy of it
     * ({@link #running}) instead of walking every worker.
     */
    private final List<ContainerRunner> live = new ArrayList<>();
    private static final java.util.Comparator<ContainerRunner> KUBELET_ORDER =
            java.util.Comparator.comparingLong((ContainerRunner c) -> c.worker().sequence())
                    .thenComparingInt(ContainerRunner::index);
    /** Tests: every pass also walks the workers and fails if {@link #live} differs. */
    private static boolean checkLive;
    private double[] demand = new double[16];
    private double[] limit = new double[16];
    private double[] shares = new double[16];
    private double[] allocated = new double[16];
    private boolean[] satisfied = new boolean[16];
    /** Bumped whenever {@link #live} changes: the arrays below describe {@link #running} while it is unchanged. */
    private long liveVersion;
    /** The {@link #liveVersion} the per-container arrays were built for; -1 when they describe nothing. */
    private long cachedVersion = -1;
    /** Per slot of {@link #running}: working set when last measured, the CPU share of its service time. */
    private double[] memory = new double[16];
    private double[] cpuShare = new double[16];
    /** Per slot: the slowdown last told to the traffic model (the container's own, mirrored). */
    private double[] slowdownTold = new double[16];
    private double[] previousAllocated = new double[16];
    /** Per slot: {@link #VARIES}, {@link #LOADED}, {@link #TOUCHED}. */
    private byte[] flags = new byte[16];
    /** Its usage changes by itself (growth or bursts): measured at every pass. */
    private static final byte VARIES = 1;
    /** It carried request load after the last pass: this pass forgets it unless reported again. */
    private static final byte LOADED = 2;
    /** The traffic model reported its load for this pass. */
    private static final byte TOUCHED = 4;
    /** Tests: measure every container at every pass (the reference the incremental pass must equal). */
    private static boolean measureEverything;
    /** Containers measured (asked for their usage) by passes so far (for tests). */
    private long containersMeasured;
    /** Idle CPU after the last split. */
    private double spare;
    private ScheduledEvent memoryCheck;
    private ScheduledEvent cleanupWait;
    private double cpuUsed;
    private double workingSet;
    private long oomKills;
    /** The node's usage series, looked up once (see {@link ResourceMonitor}). */
    io.kubesim.metrics.TimeSeries[] series;

    NodeResources(NodeAgentContext ctx, Kubelet kubelet, EvictionConfig config) {
        this.ctx = ctx;
        this.kubelet = kubelet;
        this.node = kubelet.node();
        this.eviction = new EvictionManager(ctx, node, config);
        this.memoryCapacity = node.capacity().memoryBytes();
        this.cpuCapacity = node.capacity().cpuMillis() / 1000.0;
    }

    /** One housekeeping pass at {@code now}: measure, kill, allocate CPU, evict. */
    void housekeeping(long now, long period, long pass) {
        collectRunning();
        if (measureEverything || cachedVersion != liveVersion || !changedOnly(now, pass)) {
            fullPass(now, pass);
        }
        if (cleanupWait == null) {
            synchronizeEviction(now);
        }
        scheduleMemoryCheck(now, period);
    }

    /** Measures every running container, kills what must be killed, splits the CPU, and keeps the arrays. */
    private void fullPass(long now, long pass) {
        for (ContainerRunner c : running) {
            c.usage().settleLoad(pass);
        }
        int measured = running.size();
        containersMeasured += measured;
        ensureSlots(measured);
        killOverLimit(now);
        killForNode(now);
        allocateCpu(now);
        if (running.size() != measured) {
            return; // a kill: the kill paths dropped the arrays, and the next pass measures everything
        }
        for (int i = 0; i < running.size(); i++) {
            ContainerRunner c = running.get(i);
            ContainerUsage u = c.usage();
            c.housekeepingSlot = i; // cpuShare[i] was kept by allocateCpu
            slowdownTold[i] = u.slowdown;
            flags[i] = (byte) ((u.model().changesOverTime() ? VARIES : 0) | (u.hasLoad() ? LOADED : 0));
        }
        cachedVersion = liveVersion;
    }

    /**
     * The pass over the same running containers as the last one: measures only those whose usage
     * may have changed (flagged), keeps the others' last figures, and splits the CPU again only if
     * a demand changed. Returns false, having changed nothing a full pass would not redo, when a
     * kill is due: then the full pass runs.
     */
    private boolean changedOnly(long now, long pass) {
        int n = running.size();
        int measured = 0;
        for (int i = 0; i < n; i++) {
            if (flags[i] != 0) {
                ContainerRunner c = running.get(i);
                ContainerUsage u = c.usage();
                u.settleLoad(pass);
                double used = u.memoryAt(now, c.startedAt());
                if (u.memoryLimit != Long.MAX_VALUE && used >= u.memoryLimit) {
                    return false;
                }
                memory[i] = used;
                measured++;
            }
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += memory[i];
        }
        if (total >= memoryCapacity) {
            return false;
        }
        workingSet = total;
        containersMeasured += measured;
        boolean demandChanged = false;
        for (int i = 0; i < n; i++) {
            if (flags[i] != 0) {
                ContainerUsage u = running.get(i).usage();
                double d = u.cpuDemandAt(now);
                u.cpuDemand = d;
                if (Double.doubleToRawLongBits(d) != Double.doubleToRawLongBits(demand[i])) {
                    demand[i] = d;
                    demandChanged = true;
                }
                flags[i] = (byte) ((flags[i] & VARIES) | (u.hasLoad() ? LOADED : 0));
            }
        }
        if (demandChanged) {
            System.arraycopy(allocated, 0, previousAllocated, 0, n);
            CpuAllocation.allocate(n, demand, limit, shares, cpuCapacity, allocated, satisfied);
            spareAndUsed(n);
            for (int i = 0; i < n; i++) {
                if (Double.doubleToRawLongBits(allocated[i]) != Double.doubleToRawLongBits(previousAllocated[i])) {
                    running.get(i).usage().cpuAllocated = allocated[i];
                }
                // A container whose requests cost no CPU is never slowed (factor 1 whatever it gets).
                if (cpuShare[i] > 0) {
                    double f = slowdown(i);
                    if (Math.abs(f - slowdownTold[i]) > SLOWDOWN_RESOLUTION * slowdownTold[i]) {
                        slowdownTold[i] = f;
                        ContainerRunner c = running.get(i);
                        c.usage().slowdown = f;
                        c.cpuSlowdownChanged(f);
                    }
                }
            }
        }
        return true;
    }

    /** The traffic model reported {@code c}'s request load for the coming pass. */
    void loadObserved(ContainerRunner c) {
        int slot = c.housekeepingSlot;
        if (cachedVersion == liveVersion && slot >= 0 && slot < running.size() && running.get(slot) == c) {
            flags[slot] |= TOUCHED;
        }
    }

    private void ensureSlots(int n) {
        if (demand.length < n) {
            int size = Math.max(Math.max(n, 16), demand.length * 2);
            demand = new double[size];
            limit = new double[size];
            shares = new double[size];
            allocated = new double[size];
            satisfied = new boolean[size];
            memory = new double[size];
            cpuShare = new double[size];
            slowdownTold = new double[size];
            previousAllocated = new double[size];
            flags = new byte[size];
        }
    }

    /**
     * Lets the per-container arrays go (the monitor keeps a departed node's object for the summary;
     * a node-pool upgrade departs every node once); {@link #ensureSlots} makes them again if the
     * machine comes back.
     */
    private void releaseSlots() {
        demand = new double[0];
        limit = new double[0];
        shares = new double[0];
        allocated = new double[0];
        satisfied = new boolean[0];
        memory = new double[0];
        cpuShare = new double[0];
        slowdownTold = new double[0];
        previousAllocated = new double[0];
        flags = new byte[0];
    }

    /** Tests: measure every container at every pass, as before passes measured only what changed. */
    static void measureEverything(boolean on) {
        measureEverything = on;
    }

    /** How many containers the per-container arrays have room for (none once the node is gone). */
    int slots() {
        return demand.length;
    }

    /** Containers asked for their usage by this node's passes so far. */
    long containersMeasured() {
        return containersMeasured;
    }

    private void collectRunning() {
        running.clear();
        running.addAll(live);
        if (checkLive) {
            List<ContainerRunner> walked = new ArrayList<>();
            for (PodWorker w : kubelet.workers()) {
                for (ContainerRunner c : w.containers()) {
                    if (c.isRunning()) {
                        walked.add(c);
                    }
                }
            }
            if (!walked.equals(running)) {
                throw new IllegalStateException("node " + kubelet.node().name() + ": running containers kept as "
                        + names(running) + " but the workers run " + names(walked));
            }
        }
    }

    private static List<String> names(List<ContainerRunner> containers) {
        List<String> out = new ArrayList<>();
        for (ContainerRunner c : containers) {
            out.add(c.pod().name() + "/" + c.name());
        }
        return out;
    }

    /** Tests: make every housekeeping pass check the kept list of running containers against a walk. */
    static void checkRunningList(boolean on) {
        checkLive = on;
    }

    /** A container of an attached worker started ({@code running}) or its process ended. */
    void runningChanged(ContainerRunner c, boolean running) {
        int at = java.util.Collections.binarySearch(live, c, KUBELET_ORDER);
        if (running && at < 0) {
            live.add(-at - 1, c);
            liveVersion++;
        } else if (!running && at >= 0) {
            live.remove(at);
            liveVersion++;
        }
    }

    /** The kubelet let {@code w} go: its containers are no longer this node's. */
    void forget(PodWorker w) {
        if (live.removeIf(c -> c.worker() == w)) {
            liveVersion++;
        }
    }

    /** The kubelet let every worker go. */
    void forgetAll() {
        live.clear();
        liveVersion++;
    }

    private void killOverLimit(long now) {
        for (int i = running.size() - 1; i >= 0; i--) {
            ContainerRunner c = running.get(i);
            ContainerUsage u = c.usage();
            double used = u.memoryAt(now, c.startedAt());
            if (u.memoryLimit != Long.MAX_VALUE && used >= u.memoryLimit) {
                oomKills++;
                c.oomKilled("Container " + c.name() + " was OOMKilled: its working set reached its memory limit "
                        + MemoryQuantity.format(u.memoryLimit));
                running.remove(i);
                cachedVersion = -1;
            }
        }
    }

    /**
     * When the containers together use the whole machine, the kernel kills the process with the
     * highest badness ({@link OomScore}), until the rest fit.
     */
    private void killForNode(long now) {
        ensureSlots(running.size());
        double total = 0;
        for (int i = 0; i < running.size(); i++) {
            ContainerRunner c = running.get(i);
            double used = c.usage().memoryAt(now, c.startedAt());
            memory[i] = used;
            total += used;
        }
        while (total >= memoryCapacity && !running.isEmpty()) {
            int worst = -1;
            double worstScore = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < running.size(); i++) {
                ContainerRunner c = running.get(i);
                int adj = OomScore.forContainer(c.pod(), c.spec(), memoryCapacity);
                double score = OomScore.badness(c.usage().memoryAt(now, c.startedAt()), memoryCapacity, adj);
                if (score > worstScore) {
                    worstScore = score;
                    worst = i;
                }
            }
            ContainerRunner victim = running.remove(worst);
            cachedVersion = -1;
            oomKills++;
            total -= victim.usage().memoryAt(now, victim.startedAt());
            ctx.events().warning(NodeAgentContext.SOURCE, node, "SystemOOM",
                    "System OOM encountered, victim process: " + victim.name());
            victim.oomKilled("Container " + victim.name() + " was OOMKilled by the node's OOM killer: the node ran out "
                    + "of memory");
        }
        workingSet = total;
    }

    private void allocateCpu(long now) {
        int n = running.size();
        ensureSlots(n);
        for (int i = 0; i < n; i++) {
            ContainerUsage u = running.get(i).usage();
            u.cpuDemand = u.cpuDemandAt(now);
            demand[i] = u.cpuDemand;
            limit[i] = u.cpuLimit;
            shares[i] = u.shares();
        }
        CpuAllocation.allocate(n, demand, limit, shares, cpuCapacity, allocated, satisfied);
        spareAndUsed(n);
        for (int i = 0; i < n; i++) {
            ContainerRunner c = running.get(i);
            ContainerUsage u = c.usage();
            u.cpuAllocated = allocated[i];
            cpuShare[i] = u.cpuShareOfService();
            double f = slowdown(i);
            if (Math.abs(f - u.slowdown) > SLOWDOWN_RESOLUTION * u.slowdown) {
                u.slowdown = f;
                c.cpuSlowdownChanged(f);
            }
        }
    }

    /** The idle CPU after the split and what the containers use, added in the kubelet's order. */
    private void spareAndUsed(int n) {
        double idle = cpuCapacity;
        for (int i = 0; i < n; i++) {
            idle -= allocated[i];
        }
        spare = Math.max(0, idle);
        cpuUsed = 0;
        for (int i = 0; i < n; i++) {
            cpuUsed += Math.min(demand[i], allocated[i]);
        }
    }

    /** How much slower slot {@code i} serves: it may use its allocation plus the idle CPU, at most its limit. */
    private double slowdown(int i) {
        double available = Math.min(limit[i], allocated[i] + spare);
        double f = CpuSlowdown.factor(demand[i], available, cpuShare[i]);
        return f < 1 + SLOWDOWN_RESOLUTION ? 1.0 : f;
    }

    private void synchronizeEviction(long now) {
        EvictionManager.Decision d = eviction.synchronize(now, workingSet, () -> evictionCandidates(now));
        if (d != null) {
            d.victim().evict(d.graceSeconds(), d.message());
            waitForCleanup(d.victim(), now + CLEANUP_TIMEOUT);
        }
    }

    /** The pods not already stopping, with what each container uses now. */
    private List<EvictionManager.RankedPod> evictionCandidates(long now) {
        List<EvictionManager.RankedPod> pods = new ArrayList<>();
        for (PodWorker w : kubelet.workers()) {
            if (w.isTerminating()) {
                continue;
            }
            double podUsage = 0;
            List<EvictionManager.ContainerMemory> containers = new ArrayList<>();
            for (ContainerRunner c : w.containers()) {
                double used = c.isRunning() ? c.usage().memoryAt(now, c.startedAt()) : 0;
                podUsage += used;
                containers.add(new EvictionManager.ContainerMemory(c.name(), used, c.usage().memoryRequest));
            }
            Pod p = w.pod();
            pods.add(new EvictionManager.RankedPod(w, new EvictionRanking.Candidate(p.name(), podUsage,
                    p.requests().memoryBytes(), p.priority()), p.spec().terminationGracePeriodSeconds(), containers));
        }
        return pods;
    }

    /** Polls each second until the evicted pod is gone or 30 s passed, then synchronises again. */
    private void waitForCleanup(PodWorker victim, long deadline) {
        cleanupWait = ctx.sim().schedule(CLEANUP_POLL, () -> {
            long now = ctx.sim().now();
            if (kubelet.hasWorker(victim) && now < deadline) {
                waitForCleanup(victim, deadline);
                return;
            }
            cleanupWait = null;
            collectRunning();
            workingSet = 0;
            for (ContainerRunner c : running) {
                workingSet += c.usage().memoryAt(now, c.startedAt());
            }
            synchronizeEviction(now);
        });
    }

    /**
     * Schedules a check at the first instant before the next pass when a growing container would
     * reach its memory limit, the node its capacity, or a burst starts or ends.
     */
    private void scheduleMemoryCheck(long now, long period) {
        if (memoryCheck != null) {
            memoryCheck.cancel();
            memoryCheck = null;
        }
        long at = Long.MAX_VALUE;
        double growth = 0;
        // Only a container whose usage varies by itself grows or bursts; the arrays say which.
        boolean flagged = cachedVersion == liveVersion;
        for (int i = 0; i < running.size(); i++) {
            if (flagged && (flags[i] & VARIES) == 0) {
                continue;
            }
            ContainerRunner c = running.get(i);
            ContainerUsage u = c.usage();
            double g = u.growthPerMicro();
            growth += g;
            if (g > 0 && u.memoryLimit != Long.MAX_VALUE) {
                double left = u.memoryLimit - u.memoryAt(now, c.startedAt());
                at = Math.min(at, now + Math.max(1, (long) Math.ceil(left / g)));
            }
            if (u.model().burst() != null) {
                at = Math.min(at, u.model().burst().nextChange(now));
            }
        }
        if (growth > 0) {
            at = Math.min(at, now + Math.max(1, (long) Math.ceil((memoryCapacity - workingSet) / growth)));
        }
        if (at < now + period) {
            memoryCheck = ctx.sim().scheduleAt(at, () -> {
                memoryCheck = null;
                long t = ctx.sim().now();
                collectRunning();
                killOverLimit(t);
                killForNode(t);
                scheduleMemoryCheck(t, period - (t - now));
            });
        }
    }

    double cpuUsed() {
        return cpuUsed;
    }

    /** The containers the last pass measured (none once the node is gone). */
    int measuredContainers() {
        return running.size();
    }

    double workingSet() {
        return workingSet;
    }

    double cpuCapacity() {
        return cpuCapacity;
    }

    long memoryCapacity() {
        return memoryCapacity;
    }

    long oomKills() {
        return oomKills;
    }

    EvictionManager eviction() {
        return eviction;
    }

    /** The machine went down: nothing more is measured; a pressure period ends here. */
    void machineDown(long now) {
        stop();
        cleanupWait = null;
        memoryCheck = null;
        eviction.machineDown(now);
        workingSet = 0;
        cpuUsed = 0;
    }

    /** The machine is back with nothing running: the eviction manager starts afresh. */
    void recovered() {
        eviction.restart();
    }

    /**
     * The node went away (or its machine is down): nothing more is scheduled for it, and the
     * containers of its last pass are let go (the monitor keeps this object for the summary after
     * the node is gone; holding them kept every pod the node ever ran alive).
     */
    void stop() {
        running.clear();
        cachedVersion = -1;
        releaseSlots();
        if (memoryCheck != null) {
            memoryCheck.cancel();
        }
        if (cleanupWait != null) {
            cleanupWait.cancel();
        }
    }
}
