package io.kubesim.autoscaler;

import io.kubesim.api.Taint;
import io.kubesim.api.TaintEffect;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.ConditionStatus;
import io.kubesim.cluster.Eviction;
import io.kubesim.cluster.EvictionResult;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.Pod;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.EventRecorder;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The cluster autoscaler (k8s-semantics.md section 8), one pass every scan interval: scale up
 * node groups for unschedulable pods, then track unneeded nodes and remove those unneeded for
 * scale-down-unneeded-time, honouring the cooldowns. Nodes belong to the group of their pool.
 *
 * <p>Simplified (docs/fidelity.md): a drain is followed at scan granularity; a refused eviction
 * is retried every scan for {@link #MAX_POD_EVICTION_TIME} and then the scale-down of that node
 * is aborted (taint removed, ScaleDownFailed), as upstream's drain does; a scale-up whose
 * provisioning time exceeds max-node-provision-time fails at that time and the group is backed
 * off for {@link #INITIAL_BACKOFF}.
 */
public final class ClusterAutoscaler {
    public static final String COMPONENT = "cluster-autoscaler";
    public static final String RANDOM_STREAM = "cluster-autoscaler";
    /** upstream taint put on nodes being removed. */
    public static final String TO_BE_DELETED_TAINT = "ToBeDeletedByClusterAutoscaler";
    /** upstream MaxPodEvictionTime: how long evictions of one drain are retried. */
    public static final long MAX_POD_EVICTION_TIME = SimTime.minutes(2);
    /** upstream InitialNodeGroupBackoffDuration after a failed scale-up. */
    public static final long INITIAL_BACKOFF = SimTime.minutes(5);

    private final ClusterStore store;
    private final EventRecorder events;
    private final ClusterAutoscalerConfig config;
    private final CloudProvider cloud;
    private final Eviction eviction;
    private final Map<String, NodeGroupState> groups = new LinkedHashMap<>();
    private final TemplateNodeFilter filter;
    private final ScaleUpPlanner scaleUp;
    private final TemplateNodeInfos templates;
    private final ScaleDownPlanner scaleDown;
    private final Map<String, Long> unneededSince = new TreeMap<>();
    private final Map<String, Drain> drains = new TreeMap<>();
    private final Set<String> notTriggeredReported = new HashSet<>();
    private final List<String> activity = new ArrayList<>();
    private final Consumer<String> console = activity::add;
    private long lastScaleUp = Long.MIN_VALUE / 2;
    private long lastScaleDown = Long.MIN_VALUE / 2;
    private long lastFailure = Long.MIN_VALUE / 2;
    private int scaleUps;
    private int scaleDowns;
    private int maxNodes;

    /** A node being drained for removal. */
    private static final class Drain {
        final long started;
        long allEvictedAt = -1;

        Drain(long started) {
            this.started = started;
        }
    }

    /** @param groups the autoscaled node groups, in scenario order */
    public ClusterAutoscaler(ClusterStore store, EventRecorder events, ClusterAutoscalerConfig config,
                             List<NodeGroup> groups, CloudProvider cloud) {
        this(store, events, config, groups, cloud, TemplateNodeInfos.EMPTY);
    }

    /** @param templates each group's template node with the DaemonSet pods it would start with */
    public ClusterAutoscaler(ClusterStore store, EventRecorder events, ClusterAutoscalerConfig config,
                             List<NodeGroup> groups, CloudProvider cloud, TemplateNodeInfos templates) {
        this.templates = templates;
        this.store = store;
        this.filter = new TemplateNodeFilter(store);
        this.events = events;
        this.config = config;
        this.cloud = cloud;
        this.eviction = new Eviction(store);
        for (NodeGroup g : groups) {
            this.groups.put(g.name(), new NodeGroupState(g, countNodes(g.name())));
        }
        RandomGenerator rng = store.sim().random().stream(RANDOM_STREAM);
        this.scaleUp = new ScaleUpPlanner(filter, config.expander(), rng::nextInt, templates);
        this.scaleDown = new ScaleDownPlanner(filter, eviction::budgetsFor);
        this.maxNodes = store.nodes().size();
    }

    public void start() {
        store.sim().schedule(config.scanInterval(), this::scan);
    }

    private void scan() {
        runOnce();
        store.sim().schedule(config.scanInterval(), this::scan);
    }

    /** One autoscaler loop (upstream StaticAutoscaler.RunOnce). */
    public void runOnce() {
        long now = store.now();
        Map<String, NodeInfo> infos = snapshot();
        boolean scaledUp = tryScaleUp(now, infos);
        if (!config.scaleDownEnabled()) {
            return;
        }
        progressDrains(now);
        updateUnneeded(now, infos);
        if (!scaledUp && !inCooldown(now) && drains.isEmpty()) {
            tryScaleDown(now, infos);
        }
    }

    // ---- snapshot ----

    private Map<String, NodeInfo> snapshot() {
        Map<String, NodeInfo> out = new LinkedHashMap<>();
        for (Node n : store.nodes().list()) {
            NodeInfo ni = new NodeInfo(n);
            for (Pod p : store.podsByNode().get(n.name())) {
                if (!p.isTerminal()) {
                    ni.addPod(PodInfo.of(p));
                }
            }
            out.put(n.name(), ni);
        }
        maxNodes = Math.max(maxNodes, out.size());
        return out;
    }

    private int countNodes(String group) {
        int c = 0;
        for (Node n : store.nodes().list()) {
            if (n.pool().equals(group)) {
                c++;
            }
        }
        return c;
    }

    private static boolean usable(Node n) {
        return n.isReady() && !n.unschedulable() && !beingDeleted(n);
    }

    private static boolean beingDeleted(Node n) {
        for (Taint t : n.taints()) {
            if (t.key().equals(TO_BE_DELETED_TAINT)) {
                return true;
            }
        }
        return false;
    }

    // ---- scale-up ----

    private boolean tryScaleUp(long now, Map<String, NodeInfo> infos) {
        List<PodInfo> pending = new ArrayList<>();
        // the active pods in creation order, as a walk over every pod would find them, without the
        // finished ones a batch workload leaves stored (one walk per scan interval)
        for (Pod p : store.activePods()) {
            // upstream FilterOutDaemonSetPodListProcessor: a pending DaemonSet pod is for its own node only
            if (!p.isBound() && !p.isTerminal() && !p.metadata().isDeleting() && !PodDrainability.isDaemonSetPod(p)
                    && p.scheduledCondition().status() == ConditionStatus.FALSE
                    && "Unschedulable".equals(p.scheduledCondition().reason())) {
                pending.add(PodInfo.of(p));
            }
        }
        if (pending.isEmpty()) {
            return false;
        }
        // upstream filterOutSchedulable: pods that fit existing free room or nodes already asked
        // for do not trigger another scale-up, and stay placed in this pass's snapshot, so the
        // scale-down does not take a node they are about to use for an empty one.
        List<NodeInfo> room = new ArrayList<>();
        for (NodeInfo ni : infos.values()) {
            if (usable(ni.node())) {
                room.add(ni);
            }
        }
        for (NodeGroupState s : groups.values()) {
            for (int i = 0; i < s.upcoming; i++) {
                room.add(templates.of(s.group));
            }
        }
        List<PodInfo> helpless = new ArrayList<>();
        for (PodInfo p : pending) {
            NodeInfo target = null;
            for (NodeInfo n : room) {
                if (filter.fits(p, n)) {
                    target = n;
                    break;
                }
            }
            if (target != null) {
                target.addPod(p);
            } else {
                helpless.add(p);
            }
        }
        if (helpless.isEmpty()) {
            return false;
        }
        List<NodeGroup> candidates = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (NodeGroupState s : groups.values()) {
            if (s.backoffUntil <= now) {
                candidates.add(s.group);
                sizes.add(s.targetSize);
            }
        }
        int[] targets = sizes.stream().mapToInt(Integer::intValue).toArray();
        ScaleUpPlanner.Plan plan = scaleUp.plan(helpless, candidates, targets);
        for (PodInfo p : plan.noGroupFits()) {
            if (notTriggeredReported.add(p.pod().metadata().uid())) {
                events.normal(COMPONENT, p.pod(), "NotTriggerScaleUp", "pod didn't trigger scale-up: "
                        + groups.size() + " node group(s) had a template node the pod does not fit");
            }
        }
        if (plan.chosen() == null) {
            for (PodInfo p : helpless) {
                if (!plan.noGroupFits().contains(p) && notTriggeredReported.add(p.pod().metadata().uid())) {
                    events.normal(COMPONENT, p.pod(), "NotTriggerScaleUp",
                            "pod didn't trigger scale-up: max node group size reached");
                }
            }
            return false;
        }
        ScaleUpPlanner.Option o = plan.chosen();
        NodeGroupState s = groups.get(o.group().name());
        int from = s.targetSize;
        s.targetSize += o.nodes();
        s.upcoming += o.nodes();
        s.scaleUps++;
        scaleUps++;
        lastScaleUp = now;
        String what = "[{" + s.group.name() + " " + from + "->" + s.targetSize + " (max: " + s.group.maxSize() + ")}]";
        for (PodInfo p : o.pods()) {
            events.normal(COMPONENT, p.pod(), "TriggeredScaleUp", "pod triggered scale-up: " + what);
        }
        console.accept(String.format("cluster-autoscaler at %s: scale-up of %s %d->%d for %d pending pod(s)",
                SimTime.format(now), s.group.name(), from, s.targetSize, o.pods().size()));
        int n = o.nodes();
        long delay = s.group.provisioningTime();
        if (delay > config.maxNodeProvisionTime()) {
            // section 8: a node not Ready within max-node-provision-time is a failed scale-up
            store.sim().schedule(config.maxNodeProvisionTime(), () -> failScaleUp(s, n));
        } else {
            store.sim().schedule(delay, () -> {
                s.upcoming -= n;
                s.nodesAdded += n;
                cloud.addNodes(s.group, n);
                maxNodes = Math.max(maxNodes, store.nodes().size());
            });
        }
        return true;
    }

    private void failScaleUp(NodeGroupState s, int n) {
        s.upcoming -= n;
        s.targetSize -= n;
        s.backoffUntil = store.now() + INITIAL_BACKOFF;
        lastFailure = store.now();
        console.accept(String.format("cluster-autoscaler at %s: scale-up of %s failed: %d node(s) not Ready within "
                + "max-node-provision-time", SimTime.format(store.now()), s.group.name(), n));
    }

    // ---- scale-down ----

    private boolean inCooldown(long now) {
        return now < lastScaleUp + config.scaleDownDelayAfterAdd()
                || now < lastScaleDown + config.scaleDownDelayAfterDelete()
                || now < lastFailure + config.scaleDownDelayAfterFailure();
    }

    private void updateUnneeded(long now, Map<String, NodeInfo> infos) {
        List<NodeInfo> candidates = new ArrayList<>();
        List<NodeInfo> destinations = new ArrayList<>();
        for (NodeInfo ni : infos.values()) {
            if (!usable(ni.node())) {
                continue;
            }
            destinations.add(ni);
            if (groups.containsKey(ni.node().pool())) {
                candidates.add(ni);
            }
        }
        Set<String> still = new HashSet<>();
        for (ScaleDownPlanner.Unneeded u : scaleDown.unneeded(candidates, destinations,
                config.scaleDownUtilizationThreshold())) {
            still.add(u.node());
            unneededSince.putIfAbsent(u.node(), now);
        }
        unneededSince.keySet().retainAll(still);
    }

    private void tryScaleDown(long now, Map<String, NodeInfo> infos) {
        Map<String, Integer> removable = new TreeMap<>();
        for (NodeGroupState s : groups.values()) {
            removable.put(s.group.name(), s.targetSize - s.group.minSize()); // section 8: never below min
        }
        List<NodeInfo> empty = new ArrayList<>();
        NodeInfo nonEmpty = null;
        for (Map.Entry<String, Long> e : unneededSince.entrySet()) {
            if (now - e.getValue() < config.scaleDownUnneededTime()) {
                continue;
            }
            NodeInfo ni = infos.get(e.getKey());
            if (ni == null) {
                continue;
            }
            String g = ni.node().pool();
            if (removable.get(g) <= 0) {
                continue;
            }
            boolean isEmpty = scaleDown.movablePods(ni) != null && scaleDown.movablePods(ni).isEmpty();
            if (isEmpty && empty.size() < config.maxEmptyBulkDelete()) {
                empty.add(ni);
                removable.merge(g, -1, Integer::sum);
            } else if (!isEmpty && nonEmpty == null && empty.isEmpty()) {
                nonEmpty = ni;
            }
        }
        if (!empty.isEmpty()) {
            for (NodeInfo ni : empty) {
                Node n = ni.node();
                taint(n);
                events.normal(COMPONENT, n, "ScaleDownEmpty", "removing empty node " + n.name());
                removeNode(n, "empty");
            }
            lastScaleDown = now;
            return;
        }
        if (nonEmpty != null) {
            Node n = nonEmpty.node();
            taint(n);
            events.normal(COMPONENT, n, "ScaleDown", "marked the node as toBeDeleted/unschedulable");
            drains.put(n.name(), new Drain(now));
            unneededSince.remove(n.name());
            lastScaleDown = now;
            progressDrains(now);
        }
    }

    private void taint(Node n) {
        n.addTaint(new Taint(TO_BE_DELETED_TAINT, Long.toString(store.now() / SimTime.MICROS_PER_SECOND),
                TaintEffect.NO_SCHEDULE));
        store.nodes().update(n);
    }

    /** Evicts what is left on draining nodes; deletes those that are empty; aborts stuck ones. */
    private void progressDrains(long now) {
        for (String name : new ArrayList<>(drains.keySet())) {
            Drain d = drains.get(name);
            Node n = store.nodes().get(name);
            if (n == null) {
                drains.remove(name);
                continue;
            }
            boolean refused = false;
            boolean left = false;
            for (Pod p : new ArrayList<>(store.podsByNode().get(name))) {
                if (p.isTerminal() || PodDrainability.isDaemonSetPod(p)) {
                    continue; // DaemonSet pods go with the node
                }
                left = true;
                if (p.metadata().isDeleting()) {
                    continue;
                }
                long grace = Math.min(p.spec().terminationGracePeriodSeconds(), config.maxGracefulTerminationSec());
                EvictionResult r = eviction.evict(p, grace);
                if (r.evicted()) {
                    events.normal(COMPONENT, p, "ScaleDown", "deleting pod for node scale down");
                } else {
                    refused = true;
                }
            }
            if (!left) {
                drains.remove(name);
                removeNode(n, "drained");
                continue;
            }
            if (refused && now - d.started >= MAX_POD_EVICTION_TIME) {
                // upstream drain: evictions retried up to MaxPodEvictionTime, then the scale-down aborts
                drains.remove(name);
                n.removeTaint(TO_BE_DELETED_TAINT, TaintEffect.NO_SCHEDULE);
                store.nodes().update(n);
                events.warning(COMPONENT, n, "ScaleDownFailed", "failed to drain the node, aborting ScaleDown");
                console.accept(String.format("cluster-autoscaler at %s: scale-down of node %s aborted: evictions "
                        + "refused for %s", SimTime.format(now), name, SimTime.format(MAX_POD_EVICTION_TIME)));
                lastFailure = now;
                continue;
            }
            if (!refused && d.allEvictedAt < 0) {
                d.allEvictedAt = now;
            }
            if (d.allEvictedAt >= 0
                    && now - d.allEvictedAt >= SimTime.seconds(config.maxGracefulTerminationSec())) {
                drains.remove(name);
                removeNode(n, "drained"); // pods still terminating past the grace cap go with the VM
            }
        }
    }

    private void removeNode(Node n, String how) {
        NodeGroupState s = groups.get(n.pool());
        s.targetSize--;
        s.nodesRemoved++;
        scaleDowns++;
        unneededSince.remove(n.name());
        console.accept(String.format("cluster-autoscaler at %s: scale-down of %s removed %s node %s",
                SimTime.format(store.now()), s.group.name(), how, n.name()));
        cloud.deleteNode(n);
    }

    // ---- observations ----

    /** The group's target size (upstream node group TargetSize). */
    public int targetSize(String group) {
        return groups.get(group).targetSize;
    }

    /** Ready nodes of the group now. */
    public int readyNodes(String group) {
        int c = 0;
        for (Node n : store.nodes().list()) {
            if (n.pool().equals(group) && n.isReady()) {
                c++;
            }
        }
        return c;
    }

    public List<String> groupNames() {
        return List.copyOf(groups.keySet());
    }

    /** Nodes currently unneeded and since when (microseconds), by name. */
    public Map<String, Long> unneededSince() {
        return java.util.Collections.unmodifiableMap(unneededSince);
    }

    /** What the autoscaler did over the run. */
    /** @param activity one human-readable line per scale-up, scale-down and failure, in time order */
    public record Stats(int scaleUps, int scaleDowns, int nodesAdded, int nodesRemoved, int maxNodes,
                        Map<String, GroupStats> byGroup, List<String> activity) {
    }

    public record GroupStats(int minSize, int maxSize, int targetSize, int scaleUps, int nodesAdded,
                             int nodesRemoved) {
    }

    public Stats stats() {
        Map<String, GroupStats> by = new LinkedHashMap<>();
        int added = 0;
        int removed = 0;
        for (NodeGroupState s : groups.values()) {
            by.put(s.group.name(), new GroupStats(s.group.minSize(), s.group.maxSize(), s.targetSize, s.scaleUps,
                    s.nodesAdded, s.nodesRemoved));
            added += s.nodesAdded;
            removed += s.nodesRemoved;
        }
        return new Stats(scaleUps, scaleDowns, added, removed, Math.max(maxNodes, store.nodes().size()), by,
                List.copyOf(activity));
    }
}
