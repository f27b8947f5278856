package io.kubesim.controllers.daemonset;

import io.kubesim.api.DaemonSetUpdateStrategy;
import io.kubesim.api.PodSpec;
import io.kubesim.api.PodTemplate;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.DaemonSet;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.Pod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One DaemonSet's bookkeeping, kept current in line with every node and pod write (store
 * observers), so that a sync costs what changed rather than the size of the cluster (the
 * project's per-event cost rule): per node its answer (12.2) and its daemon pods, the status
 * counts (12.5), and the work set, the nodes a sync must look at. A node leaves the work set
 * when a sync found nothing to do on it and it holds at most one pod not being deleted; a write
 * to the node or to one of its pods puts it back. What a full walk of the cluster would compute
 * is therefore always at hand: the answers and pods equal a fresh reading of the store, and the
 * nodes outside the work set are the ones a full manage loop would pass over.
 *
 * <p>A view belongs to one template, update strategy, generation and minReadySeconds; when any of
 * them changes the controller builds a new one, walking every node once (one walk per rollout).
 */
final class DaemonSetView {
    /** One node as the DaemonSet sees it, with what it adds to the status counts. */
    static final class NodeState {
        final Node node;
        /** The node's place in creation order (the store's order). */
        final long order;
        NodeEligibility answer;
        /** Its daemon pods (getNodesToDaemonPods), in the order the pods were created. */
        final List<Pod> pods = new ArrayList<>(1);
        int desired;
        int current;
        int ready;
        int available;
        int updated;
        int misscheduled;
        /** 1 when a pod not being deleted is of an old revision (the rolling update has work). */
        int old;

        NodeState(Node node, long order) {
            this.node = node;
            this.order = order;
        }

        String name() {
            return node.name();
        }
    }

    /** A pod of the DaemonSet: its creation rank and the node (or missing node) it is filed under. */
    private static final class PodEntry {
        final long seq;
        String node;
        String hash;

        PodEntry(long seq) {
            this.seq = seq;
        }
    }

    private final ClusterStore store;
    final PodTemplate template;
    final DaemonSetUpdateStrategy strategy;
    final long generation;
    final int minReadySeconds;
    final String hash;
    private final PodSpec judged;

    /** The nodes in creation order. */
    final Map<String, NodeState> nodes = new LinkedHashMap<>();
    /** Pods whose target node does not exist, by node name (sorted, as getNodesToDaemonPods ends). */
    final TreeMap<String, List<Pod>> orphans = new TreeMap<>();
    private final IdentityHashMap<Pod, PodEntry> entries = new IdentityHashMap<>();
    /** The nodes the next sync looks at, in creation order. */
    final TreeMap<Long, NodeState> work = new TreeMap<>();
    /** Nodes whose oldest pod is ready but not yet available: minReadySeconds runs on the clock. */
    private final TreeMap<Long, NodeState> pendingAvailable = new TreeMap<>();
    /** Each node's answer as of the last sync: what a node event compares against. */
    final Map<String, NodeEligibility> synced = new HashMap<>();
    /** Nodes removed since the last sync (their {@link #synced} entries go at the next sync). */
    private final Set<String> goneSinceSync = new HashSet<>();
    /** How many filed pods carry each revision hash (cleanupHistory's live revisions). */
    private final Map<String, Integer> liveHashes = new HashMap<>();
    private long nextOrder;
    private long nextSeq;

    int desired;
    int current;
    int ready;
    int available;
    int updated;
    int misscheduled;
    private int oldNodes;

    private DaemonSetView(ClusterStore store, DaemonSet ds, String hash) {
        this.store = store;
        this.template = ds.template();
        this.strategy = ds.updateStrategy();
        this.generation = ds.metadata().generation();
        this.minReadySeconds = ds.minReadySeconds();
        this.hash = hash;
        this.judged = DaemonPods.withTolerations(ds);
    }

    /** A view read from the store: every node judged and in the work set, every pod filed. */
    static DaemonSetView build(ClusterStore store, DaemonSet ds, String hash) {
        DaemonSetView v = new DaemonSetView(store, ds, hash);
        for (Node n : store.nodes().list()) {
            v.addNode(n);
        }
        for (Pod p : store.podsByOwner().get(ds.metadata().uid())) {
            v.onPod(p);
        }
        return v;
    }

    /** Whether this view still describes {@code ds} (same template, strategy, generation, minReadySeconds). */
    boolean describes(DaemonSet ds) {
        return ds.template() == template && ds.updateStrategy().equals(strategy)
                && ds.metadata().generation() == generation && ds.minReadySeconds() == minReadySeconds;
    }

    /** A node was created, changed or removed. */
    void onNode(Node node) {
        NodeState s = nodes.get(node.name());
        if (!store.nodes().contains(node)) {
            if (s != null && s.node == node) {
                removeNode(s);
            }
            return;
        }
        if (s == null) {
            addNode(node);
            return;
        }
        NodeEligibility now = NodeEligibility.of(judged, node);
        if (!now.equals(s.answer)) {
            uncount(s);
            s.answer = now;
            count(s);
            work.put(s.order, s);
        }
    }

    private void addNode(Node node) {
        NodeState s = new NodeState(node, nextOrder++);
        s.answer = NodeEligibility.of(judged, node);
        List<Pod> waiting = orphans.remove(node.name());
        if (waiting != null) {
            s.pods.addAll(waiting);
        }
        nodes.put(node.name(), s);
        count(s);
        work.put(s.order, s);
    }

    private void removeNode(NodeState s) {
        uncount(s);
        nodes.remove(s.name());
        work.remove(s.order);
        if (!s.pods.isEmpty()) {
            orphans.put(s.name(), new ArrayList<>(s.pods));
        }
        goneSinceSync.add(s.name());
    }

    /** A pod of this DaemonSet was created, changed or removed: refiles it. */
    void onPod(Pod pod) {
        PodEntry e = entries.get(pod);
        boolean stored = store.pods().contains(pod);
        if (e == null) {
            if (!stored) {
                return;
            }
            e = new PodEntry(nextSeq++);
            entries.put(pod, e);
        }
        if (e.node != null) {
            file(pod, e, false);
        }
        if (!stored) {
            entries.remove(pod);
            return;
        }
        if (!(pod.isTerminal() && pod.metadata().isDeleting())) {
            e.node = DaemonPods.targetNode(pod);
            if (e.node != null) {
                file(pod, e, true);
            }
        }
    }

    /** Adds the pod to, or takes it from, the pods of the node it is filed under. */
    private void file(Pod pod, PodEntry e, boolean add) {
        String name = e.node;
        NodeState s = nodes.get(name);
        List<Pod> list;
        if (s != null) {
            uncount(s);
            list = s.pods;
        } else {
            list = orphans.computeIfAbsent(name, k -> new ArrayList<>());
        }
        if (add) {
            int i = list.size();
            while (i > 0 && entries.get(list.get(i - 1)).seq > e.seq) {
                i--;
            }
            list.add(i, pod);
            e.hash = pod.metadata().labels().get(DaemonSet.LABEL_CONTROLLER_REVISION_HASH);
            if (e.hash != null) {
                liveHashes.merge(e.hash, 1, Integer::sum);
            }
        } else {
            list.remove(pod);
            if (e.hash != null && liveHashes.merge(e.hash, -1, Integer::sum) == 0) {
                liveHashes.remove(e.hash);
            }
            e.node = null;
        }
        if (s != null) {
            count(s);
            work.put(s.order, s);
        } else if (list.isEmpty()) {
            orphans.remove(name);
        }
    }

    /** What the node adds to the status (updateDaemonSetStatus, 12.5) and whether it has old pods. */
    private void count(NodeState s) {
        s.desired = 0;
        s.current = 0;
        s.ready = 0;
        s.available = 0;
        s.updated = 0;
        s.misscheduled = 0;
        s.old = 0;
        for (Pod p : s.pods) {
            if (!p.metadata().isDeleting()
                    && !hash.equals(p.metadata().labels().get(DaemonSet.LABEL_CONTROLLER_REVISION_HASH))) {
                s.old = 1;
            }
        }
        if (!s.answer.shouldRun()) {
            s.misscheduled = s.pods.isEmpty() ? 0 : 1;
        } else {
            s.desired = 1;
            if (!s.pods.isEmpty()) {
                s.current = 1;
                Pod oldest = s.pods.size() == 1 ? s.pods.get(0)
                        : s.pods.stream().min(DaemonSetController.OLDEST_FIRST).orElseThrow();
                if (oldest.isReady()) {
                    s.ready = 1;
                    if (oldest.isAvailable(minReadySeconds, store.now())) {
                        s.available = 1;
                    } else {
                        pendingAvailable.put(s.order, s);
                    }
                }
                if (hash.equals(oldest.metadata().labels().get(DaemonSet.LABEL_CONTROLLER_REVISION_HASH))) {
                    s.updated = 1;
                }
            }
        }
        add(s, 1);
    }

    private void uncount(NodeState s) {
        add(s, -1);
        pendingAvailable.remove(s.order);
    }

    private void add(NodeState s, int sign) {
        desired += sign * s.desired;
        current += sign * s.current;
        ready += sign * s.ready;
        available += sign * s.available;
        updated += sign * s.updated;
        misscheduled += sign * s.misscheduled;
        oldNodes += sign * s.old;
    }

    /** Recounts the nodes whose ready pod may have become available since (minReadySeconds). */
    void refreshAvailability() {
        for (NodeState s : new ArrayList<>(pendingAvailable.values())) {
            uncount(s);
            count(s);
        }
    }

    /** The sync looked at {@code s}: its answer is now the synced one; it leaves the work set when settled. */
    void visited(NodeState s, boolean settled) {
        synced.put(s.name(), s.answer);
        if (settled) {
            work.remove(s.order);
        }
    }

    /** At the end of a manage loop: forgets the synced answers of the nodes removed since. */
    void forgetGone() {
        for (String name : goneSinceSync) {
            if (!nodes.containsKey(name)) {
                synced.remove(name);
            }
        }
        goneSinceSync.clear();
    }

    /** Whether a pod not being deleted is of an old revision: only then has the rolling update work. */
    boolean hasOldPods() {
        if (oldNodes > 0) {
            return true;
        }
        for (List<Pod> pods : orphans.values()) {
            for (Pod p : pods) {
                if (!p.metadata().isDeleting()
                        && !hash.equals(p.metadata().labels().get(DaemonSet.LABEL_CONTROLLER_REVISION_HASH))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the node exists and should run the pod. */
    boolean shouldRun(String node) {
        NodeState s = nodes.get(node);
        return s != null && s.answer.shouldRun();
    }

    /** getNodesToDaemonPods: pods by node, nodes in creation order, then missing nodes sorted (a full walk). */
    Map<String, List<Pod>> podsByNode() {
        Map<String, List<Pod>> out = new LinkedHashMap<>();
        for (NodeState s : nodes.values()) {
            if (!s.pods.isEmpty()) {
                out.put(s.name(), s.pods);
            }
        }
        out.putAll(orphans);
        return out;
    }

    /** The revision hashes some filed pod carries. */
    Set<String> liveHashes() {
        return liveHashes.keySet();
    }
}
