package io.kubesim.controllers;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Deployment;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodDisruptionBudget;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.cluster.StatefulSet;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.EventRecorder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps each PodDisruptionBudget's status current (pkg/controller/disruption, k8s-semantics.md
 * 6.1): expected pods from the scale of the selected pods' controllers, desired and current
 * healthy pods, and how many disruptions are allowed now. It reacts to pods, budgets, and
 * ReplicaSet, Deployment and StatefulSet changes in the budget's namespace, and re-syncs when a
 * {@code disruptedPods} entry expires.
 */
public final class DisruptionController {
    public static final String SOURCE = "controllermanager";
    /** How long an allowed eviction may go unconfirmed by a deletion before the pod counts again (DeletionTimeout). */
    public static final long DELETION_TIMEOUT = SimTime.minutes(2);

    private final ClusterStore store;
    private final EventRecorder events;
    private final WorkQueue queue;
    /** {@code key/reason} of the events given while their cause lasts, so that one is not repeated on every sync. */
    private final Set<String> reported = new HashSet<>();
    /** Budgets by namespace, then by the key and value of their first matchLabels pair; null after a budget changed. */
    private Map<String, Map<String, Map<String, List<PodDisruptionBudget>>>> budgetsByLabel;
    /** Budgets without matchLabels, by namespace (with {@link #budgetsByLabel}). */
    private Map<String, List<PodDisruptionBudget>> budgetsWithoutLabels;
    /** Each budget's position in the namespace index, for the order the queue sees them in. */
    private Map<PodDisruptionBudget, Integer> order;
    /** Each budget's generation when indexed: a spec change (a new selector) rebuilds the index. */
    private final Map<PodDisruptionBudget, Long> generations = new java.util.IdentityHashMap<>();
    /** The pods each budget selects, counted at each pod write. */
    private final BudgetPods budgetPods;
    /** Test mode: each sync and each controller's lookup also walks the pods and fails on any difference. */
    private boolean verifyCounts;

    public DisruptionController(ClusterStore store, EventRecorder events, long reactionDelay) {
        this.store = store;
        this.events = events;
        this.queue = new WorkQueue(store.sim(), this::reconcile, reactionDelay);
        this.budgetPods = new BudgetPods(this::budgetsOf, this::candidates,
                () -> store.podDisruptionBudgetsByNamespace().keys(), ns -> store.podDisruptionBudgetsByNamespace().get(ns));
    }

    /** How many times the kept counts of every budget were counted afresh (for tests). */
    int recounts() {
        return budgetPods.recounts();
    }

    /** Test mode: checks the kept counts against a walk over the selected pods at every use. */
    public DisruptionController verifyCounts(boolean on) {
        verifyCounts = on;
        return this;
    }

    /** Registers the watches: budgets, pods, and the controllers whose scale sets {@code expectedPods}. */
    public void start() {
        store.podDisruptionBudgets().watch((type, pdb) -> queue.add(pdb.metadata().key()));
        // in line with the write, so a pod event never meets a stale index; status writes keep it,
        // and the kept counts unless the budget selects other pods now
        store.podDisruptionBudgets().observe((type, pdb) -> {
            boolean modified = type == io.kubesim.cluster.WatchEventType.MODIFIED;
            if (!modified || order == null || !order.containsKey(pdb)
                    || !java.util.Objects.equals(generations.get(pdb), pdb.metadata().generation())) {
                budgetsByLabel = null;
            }
            if (!modified || !budgetPods.countedAsIs(pdb)) {
                budgetPods.budgetsChanged();
            }
        });
        store.pods().observe((type, pod) -> budgetPods.podWritten(pod, type == io.kubesim.cluster.WatchEventType.DELETED));
        store.pods().watch((type, pod) -> {
            for (PodDisruptionBudget pdb : budgetsOf(pod)) {
                queue.add(pdb.metadata().key());
            }
        });
        store.replicaSets().watch((type, rs) -> queueBudgetsOf(List.of(rs.metadata().uid())));
        store.deployments().watch((type, d) -> {
            List<String> replicaSets = new ArrayList<>();
            for (ReplicaSet rs : store.replicaSetsByOwner().get(d.metadata().uid())) {
                replicaSets.add(rs.metadata().uid());
            }
            queueBudgetsOf(replicaSets);
        });
        store.statefulSets().watch((type, s) -> queueBudgetsOf(List.of(s.metadata().uid())));
    }

    /**
     * Queues the budgets that select any pod of the controllers with {@code controllerUids}, in
     * the namespace index's order: a controller's change (its scale, or its coming and going) can
     * only change the expected pods of the budgets selecting the pods it owns ({@link #scaleOf}),
     * so only those are synced again, not every budget of the namespace. (Upstream has no handler
     * on these kinds at all: it reads them through listers and catches up at a pod event or its
     * 30 s resync of every budget, which kubesim does not model.)
     */
    private void queueBudgetsOf(List<String> controllerUids) {
        Set<PodDisruptionBudget> found = new HashSet<>();
        for (String uid : controllerUids) {
            for (BudgetPods.Selected c : budgetPods.budgetsOfController(uid)) {
                found.add(c.budget);
            }
        }
        if (verifyCounts) {
            verifyBudgetsOf(controllerUids, found);
        }
        if (found.isEmpty()) {
            return;
        }
        if (budgetsByLabel == null) {
            index();
        }
        List<PodDisruptionBudget> inOrder = new ArrayList<>(found);
        inOrder.sort(java.util.Comparator.comparingInt(order::get));
        for (PodDisruptionBudget pdb : inOrder) {
            queue.add(pdb.metadata().key());
        }
    }

    private void verifyBudgetsOf(List<String> controllerUids, Set<PodDisruptionBudget> found) {
        Set<PodDisruptionBudget> walked = new HashSet<>();
        for (String uid : controllerUids) {
            for (Pod p : store.podsByOwner().get(uid)) {
                walked.addAll(budgetsOf(p));
            }
        }
        if (!walked.equals(found)) {
            throw new IllegalStateException("kept budgets of " + controllerUids + " " + found + " != walked " + walked);
        }
    }

    /**
     * The budgets of the pod's namespace whose selector picks it, in the namespace index's order
     * (the order the queue sees them in): looked up by the pod's labels in {@link #budgetsByLabel}
     * (each budget under its first matchLabels pair), plus the budgets without matchLabels.
     */
    private List<PodDisruptionBudget> budgetsOf(Pod pod) {
        if (budgetsByLabel == null) {
            index();
        }
        List<PodDisruptionBudget> found = new ArrayList<>();
        for (PodDisruptionBudget pdb : budgetsWithoutLabels.getOrDefault(pod.namespace(), List.of())) {
            if (pdb.selects(pod)) {
                found.add(pdb);
            }
        }
        Map<String, Map<String, List<PodDisruptionBudget>>> byPair = budgetsByLabel.get(pod.namespace());
        if (byPair != null) {
            for (Map.Entry<String, String> label : pod.metadata().labels().entrySet()) {
                Map<String, List<PodDisruptionBudget>> byValue = byPair.get(label.getKey());
                List<PodDisruptionBudget> under = byValue == null ? null : byValue.get(label.getValue());
                if (under != null) {
                    for (PodDisruptionBudget pdb : under) {
                        if (pdb.selects(pod)) {
                            found.add(pdb);
                        }
                    }
                }
            }
        }
        if (found.size() > 1) {
            found.sort(java.util.Comparator.comparingInt(order::get));
        }
        return found;
    }

    /** Rebuilds {@link #budgetsByLabel} and {@link #order} from the store (after any budget changes). */
    private void index() {
        budgetsByLabel = new HashMap<>();
        budgetsWithoutLabels = new HashMap<>();
        order = new java.util.IdentityHashMap<>();
        generations.clear();
        for (String ns : store.podDisruptionBudgetsByNamespace().keys()) {
            for (PodDisruptionBudget pdb : store.podDisruptionBudgetsByNamespace().get(ns)) {
                order.put(pdb, order.size());
                generations.put(pdb, pdb.metadata().generation());
                io.kubesim.api.LabelSelector sel = pdb.selector();
                if (sel == null || sel.matchLabels().isEmpty()) {
                    budgetsWithoutLabels.computeIfAbsent(ns, k -> new ArrayList<>()).add(pdb);
                } else {
                    Map.Entry<String, String> first = sel.matchLabels().entrySet().iterator().next();
                    budgetsByLabel.computeIfAbsent(ns, k -> new HashMap<>()).computeIfAbsent(first.getKey(), k -> new HashMap<>())
                            .computeIfAbsent(first.getValue(), k -> new ArrayList<>()).add(pdb);
                }
            }
        }
    }

    long reconcile(String key) {
        PodDisruptionBudget pdb = store.podDisruptionBudgets().get(key);
        if (pdb == null) {
            reported.remove(key + "/NoPods");
            reported.remove(key + "/UnmanagedPods");
            return Reconciler.DONE;
        }
        BudgetPods.Selected selected = budgetPods.of(pdb);
        if (reportOnce(key, "NoPods", selected.pods == 0)) {
            events.normal(SOURCE, pdb, "NoPods", "No matching pods found");
        }
        DisruptionBudgetStatus.Counts counts = DisruptionBudgetStatus.expected(pdb, selected.pods,
                selected.owners.values(), selected.ownerless, o -> scaleOf(pdb.namespace(), o));
        if (reportOnce(key, "UnmanagedPods", counts.unmanagedPods() > 0)) {
            events.warning(SOURCE, pdb, "UnmanagedPods",
                    "Pods selected by this PodDisruptionBudget (selector: " + pdb.selector() + ") were found to be "
                            + "unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may "
                            + "result in undefined behavior. To account for these pods please set \".spec.minAvailable\" "
                            + "field of the PDB to an integer value.");
        }
        long now = store.now();
        Map<String, Long> disrupted = new LinkedHashMap<>();
        int readyDisrupted = 0;
        long recheck = SimTime.NEVER;
        for (Map.Entry<String, Long> e : pdb.disruptedPods().entrySet()) {
            Pod p = store.pods().get(pdb.namespace(), e.getKey());
            if (p != null && pdb.selects(p)) {
                long expires = DisruptionBudgetStatus.keptUntil(p, e.getValue(), now, DELETION_TIMEOUT);
                if (expires != SimTime.NEVER) {
                    disrupted.put(e.getKey(), e.getValue());
                    recheck = Math.min(recheck, expires + 1);
                    readyDisrupted += p.isReady() ? 1 : 0;
                }
            }
        }
        int healthy = selected.ready - readyDisrupted;
        int allowed = DisruptionBudgetStatus.disruptionsAllowed(counts.expected(), counts.desired(), healthy);
        if (verifyCounts) {
            verifyStatus(pdb, counts, disrupted, healthy, recheck);
        }
        if (pdb.setStatus(counts.expected(), counts.desired(), healthy, allowed, disrupted,
                pdb.metadata().generation())) {
            store.podDisruptionBudgets().update(pdb);
        }
        return recheck == SimTime.NEVER ? Reconciler.DONE : Math.max(0, recheck - now);
    }

    /** The walk the kept counts replace: fails on any difference. */
    private void verifyStatus(PodDisruptionBudget pdb, DisruptionBudgetStatus.Counts counts,
                              Map<String, Long> disrupted, int healthy, long recheck) {
        List<Pod> pods = new ArrayList<>();
        for (Pod p : candidates(pdb)) {
            if (pdb.selects(p)) {
                pods.add(p);
            }
        }
        DisruptionBudgetStatus.Counts walkedCounts = DisruptionBudgetStatus.expected(pdb, pods,
                p -> p.metadata().owner() == null ? null : scaleOf(pdb.namespace(), p.metadata().owner()));
        Map<String, Long> walkedDisrupted = new LinkedHashMap<>();
        long walkedRecheck = DisruptionBudgetStatus.keptDisruptions(pdb, pods, store.now(), DELETION_TIMEOUT,
                walkedDisrupted);
        int walkedHealthy = DisruptionBudgetStatus.currentHealthy(pods, walkedDisrupted);
        if (!walkedCounts.equals(counts) || !walkedDisrupted.equals(disrupted) || walkedHealthy != healthy
                || walkedRecheck != recheck) {
            throw new IllegalStateException("kept counts of " + pdb.metadata().key() + ": " + counts + " " + disrupted
                    + " healthy " + healthy + " recheck " + recheck + " != walked " + walkedCounts + " "
                    + walkedDisrupted + " healthy " + walkedHealthy + " recheck " + walkedRecheck);
        }
    }

    /**
     * The pods the budget's selector may pick: the smallest bucket of the pod label index among its
     * matchLabels (every picked pod carries all of them), or the namespace when it has none. The
     * order is the buckets' (creation order), as the namespace's.
     */
    private java.util.Collection<Pod> candidates(PodDisruptionBudget pdb) {
        io.kubesim.api.LabelSelector sel = pdb.selector();
        java.util.Collection<Pod> best = null;
        if (sel != null) {
            for (Map.Entry<String, String> e : sel.matchLabels().entrySet()) {
                java.util.Set<Pod> bucket = store.podsByLabel().get(pdb.namespace(), e.getKey(), e.getValue());
                if (best == null || bucket.size() < best.size()) {
                    best = bucket;
                }
            }
        }
        return best != null ? best : store.podsByNamespace().get(pdb.namespace());
    }

    /**
     * Whether to record an event now: upstream records one on every sync while the cause lasts;
     * kubesim records it when the cause appears (so the event log does not grow with each sync).
     */
    private boolean reportOnce(String key, String reason, boolean cause) {
        String k = key + "/" + reason;
        if (!cause) {
            reported.remove(k);
            return false;
        }
        return reported.add(k);
    }

    /**
     * The scale of a pod's controller {@code o} in {@code namespace}, or null when it is gone
     * (controllers' scale through ownerRefs: a ReplicaSet owned by a Deployment counts with the
     * Deployment's replicas; a StatefulSet with its own).
     *
     * @return {controller uid, scale}, or null
     */
    private DisruptionBudgetStatus.Scale scaleOf(String namespace, OwnerReference o) {
        if (!o.kind().equals(ReplicaSet.KIND)) {
            // ReplicationController, StatefulSet ...: the owner's own scale (getPodReplicationController ...)
            io.kubesim.cluster.Scale scale = store.scales().get(o.kind(), namespace, o.name());
            if (scale == null || !scale.target().metadata().uid().equals(o.uid())) {
                return null;
            }
            return new DisruptionBudgetStatus.Scale(o.uid(), scale.specReplicas());
        }
        ReplicaSet rs = store.replicaSets().get(namespace, o.name());
        if (rs == null || !rs.metadata().uid().equals(o.uid())) {
            return null;
        }
        OwnerReference ro = rs.metadata().owner();
        if (ro != null && ro.kind().equals(Deployment.KIND)) {
            Deployment d = store.deployments().get(namespace, ro.name());
            if (d != null && d.metadata().uid().equals(ro.uid())) {
                return new DisruptionBudgetStatus.Scale(d.metadata().uid(), d.replicas());
            }
            return null;
        }
        return new DisruptionBudgetStatus.Scale(rs.metadata().uid(), rs.replicas());
    }
}
