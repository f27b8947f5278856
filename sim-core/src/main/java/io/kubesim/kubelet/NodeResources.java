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
        for (ContainerRunner c : running) {
            c.usage().settleLoad(pass);
        }
        killOverLimit(now);
        killForNode(now);
        allocateCpu(now);
        if (cleanupWait == null) {
            synchronizeEviction(now);
        }
        scheduleMemoryCheck(now, period);
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
        } else if (!running && at >= 0) {
            live.remove(at);
        }
    }

    /** The kubelet let {@code w} go: its containers are no longer this node's. */
    void forget(PodWorker w) {
        live.removeIf(c -> c.worker() == w);
    }

    /** The kubelet let every worker go. */
    void forgetAll() {
        live.clear();
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
            }
        }
    }

    /**
     * When the containers together use the whole machine, the kernel kills the process with the
     * highest badness ({@link OomScore}), until the rest fit.
     */
    private void killForNode(long now) {
        double total = 0;
        for (ContainerRunner c : running) {
            total += c.usage().memoryAt(now, c.startedAt());
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
        if (demand.length < n) {
            int size = Math.max(n, demand.length * 2);
            demand = new double[size];
            limit = new double[size];
            shares = new double[size];
            allocated = new double[size];
            satisfied = new boolean[size];
        }
        for (int i = 0; i < n; i++) {
            ContainerUsage u = running.get(i).usage();
            u.cpuDemand = u.cpuDemandAt(now);
            demand[i] = u.cpuDemand;
            limit[i] = u.cpuLimit;
            shares[i] = u.shares();
        }
        CpuAllocation.allocate(n, demand, limit, shares, cpuCapacity, allocated, satisfied);
        double spare = cpuCapacity;
        for (int i = 0; i < n; i++) {
            spare -= allocated[i];
        }
        spare = Math.max(0, spare);
        cpuUsed = 0;
        for (int i = 0; i < n; i++) {
            ContainerRunner c = running.get(i);
            ContainerUsage u = c.usage();
            u.cpuAllocated = allocated[i];
            cpuUsed += u.cpuUsed();
            // What it could use: its allocation plus the idle CPU, at most its limit.
            double available = Math.min(u.cpuLimit, allocated[i] + spare);
            double f = CpuSlowdown.factor(u.cpuDemand, available, u.cpuShareOfService());
            if (f < 1 + SLOWDOWN_RESOLUTION) {
                f = 1.0;
            }
            if (Math.abs(f - u.slowdown) > SLOWDOWN_RESOLUTION * u.slowdown) {
                u.slowdown = f;
                c.cpuSlowdownChanged(f);
            }
        }
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
        for (ContainerRunner c : running) {
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
        if (memoryCheck != null) {
            memoryCheck.cancel();
        }
        if (cleanupWait != null) {
            cleanupWait.cancel();
        }
    }
}
