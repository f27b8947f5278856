package io.kubesim.controllers.daemonset;

import io.kubesim.api.PodSpec;
import io.kubesim.api.PodTemplate;
import io.kubesim.cluster.AdmissionException;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.DaemonSet;
import io.kubesim.cluster.NameGenerator;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodAdmission;
import io.kubesim.cluster.PodPhase;
import io.kubesim.cluster.WatchEventType;
import io.kubesim.controllers.Reconciler;
import io.kubesim.controllers.WorkQueue;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.BelowDesiredClock;
import io.kubesim.metrics.EventRecorder;
import io.kubesim.metrics.WorkloadStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Runs one pod of each DaemonSet on every node that should run it (k8s-semantics.md 12). One sync
 * (syncDaemonSet): the manage loop creates the pod a node lacks and deletes pods that must go
 * (12.5); when it changed nothing (its creations and deletions observed, as upstream's
 * expectations require), a RollingUpdate DaemonSet takes one update step (12.6); then old
 * revisions are cleaned up and the status written. Pods are created pinned to their node by a
 * node-name affinity and placed by the default scheduler (12.4).
 *
 * <p>A node added, removed or changed re-queues exactly the DaemonSets whose answer for it
 * (shouldRun, shouldContinueRunning) changed, so a new node gets its pods within one sync.
 *
 * <p>Cost: each DaemonSet has a {@code DaemonSetView}, kept current by store observers in line
 * with every node and pod write, with its answers, pods by node, status counts and the work set
 * of nodes that changed. A sync's manage loop visits only the work set (in node creation order,
 * as a full walk would, so outputs are unchanged); the rolling update plans only while some pod
 * is of an old revision; the status comes from the counts. One event therefore costs the same at
 * 5,000 nodes as at 10; a new template or strategy rebuilds the view with one walk of every node.
 */
public final class DaemonSetController {
    public static final String SOURCE = "daemonset-controller";
    /** BurstReplicas: the most creations, and deletions, of one sync. */
    public static final int BURST_REPLICAS = 250;
    /** The failed-pod back-off (apps.go: flowcontrol.NewBackOff(1s, 15min)). */
    static final long FAILED_POD_BACKOFF_INITIAL = SimTime.seconds(1);
    static final long FAILED_POD_BACKOFF_MAX = SimTime.minutes(15);

    private final ClusterStore store;
    private final EventRecorder events;
    private final PodAdmission admission;
    private final NameGenerator names;
    private final WorkQueue queue;
    /** Per DaemonSet uid: its revisions, its last answer per node, and the tally behind its stats. */
    private final Map<String, DaemonSetHistory> histories = new HashMap<>();
    /** Per DaemonSet uid: its bookkeeping (answers, pods by node, counts, work set); per key: the uid. */
    private final Map<String, DaemonSetView> views = new LinkedHashMap<>();
    private final Map<String, String> uidByKey = new HashMap<>();
    private final Map<String, int[]> availability = new HashMap<>();
    /** Time below desiredNumberScheduled after the first full availability, per DaemonSet uid. */
    private final Map<String, BelowDesiredClock> belowDesired = new HashMap<>();
    /** Per DaemonSet uid: the revision hash of its last sync and its rollouts ({start, end}, end -1 while open). */
    private final Map<String, String> lastHash = new HashMap<>();
    private final Map<String, List<long[]>> rollouts = new HashMap<>();
    /** Failed-pod back-off per (DaemonSet uid, generation, node): {last update, current delay}. */
    private final Map<String, long[]> failedBackoff = new HashMap<>();

    public DaemonSetController(ClusterStore store, EventRecorder events, long reactionDelay) {
        this.store = store;
        this.events = events;
        this.admission = new PodAdmission(store);
        this.names = new NameGenerator(store.sim().random().stream("daemonset-controller/names"));
        this.queue = new WorkQueue(store.sim(), this::reconcile, reactionDelay);
    }

    /**
     * Registers the watches (DaemonSets, their pods, and nodes), and observers that keep each
     * DaemonSet's {@link DaemonSetView} current in line with every node and pod write.
     */
    public void start() {
        store.nodes().observe((type, node) -> {
            for (DaemonSetView v : views.values()) {
                v.onNode(node);
            }
        });
        store.pods().observe((type, pod) -> {
            OwnerReference o = pod.metadata().owner();
            DaemonSetView v = o == null ? null : views.get(o.uid());
            if (v != null) {
                v.onPod(pod);
            }
        });
        store.daemonSets().watch((type, ds) -> queue.add(ds.metadata().key()));
        store.pods().watch((type, pod) -> {
            OwnerReference o = pod.metadata().owner();
            if (o != null && o.kind().equals(DaemonSet.KIND)) {
                queue.add(pod.namespace() + "/" + o.name());
            }
        });
        store.nodes().watch(this::onNode);
    }

    /** addNode / updateNode / deleteNode: re-queues the DaemonSets whose answer for the node changed. */
    private void onNode(WatchEventType type, Node node) {
        boolean gone = type == WatchEventType.DELETED || !store.nodes().contains(node);
        for (DaemonSet ds : store.daemonSets().list()) {
            DaemonSetView v = views.get(ds.metadata().uid());
            Map<String, NodeEligibility> known = v == null ? Map.of() : v.synced;
            NodeEligibility now = gone ? null : NodeEligibility.of(DaemonPods.withTolerations(ds), node);
            NodeEligibility before = known.get(node.name());
            if (before != now || (gone && known.containsKey(node.name()))) {
                queue.add(ds.metadata().key());
            }
        }
    }

    /** syncDaemonSet. */
    long reconcile(String key) {
        DaemonSet ds = store.daemonSets().get(key);
        if (ds == null) {
            String gone = uidByKey.remove(key);
            if (gone != null) {
                views.remove(gone);
            }
            return Reconciler.DONE;
        }
        String uid = ds.metadata().uid();
        String previous = uidByKey.put(key, uid);
        if (previous != null && !previous.equals(uid)) {
            views.remove(previous);
        }
        if (ds.selector().isEmpty()) {
            events.warning(SOURCE, ds, "SelectingAll",
                    "This daemon set is selecting all pods. A non-empty selector is required.");
            return Reconciler.DONE;
        }
        DaemonSetHistory history = histories.computeIfAbsent(uid, k -> new DaemonSetHistory());
        String hash = history.current(ds.template());
        String before = lastHash.put(uid, hash);
        if (before != null && !before.equals(hash)) {
            rollouts.computeIfAbsent(uid, k -> new ArrayList<>()).add(new long[] {store.now(), -1});
        }
        DaemonSetView view = views.get(uid);
        if (view == null || !view.describes(ds) || !view.hash.equals(hash)) {
            view = DaemonSetView.build(store, ds, hash); // a new template or strategy: one walk of every node
            views.put(uid, view);
        }

        Manage m = manage(ds, view, hash);
        long again = m.retryAfter;
        boolean failed = syncNodes(ds, m.delete, m.create, hash);
        boolean changed = !m.delete.isEmpty() || !m.create.isEmpty();
        if (!changed && !ds.updateStrategy().onDelete() && view.hasOldPods()) {
            DaemonSetView v = view;
            DaemonSetRollingUpdate.Step step = DaemonSetRollingUpdate.plan(ds, view.podsByNode(), hash, view.desired,
                    store.now(), v::shouldRun);
            failed |= syncNodes(ds, step.delete(), step.createOn(), hash);
        }
        cleanupHistory(ds, history, hash, view);
        again = earliest(again, updateStatus(ds, view));
        if (failed) {
            queue.addRateLimited(key);
        } else {
            queue.forget(key);
        }
        return again;
    }

    private static long earliest(long a, long b) {
        if (a == Reconciler.DONE) {
            return b;
        }
        return b == Reconciler.DONE ? a : Math.min(a, b);
    }

    /** What the manage loop decided: pods to delete, nodes to create a pod on, when to look again. */
    private static final class Manage {
        final List<Pod> delete = new ArrayList<>();
        final List<String> create = new ArrayList<>();
        long retryAfter = Reconciler.DONE;
        /** Running (not deleting, not terminal) pods on the node {@link #keepOne} looked at last. */
        int running;
        /** Whether that node has a failed pod waiting out its back-off. */
        boolean waiting;
    }

    /**
     * manage + podsShouldBeOnNode (k8s-semantics.md 12.5) over the view's work set, in node
     * creation order: the nodes outside it are settled, so a full walk would find nothing there.
     */
    private Manage manage(DaemonSet ds, DaemonSetView view, String hash) {
        Manage m = new Manage();
        // AllowsSurge: maxSurge scaled against 1 node is positive
        boolean surge = !ds.updateStrategy().onDelete() && ds.updateStrategy().maxSurge() != null
                && ds.updateStrategy().maxSurge().scaledValue(1, true) > 0;
        for (DaemonSetView.NodeState s : new ArrayList<>(view.work.values())) {
            Node node = s.node;
            NodeEligibility e = s.answer;
            List<Pod> pods = s.pods.isEmpty() ? null : s.pods;
            int acted = m.create.size() + m.delete.size();
            m.waiting = false;
            if (e.shouldRun() && pods == null) {
                m.create.add(node.name());
            } else if (e.shouldContinueRunning() && pods != null) {
                keepOne(ds, node, pods, surge, hash, m);
                if (surge && e.shouldRun() && m.running == 0) {
                    m.create.add(node.name()); // surging: a node needs one pod that is not being deleted
                }
            } else if (!e.shouldContinueRunning() && pods != null) {
                for (Pod p : pods) {
                    if (!p.metadata().isDeleting()) {
                        m.delete.add(p);
                    }
                }
            }
            boolean settled = m.create.size() + m.delete.size() == acted && !m.waiting && notDeleting(s.pods) <= 1;
            view.visited(s, settled);
        }
        view.forgetGone();
        // getUnscheduledPodsWithoutNode: pods waiting for a node that no longer exists
        for (List<Pod> pods : view.orphans.values()) {
            for (Pod p : pods) {
                if (!p.isBound() && !p.metadata().isDeleting()) {
                    m.delete.add(p);
                }
            }
        }
        return m;
    }

    private static int notDeleting(List<Pod> pods) {
        int n = 0;
        for (Pod p : pods) {
            n += p.metadata().isDeleting() ? 0 : 1;
        }
        return n;
    }

    /** The running pods of a node that should keep one: failed and succeeded ones go; extra ones too. */
    private void keepOne(DaemonSet ds, Node node, List<Pod> pods, boolean surge, String hash, Manage m) {
        List<Pod> running = new ArrayList<>();
        for (Pod p : pods) {
            if (p.metadata().isDeleting()) {
                continue;
            }
            if (p.phase() == PodPhase.FAILED) {
                String key = ds.metadata().uid() + "/" + ds.metadata().generation() + "/" + node.name();
                long delay = inBackoff(key);
                if (delay > 0) {
                    m.retryAfter = earliest(m.retryAfter, delay);
                    m.waiting = true;
                    continue;
                }
                events.warning(SOURCE, ds, "FailedDaemonPod", "Found failed daemon pod " + p.namespace() + "/"
                        + p.name() + " on node " + node.name() + ", will try to kill it");
                m.delete.add(p);
            } else if (p.phase() == PodPhase.SUCCEEDED) {
                events.normal(SOURCE, ds, "SucceededDaemonPod", "Found succeeded daemon pod " + p.namespace() + "/"
                        + p.name() + " on node " + node.name() + ", will try to delete it");
                m.delete.add(p);
            } else {
                running.add(p);
            }
        }
        m.running = running.size();
        if (running.size() <= 1) {
            return;
        }
        running.sort(OLDEST_FIRST);
        if (!surge) {
            m.delete.addAll(running.subList(1, running.size()));
            return;
        }
        Pod oldestNew = null;
        Pod oldestOld = null;
        for (Pod p : running) {
            boolean isNew = hash.equals(p.metadata().labels().get(DaemonSet.LABEL_CONTROLLER_REVISION_HASH));
            if (isNew && oldestNew == null) {
                oldestNew = p;
            } else if (!isNew && oldestOld == null) {
                oldestOld = p;
            } else {
                m.delete.add(p);
            }
        }
        if (oldestNew != null && oldestOld != null
                && (!oldestOld.isReady() || oldestNew.isAvailable(ds.minReadySeconds(), store.now()))) {
            m.delete.add(oldestOld);
        }
    }

    /**
     * flowcontrol.Backoff for failed pods: 0 when a delete may go ahead now (and the back-off
     * steps on: 1 s, doubling, at most 15 min, reset after twice the maximum without failure),
     * else how long until it may.
     */
    private long inBackoff(String key) {
        long now = store.now();
        long[] b = failedBackoff.get(key);
        if (b != null && now - b[0] < b[1]) {
            return b[1] - (now - b[0]);
        }
        if (b == null || now - b[0] > 2 * FAILED_POD_BACKOFF_MAX) {
            failedBackoff.put(key, new long[] {now, FAILED_POD_BACKOFF_INITIAL});
        } else {
            b[0] = now;
            b[1] = Math.min(2 * b[1], FAILED_POD_BACKOFF_MAX);
        }
        return 0;
    }

    /** podByCreationTimestampAndPhase: scheduled pods first, then oldest, then by name. */
    static final Comparator<Pod> OLDEST_FIRST = Comparator.comparing((Pod p) -> !p.isBound())
            .thenComparingLong(p -> p.metadata().creationTimestamp())
            .thenComparing(Pod::name);

    /**
     * syncNodes: deletes (at most {@value #BURST_REPLICAS}) and creates (at most as many, in
     * slow-start batches 1, 2, 4 ...; no further batch after one with a refused create). Returns
     * true when a create was refused.
     */
    private boolean syncNodes(DaemonSet ds, List<Pod> delete, List<String> createOn, String hash) {
        for (int i = 0; i < Math.min(delete.size(), BURST_REPLICAS); i++) {
            Pod p = delete.get(i);
            store.deletePod(p, null);
            events.normal(SOURCE, ds, "SuccessfulDelete", "Deleted pod: " + p.name());
        }
        int remaining = Math.min(createOn.size(), BURST_REPLICAS);
        if (remaining == 0) {
            return false;
        }
        PodTemplate template = ds.template()
                .withLabel(DaemonSet.LABEL_CONTROLLER_REVISION_HASH, hash)
                .withLabel(DaemonSet.LABEL_POD_TEMPLATE_GENERATION, Long.toString(ds.metadata().generation()));
        PodSpec spec = DaemonPods.withTolerations(ds);
        int next = 0;
        for (int batch = 1; remaining > 0; batch *= 2) {
            int size = Math.min(batch, remaining);
            boolean refused = false;
            for (int i = 0; i < size; i++) {
                refused |= !create(ds, template, DaemonPods.pinnedTo(spec, createOn.get(next++)));
            }
            if (refused) {
                return true;
            }
            remaining -= size;
        }
        return false;
    }

    private boolean create(DaemonSet ds, PodTemplate template, PodSpec spec) {
        String name = names.generate(ds.name() + "-");
        while (store.pods().get(ds.metadata().namespace(), name) != null) {
            name = names.generate(ds.name() + "-");
        }
        ObjectMeta meta = new ObjectMeta(ds.metadata().namespace(), name, store.newUid());
        meta.setLabels(template.labels());
        meta.setAnnotations(template.annotations());
        meta.setOwner(new OwnerReference(DaemonSet.KIND, ds.name(), ds.metadata().uid()));
        try {
            admission.create(new Pod(meta, spec, store.now()));
            events.normal(SOURCE, ds, "SuccessfulCreate", "Created pod: " + name);
            return true;
        } catch (AdmissionException e) {
            events.warning(SOURCE, ds, "FailedCreate", "Error creating: " + e.getMessage());
            return false;
        }
    }

    private void cleanupHistory(DaemonSet ds, DaemonSetHistory history, String hash, DaemonSetView view) {
        if (history.size() <= ds.revisionHistoryLimit() + 1) {
            return;
        }
        history.cleanup(ds.revisionHistoryLimit(), hash, view.liveHashes());
    }

    /**
     * updateDaemonSetStatus (k8s-semantics.md 12.5): per node that should run the pod, whether it
     * has one and whether the oldest is ready, available and of the current revision; pods on other
     * nodes are misscheduled (the view keeps these counts). With minReadySeconds, asks to run again
     * that long after.
     */
    private long updateStatus(DaemonSet ds, DaemonSetView view) {
        long now = store.now();
        view.refreshAvailability();
        int desired = view.desired;
        int current = view.current;
        int misscheduled = view.misscheduled;
        int ready = view.ready;
        int updated = view.updated;
        int available = view.available;
        DaemonSet.Status s = new DaemonSet.Status(desired, current, misscheduled, ready, updated, available,
                desired - available, ds.metadata().generation());
        track(ds, s);
        List<long[]> rs = rollouts.get(ds.metadata().uid());
        if (rs != null && rs.get(rs.size() - 1)[1] < 0 && updated == desired && available == desired) {
            rs.get(rs.size() - 1)[1] = now;
        }
        if (ds.setStatus(s)) {
            store.daemonSets().update(ds);
        }
        return ds.minReadySeconds() > 0 && ready != available ? SimTime.seconds(ds.minReadySeconds()) : Reconciler.DONE;
    }

    /** Remembers the fewest available pods once every desired node first had an available pod. */
    private void track(DaemonSet ds, DaemonSet.Status s) {
        belowDesired.computeIfAbsent(ds.metadata().uid(), k -> new BelowDesiredClock())
                .update(store.now(), s.numberAvailable(), s.desiredNumberScheduled());
        int[] t = availability.computeIfAbsent(ds.metadata().uid(), k -> new int[] {-1});
        if (t[0] < 0 && s.desiredNumberScheduled() > 0 && s.numberAvailable() >= s.desiredNumberScheduled()) {
            t[0] = s.numberAvailable();
        } else if (t[0] >= 0) {
            t[0] = Math.min(t[0], s.numberAvailable());
        }
    }

    /**
     * Each DaemonSet as summary.json's {@code workloads} reports it (its status, k8s-semantics.md
     * 12.5), in creation order: desired is desiredNumberScheduled, and {@code extra} carries
     * currentNumberScheduled, updatedNumberScheduled and numberMisscheduled. The fewest available
     * counts from the first status with every desired node running an available pod; a rollout runs
     * from the sync that first saw a new template to the next such status.
     */
    public List<WorkloadStatus> workloads(BiFunction<String, String, String> displayName) {
        List<WorkloadStatus> out = new ArrayList<>();
        for (DaemonSet ds : store.daemonSets().list()) {
            DaemonSet.Status s = ds.status();
            int[] t = availability.get(ds.metadata().uid());
            BelowDesiredClock clock = belowDesired.get(ds.metadata().uid());
            List<WorkloadStatus.Rollout> rs = new ArrayList<>();
            for (long[] r : rollouts.getOrDefault(ds.metadata().uid(), List.of())) {
                rs.add(new WorkloadStatus.Rollout(r[0], r[1]));
            }
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("current", s.currentNumberScheduled());
            extra.put("updated", s.updatedNumberScheduled());
            extra.put("misscheduled", s.numberMisscheduled());
            out.add(new WorkloadStatus(DaemonSet.KIND, displayName.apply(ds.metadata().namespace(), ds.name()),
                    s.desiredNumberScheduled(), s.numberReady(), s.numberAvailable(), t == null ? -1 : t[0], rs,
                    extra, clock == null ? -1 : clock.micros(store.now())));
        }
        return out;
    }

    /** The revisions kept for a DaemonSet, oldest first, as {@code number:hash} (for tests). */
    public List<String> revisions(DaemonSet ds) {
        DaemonSetHistory h = histories.get(ds.metadata().uid());
        List<String> out = new ArrayList<>();
        if (h != null) {
            h.revisions().forEach(r -> out.add(r.number() + ":" + r.hash()));
        }
        return out;
    }
}
