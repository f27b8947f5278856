package io.kubesim.controllers;

import io.kubesim.api.Taint;
import io.kubesim.api.TaintEffect;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Condition;
import io.kubesim.cluster.ConditionStatus;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.NodeCondition;
import io.kubesim.cluster.NodeLease;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodAdmission;
import io.kubesim.metrics.Counters;
import io.kubesim.metrics.EventRecorder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The node-lifecycle controller (k8s-semantics.md 7, node_lifecycle_controller.go): every
 * node-monitor-period it checks each node's heartbeat (its Lease); a node silent for longer than
 * node-monitor-grace-period gets every condition set to Unknown ({@code NodeStatusUnknown},
 * "Kubelet stopped posting node status."), its pods marked not Ready (MarkPodsNotReady), the
 * {@code node.kubernetes.io/unreachable:NoSchedule} taint at once, and the matching NoExecute
 * taint through its zone's rate-limited queue. Zones are classified Normal, PartialDisruption or
 * FullDisruption after every pass; when every zone is fully disrupted NoExecute tainting stops
 * and the NoExecute taints already placed are taken off.
 *
 * <p>Monitor passes fall on multiples of node-monitor-period. While every kubelet renews its
 * Lease a pass would find nothing to do, so passes start when a Lease stops being renewed and
 * continue while any node is not Ready or any node awaits its taint: the outcome is the same as
 * passing all along, and a healthy cluster costs no events.
 */
public final class NodeLifecycleController {
    public static final String SOURCE = "node-controller";
    /** Counter: nodes whose Ready condition left True (they went NotReady or Unknown). */
    public static final String NODES_NOT_READY = "nodes_not_ready";
    /** Counter: NoExecute unreachable taints placed. */
    public static final String NODES_TAINTED = "nodes_tainted_no_execute";

    static final String REASON_UNKNOWN = "NodeStatusUnknown";
    static final String MESSAGE_UNKNOWN = "Kubelet stopped posting node status.";
    static final String REASON_NEVER_UPDATED = "NodeStatusNeverUpdated";
    static final String MESSAGE_NEVER_UPDATED = "Kubelet never posted node status.";

    private static final NodeCondition[] CONDITIONS = NodeCondition.values();

    private final ClusterStore store;
    private final EventRecorder events;
    private final Counters counters;
    private final NodeLifecycleConfig config;
    private final Map<String, ZoneTainter> tainters = new LinkedHashMap<>();
    private final Map<String, ZoneState> zoneStates = new LinkedHashMap<>();
    private final Map<String, List<Long>> notReadyTimes = new LinkedHashMap<>();
    private final Map<String, List<Long>> taintTimes = new LinkedHashMap<>();
    private boolean monitoring;
    private boolean tainting;

    public NodeLifecycleController(ClusterStore store, EventRecorder events, Counters counters,
                                   NodeLifecycleConfig config) {
        this.store = store;
        this.events = events;
        this.counters = counters;
        this.config = config;
    }

    public NodeLifecycleConfig config() {
        return config;
    }

    public void start() {
        store.nodeLeases().watchStopped(lease -> startMonitoring());
    }

    /** A zone's state as of the last pass, or null for a zone not seen yet. */
    public ZoneState zoneState(String zone) {
        return zoneStates.get(zone);
    }

    /** When the node went NotReady (its Ready condition left True), each time, in order. */
    public List<Long> notReadyTimes(String node) {
        return java.util.Collections.unmodifiableList(notReadyTimes.getOrDefault(node, List.of()));
    }

    /** When the node got a NoExecute not-ready or unreachable taint, each time, in order. */
    public List<Long> taintTimes(String node) {
        return java.util.Collections.unmodifiableList(taintTimes.getOrDefault(node, List.of()));
    }

    private void startMonitoring() {
        if (monitoring) {
            return;
        }
        monitoring = true;
        store.sim().scheduleAt(nextMultiple(store.now(), config.nodeMonitorPeriod()), this::monitor);
    }

    private void startTainting() {
        if (tainting) {
            return;
        }
        tainting = true;
        store.sim().scheduleAt(nextMultiple(store.now(), config.nodeEvictionPeriod()), this::taintPass);
    }

    /** The first multiple of {@code period} at or after {@code t}. */
    static long nextMultiple(long t, long period) {
        return (t + period - 1) / period * period;
    }

    /** monitorNodeHealth: one pass over every node, then the zones' states. */
    private void monitor() {
        long now = store.now();
        boolean keepGoing = false;
        Map<String, int[]> zones = new LinkedHashMap<>();
        for (Node node : new ArrayList<>(store.nodes().list())) {
            NodeLease lease = store.nodeLeases().get(node.name());
            if (lease != null) {
                updateHealth(node, lease, now);
                keepGoing |= !lease.renewing();
            }
            Condition ready = node.condition(NodeCondition.READY);
            int[] counts = zones.computeIfAbsent(node.zone(), z -> new int[2]);
            counts[ready.isTrue() ? 0 : 1]++;
            ZoneTainter tainter = tainters.computeIfAbsent(node.zone(), z -> new ZoneTainter(config.evictionRate(), now));
            if (ready.status() == ConditionStatus.UNKNOWN) {
                keepGoing = true;
                addTaint(node, new Taint(PodAdmission.TAINT_UNREACHABLE, "", TaintEffect.NO_SCHEDULE));
                if (!hasTaint(node, PodAdmission.TAINT_UNREACHABLE, TaintEffect.NO_EXECUTE)) {
                    tainter.add(node.name());
                    startTainting();
                }
            } else if (ready.isTrue()) {
                tainter.remove(node.name());
                markReachable(node);
                removeTaint(node, PodAdmission.TAINT_UNREACHABLE, TaintEffect.NO_SCHEDULE);
                removeTaint(node, PodAdmission.TAINT_NOT_READY, TaintEffect.NO_SCHEDULE);
            }
        }
        handleDisruption(zones, now);
        if (keepGoing) {
            store.sim().schedule(config.nodeMonitorPeriod(), this::monitor);
        } else {
            monitoring = false;
        }
    }

    /**
     * tryUpdateNodeHealth: the controller saw the Lease's last renewal at its first pass at or
     * after it; when that is more than the grace period ago, every condition becomes Unknown.
     */
    private void updateHealth(Node node, NodeLease lease, long now) {
        Condition ready = node.condition(NodeCondition.READY);
        if (ready.status() == ConditionStatus.UNKNOWN) {
            return;
        }
        boolean neverPosted = !lease.renewing() && lease.stoppedAt() <= node.metadata().creationTimestamp();
        long grace = neverPosted ? config.nodeStartupGracePeriod() : config.nodeMonitorGracePeriod();
        long probe = nextMultiple(lease.renewTime(now), config.nodeMonitorPeriod());
        if (!(probe + grace < now)) {
            return;
        }
        boolean wasReady = ready.isTrue();
        String reason = neverPosted ? REASON_NEVER_UPDATED : REASON_UNKNOWN;
        String message = neverPosted ? MESSAGE_NEVER_UPDATED : MESSAGE_UNKNOWN;
        for (NodeCondition c : CONDITIONS) {
            node.condition(c).set(ConditionStatus.UNKNOWN, reason, message, now);
        }
        store.nodes().update(node);
        if (wasReady) {
            counters.increment(NODES_NOT_READY);
            notReadyTimes.computeIfAbsent(node.name(), k -> new ArrayList<>()).add(now);
            events.normal(SOURCE, node, "NodeNotReady", "Node " + node.name() + " status is now: NodeNotReady");
            markPodsNotReady(node, now);
        }
    }

    /** MarkPodsNotReady: the node's pods get Ready=False, so EndpointSlices stop routing to them. */
    private void markPodsNotReady(Node node, long now) {
        for (Pod pod : new ArrayList<>(store.podsByNode().get(node.name()))) {
            if (pod.isTerminal() || !pod.readyCondition().isTrue()) {
                continue;
            }
            pod.readyCondition().set(ConditionStatus.FALSE, "", "", now);
            store.pods().update(pod);
            events.warning(SOURCE, pod, "NodeNotReady", "Node is not ready");
        }
    }

    /** doNoExecuteTaintingPass: each zone's queue, at that zone's rate. */
    private void taintPass() {
        long now = store.now();
        boolean pending = false;
        for (ZoneTainter t : tainters.values()) {
            t.work(now, name -> {
                Node node = store.nodes().get(name);
                if (node == null) {
                    return true;
                }
                Condition ready = node.condition(NodeCondition.READY);
                boolean tainted = ready.status() == ConditionStatus.UNKNOWN
                        ? swapNoExecute(node, PodAdmission.TAINT_NOT_READY, PodAdmission.TAINT_UNREACHABLE)
                        : ready.status() == ConditionStatus.FALSE
                        && swapNoExecute(node, PodAdmission.TAINT_UNREACHABLE, PodAdmission.TAINT_NOT_READY);
                if (tainted) {
                    counters.increment(NODES_TAINTED);
                    taintTimes.computeIfAbsent(name, k -> new ArrayList<>()).add(now);
                }
                return true;
            });
            pending |= !t.isEmpty() && t.qps() > 0; // a zone at rate 0 waits for handleDisruption
        }
        if (pending) {
            store.sim().schedule(config.nodeEvictionPeriod(), this::taintPass);
        } else {
            tainting = false;
        }
    }

    /**
     * handleDisruption: classifies every zone; entering full disruption everywhere stops
     * NoExecute tainting and takes the NoExecute taints off; otherwise each zone whose state
     * changed gets its rate (Normal and FullDisruption: node-eviction-rate; PartialDisruption:
     * the secondary rate in a zone larger than large-cluster-size-threshold, else 0).
     */
    private void handleDisruption(Map<String, int[]> zones, long now) {
        Map<String, ZoneState> next = new LinkedHashMap<>();
        boolean allFully = !zones.isEmpty();
        for (Map.Entry<String, int[]> z : zones.entrySet()) {
            ZoneState s = ZoneState.of(z.getValue()[0], z.getValue()[1], config.unhealthyZoneThreshold());
            next.put(z.getKey(), s);
            allFully &= s == ZoneState.FULL_DISRUPTION;
            zoneStates.putIfAbsent(z.getKey(), ZoneState.INITIAL);
        }
        zoneStates.keySet().removeIf(z -> !zones.containsKey(z));
        boolean allWereFully = !zoneStates.isEmpty();
        for (ZoneState s : zoneStates.values()) {
            allWereFully &= s == ZoneState.FULL_DISRUPTION;
        }
        if (allFully && allWereFully) {
            return;
        }
        if (allFully) {
            for (Node node : new ArrayList<>(store.nodes().list())) {
                markReachable(node);
            }
            for (String z : zoneStates.keySet()) {
                tainter(z, now).swapLimiter(0, now);
                zoneStates.put(z, ZoneState.FULL_DISRUPTION);
            }
            return;
        }
        for (Map.Entry<String, ZoneState> z : next.entrySet()) {
            if (allWereFully || zoneStates.get(z.getKey()) != z.getValue()) {
                ZoneTainter t = tainter(z.getKey(), now);
                t.swapLimiter(rate(z.getValue(), zones.get(z.getKey())), now);
                zoneStates.put(z.getKey(), z.getValue());
                if (!t.isEmpty() && t.qps() > 0) {
                    startTainting();
                }
            }
        }
    }

    private double rate(ZoneState state, int[] counts) {
        int size = counts[0] + counts[1];
        return switch (state) {
            case PARTIAL_DISRUPTION -> size > config.largeClusterSizeThreshold() ? config.secondaryEvictionRate() : 0;
            default -> config.evictionRate();
        };
    }

    private ZoneTainter tainter(String zone, long now) {
        return tainters.computeIfAbsent(zone, z -> new ZoneTainter(config.evictionRate(), now));
    }

    /** markNodeAsReachable: takes the not-ready and unreachable NoExecute taints off. */
    private void markReachable(Node node) {
        List<Taint> kept = new ArrayList<>();
        for (Taint t : node.taints()) {
            if (!(t.effect() == TaintEffect.NO_EXECUTE && isNodeHealthTaint(t))) {
                kept.add(t);
            }
        }
        if (kept.size() != node.taints().size()) {
            node.setTaints(kept);
            store.nodes().update(node);
        }
    }

    private static boolean isNodeHealthTaint(Taint t) {
        return t.key().equals(PodAdmission.TAINT_UNREACHABLE) || t.key().equals(PodAdmission.TAINT_NOT_READY);
    }

    /**
     * Replaces a NoExecute taint {@code remove} by {@code add} in one write (SwapNodeControllerTaint);
     * false when the node has {@code add} and not {@code remove} already.
     */
    private boolean swapNoExecute(Node node, String remove, String add) {
        if (hasTaint(node, add, TaintEffect.NO_EXECUTE) && !hasTaint(node, remove, TaintEffect.NO_EXECUTE)) {
            return false;
        }
        List<Taint> next = new ArrayList<>();
        for (Taint t : node.taints()) {
            if (!(t.effect() == TaintEffect.NO_EXECUTE && t.key().equals(remove))) {
                next.add(t);
            }
        }
        next.add(new Taint(add, "", TaintEffect.NO_EXECUTE));
        node.setTaints(next);
        store.nodes().update(node);
        return true;
    }

    private void addTaint(Node node, Taint taint) {
        if (hasTaint(node, taint.key(), taint.effect())) {
            return;
        }
        List<Taint> next = new ArrayList<>(node.taints());
        next.add(taint);
        node.setTaints(next);
        store.nodes().update(node);
    }

    private void removeTaint(Node node, String key, TaintEffect effect) {
        if (!hasTaint(node, key, effect)) {
            return;
        }
        List<Taint> next = new ArrayList<>();
        for (Taint t : node.taints()) {
            if (!(t.key().equals(key) && t.effect() == effect)) {
                next.add(t);
            }
        }
        node.setTaints(next);
        store.nodes().update(node);
    }

    private static boolean hasTaint(Node node, String key, TaintEffect effect) {
        for (Taint t : node.taints()) {
            if (t.key().equals(key) && t.effect() == effect) {
                return true;
            }
        }
        return false;
    }
}
