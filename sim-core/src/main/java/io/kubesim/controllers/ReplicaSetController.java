package io.kubesim.controllers;

import io.kubesim.api.PodTemplate;
import io.kubesim.cluster.AdmissionException;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.NameGenerator;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.ObjectStore;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodCounts;
import io.kubesim.cluster.PodAdmission;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.Decision;
import io.kubesim.metrics.DecisionRecorder;
import io.kubesim.metrics.EventRecorder;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the number of active pods of each ReplicaSet at {@code spec.replicas}
 * (k8s-semantics.md 2.8): creates pods from the template when there are too few, deletes the
 * pods ranked first by {@link PodDeletionOrder} when there are too many (at most
 * {@value #BURST_REPLICAS} per sync), and writes the status counts and the ReplicaFailure
 * condition.
 *
 * <p>The same logic keeps ReplicationControllers ({@link #forReplicationControllers}), as upstream's
 * replication manager runs the ReplicaSet controller through an adapter
 * (pkg/controller/replication): only the store, the owner kind of the pods and the event source
 * differ.
 */
public final class ReplicaSetController {
    public static final String SOURCE = "replicaset-controller";
    /** The event source of upstream's replication manager. */
    public static final String REPLICATION_CONTROLLER_SOURCE = "replication-controller";
    /** BurstReplicas: the most pods created or deleted in one sync. */
    public static final int BURST_REPLICAS = 500;
    /** SlowStartInitialBatchSize: the first batch of creates in a sync. */
    public static final int SLOW_START_INITIAL_BATCH = 1;
    /** The decision kind of a pod chosen for deletion on scale-down. */
    public static final String DELETION_CHOICE = "PodDeletionChoice";

    private final ClusterStore store;
    private final ObjectStore<ReplicaSet> objects;
    private final String kind;
    private final String source;
    private final PodAdmission admission;
    private final EventRecorder events;
    private final NameGenerator names;
    private final WorkQueue queue;
    private final DecisionRecorder decisions;
    /** Each ReplicaSet's pods counted from the writes (the store's, by owner uid). */
    private final PodCounts podCounts;
    /** Tests: every sync also walks the pods and checks the kept counts equal that. */
    private boolean verifyCounts;

    public ReplicaSetController(ClusterStore store, EventRecorder events, long reactionDelay) {
        this(store, events, reactionDelay, DecisionRecorder.disabled());
    }

    /** {@code decisions}: where each pod chosen for deletion is recorded with the rule that chose it. */
    public ReplicaSetController(ClusterStore store, EventRecorder events, long reactionDelay,
                                DecisionRecorder decisions) {
        this(store, store.replicaSets(), ReplicaSet.KIND, SOURCE, events, reactionDelay, decisions);
    }

    private ReplicaSetController(ClusterStore store, ObjectStore<ReplicaSet> objects, String kind, String source,
                                 EventRecorder events, long reactionDelay, DecisionRecorder decisions) {
        this.decisions = decisions;
        this.store = store;
        this.objects = objects;
        this.kind = kind;
        this.source = source;
        this.admission = new PodAdmission(store);
        this.events = events;
        this.names = new NameGenerator(store.sim().random().stream(source + "/names"));
        this.queue = new WorkQueue(store.sim(), this::reconcile, reactionDelay);
        this.podCounts = store.podCountsByOwner(); // from construction: a sync reads them whether or not the watches run
    }

    /**
     * Tests: each sync also walks the ReplicaSet's pods and fails (IllegalStateException) unless the
     * counts kept from the writes equal those.
     */
    public void verifyCounts(boolean on) {
        this.verifyCounts = on;
    }

    /**
     * The replication manager: the same controller over ReplicationControllers, their pods owned
     * by kind ReplicationController, its events from {@value #REPLICATION_CONTROLLER_SOURCE}.
     */
    public static ReplicaSetController forReplicationControllers(ClusterStore store, EventRecorder events,
                                                                 long reactionDelay) {
        return new ReplicaSetController(store, store.replicationControllers(), ReplicaSet.KIND_REPLICATION_CONTROLLER,
                REPLICATION_CONTROLLER_SOURCE, events, reactionDelay, DecisionRecorder.disabled());
    }

    /** Registers the watches: the controller's objects themselves, and pods by their owner. */
    public void start() {
        objects.watch((type, rs) -> queue.add(rs.metadata().key()));
        store.pods().watch((type, pod) -> {
            OwnerReference o = pod.metadata().owner();
            if (o != null && o.kind().equals(kind)) {
                queue.add(pod.namespace() + "/" + o.name());
            }
        });
    }

    /**
     * syncReplicaSet: manageReplicas, then the status. A sync whose creates or deletes failed
     * re-queues the key with the controller rate limiter (k8s-semantics.md 15.1); a sync without
     * error forgets the key's back-off.
     */
    long reconcile(String key) {
        ReplicaSet rs = objects.get(key);
        if (rs == null) {
            queue.forget(key);
            return Reconciler.DONE;
        }
        PodCounts.Counts counts = counts(rs);
        int diff = counts.active() - rs.replicas();
        String error = null;
        if (diff < 0) {
            error = createPods(rs, Math.min(-diff, BURST_REPLICAS));
        } else if (diff > 0) {
            deletePods(rs, activePods(rs), Math.min(diff, BURST_REPLICAS));
        }
        long again = updateStatus(rs, diff == 0 ? counts : counts(rs), error, diff < 0 ? "FailedCreate" : "FailedDelete");
        if (error != null) {
            queue.addRateLimited(key);
            return Reconciler.DONE;
        }
        queue.forget(key);
        return again;
    }

    private List<Pod> activePods(ReplicaSet rs) {
        List<Pod> active = new ArrayList<>();
        for (Pod p : store.podsByOwner().get(rs.metadata().uid())) {
            if (p.isActive()) {
                active.add(p);
            }
        }
        return active;
    }

    /** The ReplicaSet's pods as its status counts them (calculateStatus), kept from the writes. */
    private PodCounts.Counts counts(ReplicaSet rs) {
        long now = store.now();
        PodCounts.Counts c = podCounts.of(rs.metadata().uid(), rs.minReadySeconds(), rs.template().labels(), now);
        if (verifyCounts) {
            verify(rs, c, now);
        }
        return c;
    }

    /** The counts walked pod by pod, as they were before counts were kept. */
    private void verify(ReplicaSet rs, PodCounts.Counts c, long now) {
        int active = 0;
        int labeled = 0;
        int ready = 0;
        int available = 0;
        long recheck = Long.MAX_VALUE;
        for (Pod p : store.podsByOwner().get(rs.metadata().uid())) {
            if (!p.isActive()) {
                continue;
            }
            active++;
            if (labelsMatchTemplate(p, rs.template())) {
                labeled++;
            }
            if (p.isReady()) {
                ready++;
                if (p.isAvailable(rs.minReadySeconds(), now)) {
                    available++;
                } else {
                    recheck = Math.min(recheck, p.readyCondition().lastTransitionTime() + SimTime.seconds(rs.minReadySeconds()));
                }
            }
        }
        if (active != c.active() || labeled != c.labeled() || ready != c.ready() || available != c.available()
                || recheck != c.nextAvailable()) {
            throw new IllegalStateException("kept counts of " + rs.metadata().key() + " at " + now + ": " + c.active()
                    + " " + c.labeled() + " " + c.ready() + " " + c.available() + " " + c.nextAvailable()
                    + "; pod by pod: " + active + " " + labeled + " " + ready + " " + available + " " + recheck);
        }
    }

    /**
     * Creates {@code count} pods with slow start (k8s-semantics.md 2.8, slowStartBatch): batches
     * of 1, 2, 4 ... and no further batch after one with a refused create. Every refusal is a
     * Warning FailedCreate event {@code Error creating: <the API server's message>}. Returns the
     * first refusal's message, or null when every pod was created.
     */
    private String createPods(ReplicaSet rs, int count) {
        PodTemplate t = rs.template();
        int remaining = count;
        for (int batch = Math.min(remaining, SLOW_START_INITIAL_BATCH); batch > 0;
             batch = Math.min(2 * batch, remaining)) {
            String firstError = null;
            for (int i = 0; i < batch; i++) {
                String name = names.generate(rs.name() + "-");
                while (store.pods().get(rs.metadata().namespace(), name) != null) {
                    name = names.generate(rs.name() + "-");
                }
                ObjectMeta meta = new ObjectMeta(rs.metadata().namespace(), name, store.newUid());
                meta.setLabels(t.labels());
                meta.setAnnotations(t.annotations());
                meta.setOwner(new OwnerReference(kind, rs.name(), rs.metadata().uid()));
                try {
                    admission.create(new Pod(meta, t.spec(), store.now()));
                    events.normal(source, rs, "SuccessfulCreate", "Created pod: " + name);
                } catch (AdmissionException e) {
                    events.warning(source, rs, "FailedCreate", "Error creating: " + e.getMessage());
                    if (firstError == null) {
                        firstError = e.getMessage();
                    }
                }
            }
            if (firstError != null) {
                return firstError;
            }
            remaining -= batch;
        }
        return null;
    }

    private void deletePods(ReplicaSet rs, List<Pod> active, int count) {
        Map<Pod, Integer> ranks = ranksOnSameNode(rs, active);
        List<Pod> sorted = new ArrayList<>(active);
        PodDeletionOrder order = new PodDeletionOrder(ranks, store.now());
        sorted.sort(order);
        for (int i = 0; i < count; i++) {
            Pod victim = sorted.get(i);
            if (decisions.enabled()) {
                recordChoice(rs, sorted, count, i, order);
            }
            store.deletePod(victim, null);
            events.normal(source, rs, "SuccessfulDelete", "Deleted pod: " + victim.name());
        }
    }

    /**
     * A {@value #DELETION_CHOICE} decision: why the {@code i}-th pod of the ranking goes, compared
     * with the first pod kept (k8s-semantics.md 2.8, ActivePodsWithRanks).
     */
    private void recordChoice(ReplicaSet rs, List<Pod> sorted, int count, int i, PodDeletionOrder order) {
        Pod victim = sorted.get(i);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("replicaSet", rs.name());
        f.put("from", sorted.size());
        f.put("to", sorted.size() - count);
        f.put("position", i + 1);
        f.put("node", victim.nodeName());
        String why;
        if (count < sorted.size()) {
            Pod kept = sorted.get(count);
            PodDeletionOrder.Reason reason = order.why(victim, kept);
            f.put("kept", kept.name());
            f.put("rule", reason.rule());
            f.put("reason", reason.text());
            why = reason.text();
        } else {
            why = "every pod goes";
        }
        decisions.record(new Decision(store.now(), source, DELETION_CHOICE,
                "Pod/" + victim.namespace() + "/" + victim.name(), "delete pod " + victim.name() + " to bring "
                + kind + " " + rs.name() + " from " + sorted.size() + " to " + (sorted.size() - count) + " pods: "
                + why, f));
    }

    /**
     * Rank of each pod: the number of active pods on its node that belong to the same workload,
     * i.e. to any ReplicaSet of the same Deployment (replica_set.go getIndirectlyRelatedPods).
     */
    private Map<Pod, Integer> ranksOnSameNode(ReplicaSet rs, List<Pod> active) {
        List<Pod> related = new ArrayList<>();
        OwnerReference deploymentRef = rs.metadata().owner();
        if (deploymentRef != null) {
            for (ReplicaSet sibling : store.replicaSetsByOwner().get(deploymentRef.uid())) {
                for (Pod p : store.podsByOwner().get(sibling.metadata().uid())) {
                    if (p.isActive()) {
                        related.add(p);
                    }
                }
            }
        } else {
            related.addAll(active);
        }
        Map<String, Integer> perNode = new java.util.HashMap<>();
        for (Pod p : related) {
            perNode.merge(p.nodeName(), 1, Integer::sum);
        }
        Map<Pod, Integer> ranks = new IdentityHashMap<>();
        for (Pod p : active) {
            ranks.put(p, perNode.getOrDefault(p.nodeName(), 0));
        }
        return ranks;
    }

    /**
     * Writes replicas, fullyLabeled, ready and available counts. When some ready pods are not yet
     * available because of minReadySeconds, asks to run again minReadySeconds + 1 s after the
     * earliest of them became ready (replica_set.go re-queues with that extra second).
     */
    private long updateStatus(ReplicaSet rs, PodCounts.Counts c, String error, String failureReason) {
        long now = store.now();
        boolean failureChanged = rs.setReplicaFailure(failureReason, error, now);
        if (rs.setStatus(c.active(), c.labeled(), c.ready(), c.available(), rs.metadata().generation()) | failureChanged) {
            objects.update(rs);
        }
        // a Ready pod not yet available: synced again one second after it becomes so
        long next = c.nextAvailable();
        return next == Long.MAX_VALUE ? Reconciler.DONE : Math.max(0, next + SimTime.seconds(1) - now);
    }

    private static boolean labelsMatchTemplate(Pod p, PodTemplate t) {
        Map<String, String> labels = p.metadata().labels();
        for (Map.Entry<String, String> e : t.labels().entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
