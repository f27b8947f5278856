package io.kubesim.controllers.statefulset;

import io.kubesim.api.PodTemplate;
import io.kubesim.api.StatefulSetUpdateStrategy;
import io.kubesim.cluster.AdmissionException;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.ControllerRevision;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodAdmission;
import io.kubesim.cluster.PodPhase;
import io.kubesim.cluster.StatefulSet;
import io.kubesim.cluster.WatchEventType;
import io.kubesim.controllers.Reconciler;
import io.kubesim.controllers.WorkQueue;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.BelowDesiredClock;
import io.kubesim.metrics.EventRecorder;
import java.util.ArrayList;
import io.kubesim.metrics.WorkloadStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reconciles StatefulSets as stateful_set_control.go {@code updateStatefulSet} does
 * (k8s-semantics.md 11.3): ordinals in range are created (PVCs first), Failed or Succeeded pods
 * deleted to be recreated; ordinals out of range are removed highest first; then the status, then
 * the rolling update (11.5). Under OrderedReady ({@link StatefulSet#monotonic()}) each sync makes at
 * most one creation or deletion and stops at the first pod that is missing, terminating, not
 * Running and Ready, or not yet available; under Parallel every ordinal is handled in one sync.
 *
 * <p>At most one pod per identity (11.7): a pod is only created when no pod object of that name
 * exists, so a pod left Terminating on a dead node holds its ordinal until the object is removed.
 *
 * <p>Worked example, OrderedReady, 3 replicas from nothing: sync 1 creates web-0 and stops; syncs
 * triggered by web-0's scheduling and start stop at "web-0 not Running and Ready"; the sync that
 * sees web-0 Ready creates web-1; and so on. Scaling 3 → 1 then deletes web-2, waits for the
 * object to be gone, deletes web-1.
 */
public final class StatefulSetController {
    public static final String SOURCE = "statefulset-controller";

    /** What processing one ordinal asks of the sync. */
    private enum Step { CONTINUE, STOP, ERROR }

    private final ClusterStore store;
    private final EventRecorder events;
    private final PodAdmission admission;
    private final StatefulSetClaims claims;
    private final StatefulSetFeatures features;
    private final StatefulSetRevisions revisions;
    private final StatefulSetPods pods;
    private final WorkQueue queue;
    /** The fewest available replicas after the set was first fully available, by set key (insertion-ordered). */
    private final Map<String, Integer> fewestAfterFull = new LinkedHashMap<>();
    /** Time below spec.replicas after the first full availability, per StatefulSet key. */
    private final Map<String, BelowDesiredClock> belowDesired = new LinkedHashMap<>();
    /** Each set's rollouts as {start, end} pairs (end -1 while open), by set key (insertion-ordered). */
    private final Map<String, List<long[]>> rollouts = new LinkedHashMap<>();

    public StatefulSetController(ClusterStore store, EventRecorder events, long reactionDelay) {
        this(store, events, reactionDelay, StatefulSetClaims.NONE, StatefulSetFeatures.DEFAULT);
    }

    public StatefulSetController(ClusterStore store, EventRecorder events, long reactionDelay,
                                 StatefulSetClaims claims, StatefulSetFeatures features) {
        this.store = store;
        this.events = events;
        this.admission = new PodAdmission(store);
        this.claims = claims;
        this.features = features;
        this.revisions = new StatefulSetRevisions(store);
        this.pods = new StatefulSetPods(store);
        this.queue = new WorkQueue(store.sim(), this::reconcile, reactionDelay);
    }

    /** Watches StatefulSets and the pods they own. */
    public void start() {
        pods.start();
        store.statefulSets().watch((type, set) -> {
            if (type == WatchEventType.DELETED) {
                claims.setDeleted(set);
                pods.setDeleted(set);
            }
            queue.add(set.metadata().key());
        });
        store.pods().watch((type, pod) -> {
            OwnerReference o = pod.metadata().owner();
            if (o != null && o.kind().equals(StatefulSet.KIND)) {
                queue.add(pod.namespace() + "/" + o.name());
            }
        });
    }

    /**
     * Each StatefulSet as summary.json's {@code workloads} reports it, in creation order: its
     * status at the end, the fewest available replicas seen after all desired replicas were first
     * available, each template change after the first sync with the time the current revision
     * caught up with it, and the current and update revisions in {@code extra}.
     */
    public List<WorkloadStatus> workloads(Function<StatefulSet, String> displayName) {
        List<WorkloadStatus> out = new ArrayList<>();
        for (StatefulSet s : store.statefulSets().list()) {
            List<WorkloadStatus.Rollout> rs = new ArrayList<>();
            for (long[] r : rollouts.getOrDefault(s.metadata().key(), List.of())) {
                rs.add(new WorkloadStatus.Rollout(r[0], r[1]));
            }
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("currentRevision", s.currentRevision());
            extra.put("updateRevision", s.updateRevision());
            out.add(new WorkloadStatus(StatefulSet.KIND, displayName.apply(s), s.replicas(), s.readyReplicas(),
                    s.availableReplicas(), fewestAfterFull.getOrDefault(s.metadata().key(), -1), rs, extra,
                    belowDesired.containsKey(s.metadata().key())
                            ? belowDesired.get(s.metadata().key()).micros(store.now()) : -1));
        }
        return out;
    }

    /**
     * A new update revision starts a rollout; the current revision catching up with it ends the open
     * one, and so does a partitioned rollout that has done all its partition lets it do
     * ({@code partitionDone}), as {@code kubectl rollout status} reports it complete.
     */
    private void trackRollout(String key, String updateBefore, String current, String update, boolean partitionDone) {
        List<long[]> list = rollouts.computeIfAbsent(key, k -> new ArrayList<>());
        if (!updateBefore.isEmpty() && !updateBefore.equals(update)) {
            list.add(new long[]{store.now(), -1});
        }
        if (!list.isEmpty() && list.get(list.size() - 1)[1] < 0 && (current.equals(update) || partitionDone)) {
            list.get(list.size() - 1)[1] = store.now();
        }
    }

    long reconcile(String key) {
        StatefulSet set = store.statefulSets().get(key);
        if (set == null) {
            return Reconciler.DONE;
        }
        StatefulSetRevisions.Pair pair = revisions.sync(set);
        Sync sync = new Sync(set, pair, pods.beginSync(set, pair.update().name()));
        try {
            sync.run();
            sync.writeStatus();
        } finally {
            pods.endSync();
        }
        revisions.truncate(set, sync.revisions, store.podsByOwner().get(set.metadata().uid()));
        if (!sync.failed) {
            queue.forget(key);
        }
        return sync.requeue;
    }

    /**
     * One sync of one set: its pods sorted into replicas and condemned ({@link StatefulSetPods}: the
     * sync visits the ordinals that ask for something, where upstream walks them all, with the same
     * outcome), and what the sync does with them.
     */
    private final class Sync {
        final StatefulSet set;
        final StatefulSetRevisions.Pair revisions;
        final StatefulSetPods.View view;
        final boolean monotonic;
        final int start;
        /** replicas[i] is the pod of ordinal start + i, or null when it does not exist. */
        final Pod[] replicas;
        /** Pods of ordinals out of range, highest ordinal first. */
        final List<Pod> condemned;
        long requeue = Reconciler.DONE;
        /** A create was refused: the key was re-queued with back-off. */
        boolean failed;

        Sync(StatefulSet set, StatefulSetRevisions.Pair revisions, StatefulSetPods.View view) {
            this.set = set;
            this.revisions = revisions;
            this.view = view;
            this.monotonic = set.monotonic();
            this.start = set.ordinalsStart();
            this.replicas = view.replicas;
            this.condemned = view.condemned;
        }

        void run() {
            if (!processReplicas() || !processCondemned()) {
                return;
            }
            if (set.updateStrategy().onDelete()) {
                return;
            }
            if (features.maxUnavailableStatefulSet()) {
                rollingUpdateWithMaxUnavailable();
            } else {
                rollingUpdateOneAtATime();
            }
        }

        /**
         * Step 3: true when the sync goes on to the condemned pods. The ordinals skipped are those
         * processReplica would pass over without acting (a settled pod; under Parallel, any pod
         * neither terminal nor, in a set with claim templates, Pending).
         */
        private boolean processReplicas() {
            int n = replicas.length;
            StatefulSetPods.View.Cursor cursor = view.toProcess(monotonic);
            if (monotonic) {
                for (int i = cursor.next(0); i < n; i = cursor.next(i + 1)) {
                    if (processReplica(i) != Step.CONTINUE) {
                        return false;
                    }
                }
                return true;
            }
            // slowStartBatch: batches of 1, 2, 4 ...; no further batch after one with an error.
            int batchStart = 0;
            int batch = 1;
            boolean failed = false;
            for (int i = cursor.next(0); i < n; i = cursor.next(i + 1)) {
                while (i >= batchStart + batch) {
                    if (failed) {
                        return false;
                    }
                    batchStart += batch;
                    batch *= 2;
                }
                failed |= processReplica(i) == Step.ERROR;
            }
            return !failed;
        }

        /** processReplica for ordinal start + i. */
        private Step processReplica(int i) {
            int ordinal = start + i;
            Pod pod = replicas[i];
            if (pod != null && pod.isTerminal()) {
                if (!pod.metadata().isDeleting()) {
                    delete(pod);
                }
                return Step.STOP;
            }
            if (pod == null) {
                boolean created = create(ordinal);
                if (!created) {
                    return Step.ERROR;
                }
                return monotonic ? Step.STOP : Step.CONTINUE;
            }
            if (pod.phase() == PodPhase.PENDING) {
                for (StatefulSetClaims.ClaimOutcome c : claims.createMissing(set, ordinal, pod.name())) {
                    claimEvent(c, pod.name());
                }
            }
            if (!monotonic) {
                return Step.CONTINUE;
            }
            if (pod.metadata().isDeleting() || !runningAndReady(pod)) {
                return Step.STOP;
            }
            if (!available(pod)) {
                requeueForAvailability();
                return Step.STOP;
            }
            return Step.CONTINUE;
        }

        /** Step 5: condemned pods, highest ordinal first; true when the sync goes on to the update. */
        private boolean processCondemned() {
            Pod firstUnhealthy = null;
            if (!view.anyUnhealthyReplica()) {
                for (int i = condemned.size() - 1; i >= 0; i--) {
                    if (!healthy(condemned.get(i))) {
                        firstUnhealthy = condemned.get(i);
                        break;
                    }
                }
            }
            for (Pod pod : condemned) {
                if (pod.metadata().isDeleting()) {
                    if (monotonic) {
                        return false;
                    }
                    continue;
                }
                if (monotonic && (!runningAndReady(pod) || !available(pod)) && pod != firstUnhealthy) {
                    return false;
                }
                claims.condemned(set, view.ordinal(pod), pod);
                delete(pod);
                if (monotonic) {
                    return false;
                }
            }
            return true;
        }

        /**
         * 11.5 with MaxUnavailableStatefulSet: while fewer than maxUnavailable replicas are
         * unavailable, deletes outdated pods from the highest ordinal down to the partition.
         */
        private void rollingUpdateWithMaxUnavailable() {
            StatefulSetUpdateStrategy s = set.updateStrategy();
            int maxUnavailable = Math.max(1, s.maxUnavailable().scaledValue(replicas.length, false));
            int unavailable = view.unsettledOrMissing(); // missing, unhealthy or not available
            if (unavailable >= maxUnavailable) {
                return;
            }
            int toDelete = maxUnavailable - unavailable;
            for (int target = view.lastOutdated(replicas.length - 1); target >= updateMin() && toDelete > 0;
                 target = view.lastOutdated(target - 1)) {
                Pod p = replicas[target];
                if (p != null && outdated(p) && !p.metadata().isDeleting()) {
                    delete(p);
                    toDelete--;
                }
            }
        }

        /**
         * 11.5 without the gate: delete the highest outdated pod, wait for it to come back healthy.
         * Walking down from the highest ordinal, the first that is missing, unhealthy or outdated
         * decides; those above it are passed over.
         */
        private void rollingUpdateOneAtATime() {
            int target = view.lastUpdateCandidate(replicas.length - 1);
            if (target < 0 || target < updateMin()) {
                return;
            }
            Pod p = replicas[target];
            if (p != null && outdated(p) && !p.metadata().isDeleting()) {
                delete(p);
            }
        }

        /**
         * kubectl's StatefulSet rollout status for a partition above 0: complete once every replica
         * is ready and the ordinals at or above the partition run the update revision
         * ({@code updatedReplicas >= replicas - partition}), though the current revision stays behind.
         */
        private boolean partitionedRolloutDone(int updated, int ready) {
            int partition = updateMin();
            return partition > 0 && ready >= set.replicas() && updated >= set.replicas() - partition;
        }

        /** The partition as an index into replicas (a missing rollingUpdate struct means 0). */
        private int updateMin() {
            return set.updateStrategy().rollingUpdate() ? set.updateStrategy().partition() : 0;
        }

        private boolean outdated(Pod p) {
            return !StatefulPodIdentity.revision(p).equals(revisions.update().name());
        }

        /**
         * newVersionedStatefulSetPod: below the partition (or, with no rollingUpdate struct, below
         * start + status.currentReplicas) a RollingUpdate set creates pods at the current revision;
         * otherwise at the update revision.
         */
        private ControllerRevision revisionFor(int ordinal) {
            StatefulSetUpdateStrategy s = set.updateStrategy();
            if (!s.onDelete() && ((!s.rollingUpdate() && ordinal < start + set.currentReplicas())
                    || (s.rollingUpdate() && ordinal < start + s.partition()))) {
                return revisions.current();
            }
            return revisions.update();
        }

        /** CreateStatefulPod: the claims, then the pod; false when the API server refused either. */
        private boolean create(int ordinal) {
            String name = StatefulPodIdentity.podName(set, ordinal);
            boolean claimFailed = false;
            for (StatefulSetClaims.ClaimOutcome c : claims.createMissing(set, ordinal, name)) {
                claimEvent(c, name);
                claimFailed |= c.failed();
            }
            if (claimFailed) {
                failed = true;
                queue.addRateLimited(set.metadata().key());
                return false;
            }
            ControllerRevision revision = revisionFor(ordinal);
            PodTemplate t = revision.template();
            ObjectMeta meta = new ObjectMeta(set.metadata().namespace(), name, store.newUid());
            meta.setLabels(StatefulPodIdentity.labels(t.labels(), name, ordinal, revision.name(),
                    features.podIndexLabel()));
            meta.setAnnotations(t.annotations());
            meta.setOwner(new OwnerReference(StatefulSet.KIND, set.name(), set.metadata().uid()));
            try {
                admission.create(new Pod(meta, withClaimVolumes(t.spec(), ordinal), store.now()));
            } catch (AdmissionException | IllegalStateException e) {
                events.warning(SOURCE, set, "FailedCreate", "create Pod " + name + " in StatefulSet " + set.name()
                        + " failed error: " + e.getMessage());
                failed = true;
                queue.addRateLimited(set.metadata().key());
                return false;
            }
            events.normal(SOURCE, set, "SuccessfulCreate", "create Pod " + name + " in StatefulSet " + set.name()
                    + " successful");
            return true;
        }

        /** Each volumeClaimTemplate becomes the pod's volume of that name, backed by the ordinal's claim (11.2). */
        private io.kubesim.api.PodSpec withClaimVolumes(io.kubesim.api.PodSpec spec, int ordinal) {
            for (io.kubesim.api.VolumeClaimTemplate v : set.volumeClaimTemplates()) {
                spec = spec.withClaimVolume(v.name(), v.claimName(set.name(), ordinal));
            }
            return spec;
        }

        private void claimEvent(StatefulSetClaims.ClaimOutcome c, String podName) {
            if (c.failed()) {
                events.warning(SOURCE, set, "FailedCreate", "create Claim " + c.claim() + " for Pod " + podName
                        + " in StatefulSet " + set.name() + " failed error: " + c.error());
            } else {
                events.normal(SOURCE, set, "SuccessfulCreate", "create Claim " + c.claim() + " Pod " + podName
                        + " in StatefulSet " + set.name() + " success");
            }
        }

        private void delete(Pod pod) {
            store.deletePod(pod, null);
            events.normal(SOURCE, set, "SuccessfulDelete", "delete Pod " + pod.name() + " in StatefulSet "
                    + set.name() + " successful");
        }

        private boolean runningAndReady(Pod p) {
            return p.phase() == PodPhase.RUNNING && p.isReady();
        }

        /** isHealthy: Running, Ready and not terminating. */
        private boolean healthy(Pod p) {
            return runningAndReady(p) && !p.metadata().isDeleting();
        }

        private boolean available(Pod p) {
            return runningAndReady(p) && p.isAvailable(set.minReadySeconds(), store.now());
        }

        /** A ready pod waits minReadySeconds to be available: sync again then (upstream re-queues after it). */
        private void requeueForAvailability() {
            requeue = SimTime.seconds(set.minReadySeconds());
        }

        /** computeReplicaStatus and completeRollingUpdate; writes the set only when the status changed. */
        void writeStatus() {
            StatefulSetPods.StatusCounts counts = pods.statusCounts(view, revisions.current().name(),
                    revisions.update().name());
            int created = counts.created();
            int ready = counts.ready();
            int availableCount = counts.available();
            int current = counts.current();
            int updated = counts.updated();
            boolean waitingForAvailability = counts.waitingForAvailability();
            String currentRevision = revisions.current().name();
            if (!set.updateStrategy().onDelete() && updated == created && ready == created
                    && created == set.replicas()) {
                current = updated;
                currentRevision = revisions.update().name();
            }
            if (waitingForAvailability && requeue == Reconciler.DONE) {
                requeueForAvailability();
            }
            String updateBefore = set.updateRevision();
            boolean changed = set.setStatus(set.metadata().generation(), created, ready, availableCount, current,
                    updated, currentRevision, revisions.update().name());
            trackRollout(set.metadata().key(), updateBefore, currentRevision, revisions.update().name(),
                    partitionedRolloutDone(updated, ready));
            if (changed) {
                store.statefulSets().update(set);
            }
            String key = set.metadata().key();
            belowDesired.computeIfAbsent(key, k -> new BelowDesiredClock())
                    .update(store.now(), availableCount, set.replicas());
            Integer fewest = fewestAfterFull.get(key);
            if (fewest != null) {
                fewestAfterFull.put(key, Math.min(fewest, availableCount));
            } else if (set.replicas() > 0 && availableCount >= set.replicas()) {
                fewestAfterFull.put(key, availableCount);
            }
        }
    }
}
