package io.kubesim.scheduler;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.ConditionStatus;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.WatchEventType;
import io.kubesim.engine.ScheduledEvent;
import io.kubesim.engine.Simulation;
import io.kubesim.metrics.EventRecorder;
import io.kubesim.scheduler.framework.Code;
import io.kubesim.scheduler.framework.CycleState;
import io.kubesim.scheduler.framework.FilterPlugin;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.scheduler.framework.PostFilterPlugin;
import io.kubesim.scheduler.framework.PostFilterResult;
import io.kubesim.scheduler.framework.PreFilterPlugin;
import io.kubesim.scheduler.framework.ScorePlugin;
import io.kubesim.scheduler.framework.Status;
import io.kubesim.scheduler.plugins.DefaultPreemption;
import io.kubesim.scheduler.plugins.FailureMessage;
import io.kubesim.scheduler.plugins.ImageLocality;
import io.kubesim.scheduler.plugins.InterPodAffinity;
import io.kubesim.scheduler.plugins.NodeAffinity;
import io.kubesim.scheduler.plugins.NodeName;
import io.kubesim.scheduler.plugins.NodePorts;
import io.kubesim.scheduler.plugins.NodeResourcesBalancedAllocation;
import io.kubesim.scheduler.plugins.NodeResourcesFit;
import io.kubesim.scheduler.plugins.NodeUnschedulable;
import io.kubesim.scheduler.plugins.PodTopologySpread;
import io.kubesim.scheduler.plugins.TaintToleration;
import io.kubesim.scheduler.plugins.VolumeBinding;
import io.kubesim.scheduler.plugins.VolumeRestrictions;
import io.kubesim.scheduler.plugins.VolumeZone;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The kube-scheduler with the default profile (k8s-semantics.md section 3): watches pods and
 * nodes, keeps a {@link SchedulerCache} and a {@link SchedulingQueue}, and runs one scheduling
 * cycle per engine event: PreFilter, Filter over a round-robin sample of
 * {@link #numFeasibleNodesToFind} nodes, DefaultPreemption when nothing fits, Score, selectHost
 * with random tie-breaks from the seeded "scheduler" stream, then the bind after
 * {@link SchedulerConfig#bindLatency()}.
 *
 * <p>It schedules pods whose {@code spec.schedulerName} is its name and that are unbound, not
 * deleting and not terminal; pods created bound bypass it but count in its cache. Every attempt
 * is recorded in the {@link SchedulingDecisionLog} for {@code kubesim explain}.
 *
 * <p>While pods wait in backoff or in the unschedulable pool the scheduler keeps timers in the
 * engine (the 1 s backoff flush, the 30 s leftover flush), so run the simulation with an end time.
 */
public final class Scheduler {
    /** The event source, as upstream reports it. */
    public static final String COMPONENT = "default-scheduler";
    public static final String RANDOM_STREAM = "scheduler";
    public static final String PREEMPTION_RANDOM_STREAM = "scheduler-preemption";
    static final int MIN_FEASIBLE_NODES_TO_FIND = 100;
    static final int MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;
    static final String NO_NODES_AVAILABLE = "no nodes available to schedule pods";

    private final ClusterStore store;
    private final Simulation sim;
    private final EventRecorder recorder;
    private final SchedulerConfig config;
    private final SchedulerCache cache;
    private final SchedulingQueue queue;
    private final Nominator nominator = new Nominator();
    private final SchedulingFramework framework;
    private final PostFilterPlugin postFilter;
    private final VolumeBinding volumeBinding;
    private final SchedulingDecisionLog decisions;
    private final RandomGenerator rng;
    private int nextStartNodeIndex;
    private boolean started;
    private long startTime;
    private long lastCycleTime = Long.MIN_VALUE;
    private ScheduledEvent cycleEvent;
    /** See {@link #scoreRows}. */
    private long[][] scoreRows;
    /** The cycle's weighted totals per feasible node, kept with {@link #scoreRows}. */
    private long[] scoreTotals;
    /**
     * The cycle's feasible nodes and the rejected ones with their statuses: cleared at the start of
     * each cycle and only read within it (the decision log copies what it keeps), so a cycle at
     * scale does not allocate a list of hundreds of nodes.
     */
    private final List<NodeInfo> feasible = new ArrayList<>();
    private final List<NodeInfo> failedNodes = new ArrayList<>();
    private final List<Status> failedStatuses = new ArrayList<>();
    private ScheduledEvent backoffTimer;
    private ScheduledEvent leftoverTimer;
    private long attempts;
    private long scheduled;
    private long failedAttempts;
    private long preemptions;
    private long preemptedPods;
    /** Victims by their workload, keyed {@code namespace/name} (sorted, for stable output). */
    private final java.util.SortedMap<String, Long> preemptedByWorkload = new java.util.TreeMap<>();

    public Scheduler(ClusterStore store, EventRecorder recorder, SchedulerConfig config) {
        this(store, recorder, config, VolumeBinding.StorageCapacity.UNLIMITED);
    }

    /**
     * @param storageCapacity where each StorageClass can provision volumes, for VolumeBinding's
     *                        capacity check (upstream CSIStorageCapacity)
     */
    public Scheduler(ClusterStore store, EventRecorder recorder, SchedulerConfig config,
                     VolumeBinding.StorageCapacity storageCapacity) {
        this.store = store;
        this.sim = store.sim();
        this.recorder = recorder;
        this.config = config;
        this.cache = new SchedulerCache(store);
        this.queue = new SchedulingQueue(config.podInitialBackoff(), config.podMaxBackoff(),
                config.podMaxInUnschedulablePods());
        this.decisions = new SchedulingDecisionLog(config.decisionLogCapacity());
        this.rng = sim.random().stream(RANDOM_STREAM);

        TaintToleration taintToleration = new TaintToleration();
        NodeAffinity nodeAffinity = new NodeAffinity();
        NodeResourcesFit fit = new NodeResourcesFit(config.leastAllocatedCpuWeight(), config.leastAllocatedMemoryWeight());
        PodTopologySpread spread = new PodTopologySpread(cache, config.systemDefaultSpreading());
        InterPodAffinity interPodAffinity = new InterPodAffinity(cache, config.hardPodAffinityWeight());
        NodeName nodeName = new NodeName();
        NodePorts nodePorts = new NodePorts();
        VolumeRestrictions volumeRestrictions = new VolumeRestrictions(store);
        this.volumeBinding = new VolumeBinding(store, storageCapacity);
        VolumeZone volumeZone = new VolumeZone(store);
        // k8s-semantics.md 3.1: Filter order of the default profile (14.3: VolumeRestrictions,
        // VolumeBinding, VolumeZone after NodeResourcesFit; each skips a pod without claims).
        List<FilterPlugin> filters = List.of(new NodeUnschedulable(), nodeName, taintToleration, nodeAffinity,
                nodePorts, fit, volumeRestrictions, volumeBinding, volumeZone, spread, interPodAffinity);
        List<PreFilterPlugin> preFilters = List.of(nodeName, nodeAffinity, nodePorts, volumeRestrictions,
                volumeBinding, volumeZone, spread, interPodAffinity);
        List<ScorePlugin> allScorers = List.of(taintToleration, nodeAffinity, fit, spread, interPodAffinity,
                new NodeResourcesBalancedAllocation(), new ImageLocality(cache, config.imageSizes()));
        List<ScorePlugin> scorers = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        for (ScorePlugin s : allScorers) {
            int w = config.weight(s.name());
            if (w != 0) {
                scorers.add(s);
                weights.add(w);
            }
        }
        int[] w = new int[weights.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights.get(i);
        }
        this.framework = new SchedulingFramework(preFilters, filters, scorers, w, nominator);
        RandomGenerator preemptionRng = sim.random().stream(PREEMPTION_RANDOM_STREAM);
        this.postFilter = new DefaultPreemption(cache, framework, preemptionRng::nextInt, sim::now,
                config.minCandidateNodesPercentage(), config.minCandidateNodesAbsolute(),
                store.podDisruptionBudgets()::list);
    }

    /**
     * Registers the node and pod watches and takes in what the store already holds (the
     * informers' initial list). Idempotent.
     */
    public void start() {
        if (started) {
            return;
        }
        started = true;
        startTime = sim.now();
        store.nodes().watch(this::onNodeEvent, config.watchLatency());
        store.pods().watch(this::onPodEvent, config.watchLatency());
        // Claims and volumes: a bound claim or a new volume may let a pod waiting on VolumeBinding
        // through (no such event happens in a cluster without them).
        store.persistentVolumeClaims().watch((type, c) -> onStorageEvent(ClusterEventType.PVC_CHANGE),
                config.watchLatency());
        store.persistentVolumes().watch((type, pv) -> onStorageEvent(ClusterEventType.PV_CHANGE),
                config.watchLatency());
        for (Node n : new ArrayList<>(store.nodes().list())) {
            onNodeEvent(WatchEventType.ADDED, n);
        }
        for (Pod p : new ArrayList<>(store.pods().list())) {
            onPodEvent(WatchEventType.ADDED, p);
        }
    }

    public SchedulerConfig config() {
        return config;
    }

    /** Why each pod went where it went (or nowhere). */
    public SchedulingDecisionLog decisionLog() {
        return decisions;
    }

    /** The queue, for metrics (pending, backoff, unschedulable counts). */
    public SchedulingQueue queue() {
        return queue;
    }

    /** The cache's node view, for tests and explain. */
    public SchedulerCache cache() {
        return cache;
    }

    /** Scheduling attempts so far. */
    public long attempts() {
        return attempts;
    }

    /** Pods placed (bind issued) so far. */
    public long scheduledCount() {
        return scheduled;
    }

    public long failedAttempts() {
        return failedAttempts;
    }

    /** Preemptions carried out (victims evicted for a nominated pod). */
    public long preemptions() {
        return preemptions;
    }

    /**
     * Distinct victims by workload, keyed {@code namespace/name}: the Deployment of a
     * ReplicaSet-owned pod, else the pod's owner, else the pod itself (summary.json
     * {@code pods.preemptedByWorkload}).
     */
    public java.util.SortedMap<String, Long> preemptedByWorkload() {
        return java.util.Collections.unmodifiableSortedMap(preemptedByWorkload);
    }

    private String workloadOf(Pod p) {
        io.kubesim.cluster.OwnerReference owner = p.metadata().owner();
        if (owner == null) {
            return p.name();
        }
        if (io.kubesim.cluster.ReplicaSet.KIND.equals(owner.kind())) {
            io.kubesim.cluster.ReplicaSet rs = store.replicaSets().get(p.namespace(), owner.name());
            if (rs != null && rs.metadata().owner() != null) {
                return rs.metadata().owner().name();
            }
        }
        return owner.name();
    }

    /** Victims evicted by preemption so far, each pod once (summary.json {@code pods.preempted}). */
    public long preemptedPods() {
        return preemptedPods;
    }

    /**
     * upstream numFeasibleNodesToFind (k8s-semantics.md 3.3): all nodes below 100 or at 100 %;
     * else {@code max(N * pct / 100, 100)} with the adaptive {@code pct = max(50 - N/125, 5)}
     * when the configured percentage is 0. N=1000 gives 420; N=6000 gives 300.
     */
    public static int numFeasibleNodesToFind(int percentageOfNodesToScore, int numAllNodes) {
        if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND || percentageOfNodesToScore >= 100) {
            return numAllNodes;
        }
        int pct = percentageOfNodesToScore;
        if (pct <= 0) {
            pct = Math.max(50 - numAllNodes / 125, MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND);
        }
        int n = (int) ((long) numAllNodes * pct / 100);
        return Math.max(n, MIN_FEASIBLE_NODES_TO_FIND);
    }

    // ---- watches ------------------------------------------------------------------------------

    private boolean responsibleFor(Pod pod) {
        return pod.spec().schedulerName().equals(config.schedulerName()) && !pod.isBound()
                && !pod.metadata().isDeleting() && !pod.isTerminal();
    }

    void onNodeEvent(WatchEventType type, Node node) {
        long now = sim.now();
        switch (type) {
            case ADDED -> {
                if (cache.addNode(node)) {
                    queue.moveAllToActiveOrBackoff(ClusterEventType.NODE_ADD, now);
                }
            }
            case MODIFIED -> {
                if (!store.nodes().contains(node)) {
                    return;
                }
                if (cache.updateNode(node)) {
                    queue.moveAllToActiveOrBackoff(ClusterEventType.NODE_UPDATE, now);
                }
            }
            case DELETED -> cache.removeNode(node);
        }
        afterQueueChange();
    }

    private void onStorageEvent(ClusterEventType event) {
        queue.moveAllToActiveOrBackoff(event, sim.now());
        afterQueueChange();
    }

    void onPodEvent(WatchEventType type, Pod pod) {
        long now = sim.now();
        if (type == WatchEventType.DELETED || !store.pods().contains(pod)) {
            queue.remove(pod);
            nominator.remove(pod);
            if (cache.removePod(pod)) {
                queue.moveAllToActiveOrBackoff(ClusterEventType.ASSIGNED_POD_DELETE, now);
            }
        } else if (pod.isBound()) {
            queue.remove(pod);
            nominator.remove(pod);
            if (pod.isTerminal()) {
                // upstream's pod informer excludes Succeeded and Failed pods: they free their room.
                if (cache.removePod(pod)) {
                    queue.moveAllToActiveOrBackoff(ClusterEventType.ASSIGNED_POD_DELETE, now);
                }
            } else if (!cache.contains(pod) || cache.isAssumed(pod)) {
                cache.addPod(pod);
                queue.moveAllToActiveOrBackoff(ClusterEventType.ASSIGNED_POD_ADD, now);
            } else if (cache.updatePod(pod)) {
                queue.moveAllToActiveOrBackoff(ClusterEventType.ASSIGNED_POD_UPDATE, now);
            }
        } else if (cache.isAssumed(pod)) {
            return; // placed, bind pending: not the queue's any more
        } else if (responsibleFor(pod)) {
            if (!queue.add(pod, now)) {
                queue.update(pod, now);
            }
        } else {
            queue.remove(pod);
            nominator.remove(pod);
        }
        afterQueueChange();
    }

    // ---- timers -------------------------------------------------------------------------------

    private void afterQueueChange() {
        ensureCycle();
        armBackoffTimer();
        armLeftoverTimer();
    }

    private void ensureCycle() {
        if (queue.activeSize() == 0 || (cycleEvent != null && cycleEvent.isPending())) {
            return;
        }
        long at = lastCycleTime == Long.MIN_VALUE ? sim.now()
                : Math.max(sim.now(), lastCycleTime + config.cycleDuration());
        cycleEvent = sim.scheduleAt(at, this::runCycle);
    }

    /** Backoff is flushed on ticks every backoffFlushInterval from start, as upstream's 1 s loop. */
    private void armBackoffTimer() {
        long expiry = queue.nextBackoffExpiry();
        if (expiry < 0) {
            return;
        }
        long interval = config.backoffFlushInterval();
        long ticks = Math.max(0, -Math.floorDiv(-(expiry - startTime), interval));
        long at = Math.max(sim.now(), startTime + ticks * interval);
        if (backoffTimer != null && backoffTimer.isPending()) {
            if (backoffTimer.time() <= at) {
                return;
            }
            backoffTimer.cancel();
        }
        backoffTimer = sim.scheduleAt(at, this::onBackoffFlush);
    }

    private void onBackoffFlush() {
        backoffTimer = null;
        queue.flushBackoffCompleted(sim.now());
        afterQueueChange();
    }

    private void armLeftoverTimer() {
        if (queue.unschedulableSize() == 0 || (leftoverTimer != null && leftoverTimer.isPending())) {
            return;
        }
        long interval = config.unschedulableFlushInterval();
        long at = startTime + (Math.floorDiv(sim.now() - startTime, interval) + 1) * interval;
        leftoverTimer = sim.scheduleAt(at, this::onLeftoverFlush);
    }

    private void onLeftoverFlush() {
        leftoverTimer = null;
        queue.flushUnschedulableLeftover(sim.now());
        afterQueueChange();
    }

    // ---- the scheduling cycle -----------------------------------------------------------------

    private void runCycle() {
        cycleEvent = null;
        lastCycleTime = sim.now();
        QueuedPodInfo q = queue.pop();
        if (q != null) {
            Pod pod = q.pod();
            if (!store.pods().contains(pod) || !responsibleFor(pod)) {
                queue.done(q);
            } else {
                scheduleOne(q);
            }
        }
        afterQueueChange();
    }

    private void scheduleOne(QueuedPodInfo q) {
        attempts++;
        Pod pod = q.pod();
        PodInfo pi = q.podInfo();
        List<NodeInfo> nodes = cache.nodeInfos();
        int n = nodes.size();
        if (n == 0) {
            fail(q, pi, 0, NO_NODES_AVAILABLE, true, Set.of(), List.of(), List.of(), null);
            return;
        }
        CycleState state = new CycleState();
        Status pre = framework.runPreFilter(state, pi);
        if (!pre.isSuccess()) {
            // k8s-semantics.md 3.3 step 1: every node gets the PreFilter status.
            List<Status> statuses = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                statuses.add(pre);
            }
            unschedulable(q, pi, state, n, pre.message(), nodes, statuses, pre.code() == Code.ERROR);
            return;
        }

        // k8s-semantics.md 3.3 step 2: the nominated node first and alone.
        String nominated = pod.nominatedNodeName();
        if (!nominated.isEmpty()) {
            NodeInfo ni = cache.nodeInfo(nominated);
            if (ni != null && framework.runFilters(state, pi, ni).isSuccess()) {
                succeed(q, pi, n, ni.name(), List.of(), List.of(), List.of(), null);
                return;
            }
        }

        int numToFind = numFeasibleNodesToFind(config.percentageOfNodesToScore(), n);
        List<NodeInfo> feasible = this.feasible;
        List<NodeInfo> failedNodes = this.failedNodes;
        List<Status> failedStatuses = this.failedStatuses;
        feasible.clear();
        failedNodes.clear();
        failedStatuses.clear();
        int processed = 0;
        int at = nextStartNodeIndex % n; // the nodes from there on, wrapping around (no division per node)
        for (int i = 0; i < n; i++) {
            NodeInfo ni = nodes.get(at);
            if (++at == n) {
                at = 0;
            }
            processed++;
            Status s = framework.runFilters(state, pi, ni);
            if (s.isSuccess()) {
                feasible.add(ni);
                if (feasible.size() >= numToFind) {
                    break;
                }
            } else {
                failedNodes.add(ni);
                failedStatuses.add(s);
            }
        }
        nextStartNodeIndex = (nextStartNodeIndex + processed) % n;

        if (feasible.isEmpty()) {
            unschedulable(q, pi, state, n, "", failedNodes, failedStatuses, false);
            return;
        }
        if (feasible.size() == 1) {
            succeed(q, pi, n, feasible.get(0).name(), failedNodes, failedStatuses, feasible, null);
            return;
        }
        int scorers = framework.scorers().size();
        boolean record = decisions.enabled();
        long[][] raw = record ? new long[scorers][feasible.size()] : null;
        long[][] normalized = scoreRows(scorers, feasible.size());
        boolean[] skipped = new boolean[scorers];
        long[] totals = scoreTotals;
        framework.score(state, pi, feasible, raw, normalized, skipped, totals);
        int chosen = selectHost(totals, rng);
        succeed(q, pi, n, feasible.get(chosen).name(), failedNodes, failedStatuses, feasible,
                new Scores(raw, normalized, skipped, totals));
    }

    /**
     * The cycle's [scorer][node] score rows, exactly as long as the feasible list (plugins loop to
     * the row's length): kept from the last cycle when the length is the same, as it mostly is at
     * scale (the feasible nodes to find), so a cycle does not allocate and zero them anew. Only
     * read within the cycle; every scorer writes its whole row, and a skipped one's row is zeroed.
     */
    private long[][] scoreRows(int scorers, int nodes) {
        if (scoreRows == null || scoreRows.length != scorers || scoreTotals.length != nodes) {
            scoreRows = new long[scorers][nodes];
            scoreTotals = new long[nodes];
        }
        return scoreRows;
    }

    /**
     * No node fits: run PostFilter (preemption) on the nodes' statuses, then report the FitError
     * message and requeue the pod, remembering which plugins rejected it for the queueing hints.
     */
    private void unschedulable(QueuedPodInfo q, PodInfo pi, CycleState state, int numNodes, String preFilterMsg,
                               List<NodeInfo> failedNodes, List<Status> failedStatuses, boolean error) {
        Map<String, Status> byNode = new HashMap<>(failedNodes.size() * 2);
        Set<String> rejecting = new TreeSet<>();
        for (int i = 0; i < failedNodes.size(); i++) {
            byNode.put(failedNodes.get(i).name(), failedStatuses.get(i));
            rejecting.add(failedStatuses.get(i).plugin());
        }
        PostFilterResult pf = postFilter.postFilter(state, pi, byNode);
        String postMsg = applyPostFilter(q.pod(), pi, pf);
        String msg = FailureMessage.fitError(numNodes, preFilterMsg, failedStatuses, postMsg);
        fail(q, pi, numNodes, msg, error, rejecting, preFilterMsg.isEmpty() ? failedNodes : List.of(),
                preFilterMsg.isEmpty() ? failedStatuses : List.of(), pf);
    }

    /**
     * upstream selectHost: the highest total, ties broken uniformly at random. Upstream samples a
     * reservoir (a draw for every tied node met); here the tied nodes are counted and one draw
     * picks among them: the same uniform choice for a fraction of the draws (a cycle at scale
     * meets hundreds of nodes tied on an empty cluster). No draw when one node leads alone.
     */
    static int selectHost(long[] totals, RandomGenerator rng) {
        long max = totals[0];
        int count = 1;
        for (int i = 1; i < totals.length; i++) {
            if (totals[i] > max) {
                max = totals[i];
                count = 1;
            } else if (totals[i] == max) {
                count++;
            }
        }
        int k = count == 1 ? 0 : rng.nextInt(count);
        for (int i = 0; ; i++) {
            if (totals[i] == max && k-- == 0) {
                return i;
            }
        }
    }

    /** Per-cycle score arrays, [scorer][node] (raw is null when the decision log is off). */
    private record Scores(long[][] raw, long[][] normalized, boolean[] skipped, long[] totals) {
    }

    private void succeed(QueuedPodInfo q, PodInfo pi, int numNodes, String node, List<NodeInfo> failedNodes,
                         List<Status> failedStatuses, List<NodeInfo> feasible, Scores scores) {
        Pod pod = q.pod();
        queue.done(q);
        nominator.remove(pod);
        cache.assume(pi, node);
        scheduled++;
        if (decisions.enabled()) {
            int feasibleCount = feasible.isEmpty() ? 1 : feasible.size();
            decisions.record(new SchedulingDecision(sim.now(), pod.metadata().key(), q.attempts(), numNodes,
                    failedNodes.size() + feasibleCount, feasibleCount, filterResults(failedNodes, failedStatuses),
                    nodeScores(feasible, scores), node, "", List.of(), "", pi.cpu(), pi.memory(),
                    room(failedNodes, failedStatuses)));
        }
        if (pod.spec().hasClaims()) {
            volumeBinding.preBind(pod, node, () -> sim.schedule(config.bindLatency(), () -> bind(pod, node)),
                    msg -> preBindFailed(pod, msg));
        } else {
            sim.schedule(config.bindLatency(), () -> bind(pod, node));
        }
    }

    /** PreBind failed (VolumeBinding timed out): the placement is forgotten and the pod queued again. */
    private void preBindFailed(Pod pod, String msg) {
        long now = sim.now();
        if (cache.isAssumed(pod)) {
            cache.removePod(pod);
        }
        if (!store.pods().contains(pod) || !responsibleFor(pod)) {
            return;
        }
        recorder.warning(COMPONENT, pod, "FailedScheduling", msg);
        pod.scheduledCondition().set(ConditionStatus.FALSE, "SchedulerError", msg, now);
        store.pods().update(pod);
        queue.moveAllToActiveOrBackoff(ClusterEventType.ASSIGNED_POD_DELETE, now);
        afterQueueChange();
    }

    /** The binding cycle's write: the pod gets its node and the Scheduled event. */
    private void bind(Pod pod, String node) {
        if (!store.pods().contains(pod) || pod.isBound() || pod.metadata().isDeleting()) {
            if (cache.isAssumed(pod) && cache.removePod(pod)) {
                queue.moveAllToActiveOrBackoff(ClusterEventType.ASSIGNED_POD_DELETE, sim.now());
                afterQueueChange();
            }
            return;
        }
        pod.bind(node, sim.now());
        store.pods().update(pod);
        recorder.normal(COMPONENT, pod, "Scheduled",
                "Successfully assigned " + pod.namespace() + "/" + pod.name() + " to " + node);
    }

    /** Carries out a PostFilter decision; returns the message it adds to FailedScheduling. */
    private String applyPostFilter(Pod pod, PodInfo pi, PostFilterResult pf) {
        if (pf.status().isSuccess()) {
            if (!pf.nominatedNode().isEmpty()) {
                preempt(pod, pi, pf.nominatedNode(), pf.victims());
            }
            return "";
        }
        if (pf.clearNomination() && !pod.nominatedNodeName().isEmpty()) {
            pod.setNominatedNodeName("");
            nominator.remove(pod);
        }
        return pf.status().message();
    }

    /**
     * upstream prepareCandidate: victims get DisruptionTarget (PreemptionByScheduler) and a graceful
     * delete with a Preempted event; lower-priority pods nominated to the node lose their
     * nomination; the preemptor is nominated and retried (not bound in this cycle).
     */
    private void preempt(Pod pod, PodInfo pi, String node, List<Pod> victims) {
        long now = sim.now();
        for (Pod v : victims) {
            // upstream PreemptPod: a victim already being deleted (chosen again while it still
            // holds its resources) gets no second condition or delete, but the event again;
            // pods.preempted counts each pod once.
            if (!v.metadata().isDeleting()) {
                v.setDisruptionTarget(DefaultPreemption.REASON_PREEMPTION_BY_SCHEDULER,
                        pod.spec().schedulerName() + ": preempting to accommodate a higher priority pod", now);
                v.metadata().markDeleting(now, v.spec().terminationGracePeriodSeconds());
                store.pods().update(v);
                preemptedPods++;
                preemptedByWorkload.merge(v.namespace() + "/" + workloadOf(v), 1L, Long::sum);
            }
            recorder.normal(COMPONENT, v, "Preempted",
                    "Preempted by pod " + pod.metadata().uid() + " on node " + node);
        }
        for (PodInfo other : new ArrayList<>(nominator.nominatedTo(node))) {
            if (other.priority() < pi.priority()) {
                nominator.remove(other.pod());
                other.pod().setNominatedNodeName("");
                store.pods().update(other.pod());
            }
        }
        pod.setNominatedNodeName(node);
        nominator.add(pi, node);
        preemptions++;
    }

    private void fail(QueuedPodInfo q, PodInfo pi, int numNodes, String msg, boolean error, Set<String> rejecting,
                      List<NodeInfo> failedNodes, List<Status> failedStatuses, PostFilterResult pf) {
        Pod pod = q.pod();
        long now = sim.now();
        failedAttempts++;
        recorder.warning(COMPONENT, pod, "FailedScheduling", msg);
        pod.scheduledCondition().set(ConditionStatus.FALSE, error ? "SchedulerError" : "Unschedulable", msg, now);
        store.pods().update(pod);
        queue.requeueAfterFailure(q, now, rejecting, error);
        if (decisions.enabled()) {
            List<String> victims = new ArrayList<>();
            String nominatedNode = "";
            if (pf != null && pf.status().isSuccess()) {
                nominatedNode = pf.nominatedNode();
                for (Pod v : pf.victims()) {
                    victims.add(v.metadata().key());
                }
            }
            decisions.record(new SchedulingDecision(now, pod.metadata().key(), q.attempts(), numNodes,
                    failedNodes.size(), 0, filterResults(failedNodes, failedStatuses), List.of(), "", nominatedNode,
                    victims, msg, pi.cpu(), pi.memory(), room(failedNodes, failedStatuses)));
        }
    }

    /** The cpu and memory of each node NodeResourcesFit rejected, as the filter compared them. */
    private static List<SchedulingDecision.NodeRoom> room(List<NodeInfo> nodes, List<Status> statuses) {
        List<SchedulingDecision.NodeRoom> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (NodeResourcesFit.NAME.equals(statuses.get(i).plugin())) {
                NodeInfo n = nodes.get(i);
                out.add(new SchedulingDecision.NodeRoom(n.name(), n.node().allocatable().cpuMillis(), n.requestedCpu(),
                        n.node().allocatable().memoryBytes(), n.requestedMemory()));
            }
        }
        return out;
    }

    private static List<SchedulingDecision.NodeFilterResult> filterResults(List<NodeInfo> nodes, List<Status> statuses) {
        List<SchedulingDecision.NodeFilterResult> out = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            Status s = statuses.get(i);
            out.add(new SchedulingDecision.NodeFilterResult(nodes.get(i).name(), s.plugin(), s.code().name(),
                    s.reasons()));
        }
        return out;
    }

    private List<SchedulingDecision.NodeScore> nodeScores(List<NodeInfo> feasible, Scores scores) {
        if (scores == null) {
            return List.of();
        }
        long[][] raw = scores.raw();
        long[][] normalized = scores.normalized();
        long[] totals = scores.totals();
        List<ScorePlugin> scorers = framework.scorers();
        List<SchedulingDecision.NodeScore> out = new ArrayList<>(feasible.size());
        for (int i = 0; i < feasible.size(); i++) {
            List<SchedulingDecision.PluginScore> ps = new ArrayList<>(scorers.size());
            for (int j = 0; j < scorers.size(); j++) {
                long norm = normalized[j][i];
                ps.add(new SchedulingDecision.PluginScore(scorers.get(j).name(), raw[j][i], norm,
                        norm * framework.weight(j), scores.skipped()[j]));
            }
            out.add(new SchedulingDecision.NodeScore(feasible.get(i).name(), ps, totals[i]));
        }
        return out;
    }
}
