package io.kubesim.controllers;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Deployment;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.cluster.WatchEventType;
import io.kubesim.metrics.DecisionRecorder;
import io.kubesim.metrics.EventRecorder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reconciles Deployments (deployment_controller.go syncDeployment): a scaling event or a paused
 * Deployment is resized proportionally; otherwise one RollingUpdate or Recreate step runs; then
 * old ReplicaSets beyond revisionHistoryLimit are removed and the status is written.
 */
public final class DeploymentController {
    public static final String SOURCE = ReplicaSetScaler.SOURCE;
    /** FailedRSCreateReason. */
    static final String REASON_RS_CREATE_ERROR = "ReplicaSetCreateError";
    static final String REASON_PAUSED = "DeploymentPaused";
    static final String REASON_RESUMED = "DeploymentResumed";
    /** maxRetries: failed syncs in a row before the key is dropped until the next watch event. */
    static final int MAX_RETRIES = 15;

    private final ClusterStore store;
    private final EventRecorder events;
    private final DeploymentReplicaSets replicaSets;
    private final ReplicaSetScaler scaler;
    private final RollingUpdate rolling;
    private final ProportionalScaling proportional;
    private final RolloutDecisions decisions;
    private final WorkQueue queue;

    public DeploymentController(ClusterStore store, EventRecorder events, long reactionDelay) {
        this(store, events, reactionDelay, DecisionRecorder.disabled());
    }

    /** {@code decisions}: where each rollout step and wait is recorded ({@code kubesim explain --rollout}). */
    public DeploymentController(ClusterStore store, EventRecorder events, long reactionDelay,
                                DecisionRecorder decisions) {
        this.store = store;
        this.events = events;
        this.decisions = new RolloutDecisions(store, decisions);
        this.scaler = new ReplicaSetScaler(store, events);
        this.replicaSets = new DeploymentReplicaSets(store, events, scaler, this.decisions);
        this.rolling = new RollingUpdate(scaler, this.decisions);
        this.proportional = new ProportionalScaling(scaler, this.decisions);
        this.queue = new WorkQueue(store.sim(), this::reconcile, reactionDelay);
    }

    /** Watches Deployments, their ReplicaSets, and pod deletions (which a Recreate waits for). */
    public void start() {
        store.deployments().watch((type, d) -> queue.add(d.metadata().key()));
        store.replicaSets().watch((type, rs) -> enqueueOwner(rs.metadata().namespace(), rs.metadata().owner()));
        store.pods().watch((type, pod) -> {
            if (type != WatchEventType.DELETED) {
                return;
            }
            OwnerReference o = pod.metadata().owner();
            if (o == null || !o.kind().equals(ReplicaSet.KIND)) {
                return;
            }
            ReplicaSet rs = store.replicaSets().get(pod.namespace(), o.name());
            if (rs != null) {
                enqueueOwner(rs.metadata().namespace(), rs.metadata().owner());
            }
        });
    }

    private void enqueueOwner(String namespace, OwnerReference owner) {
        if (owner != null && owner.kind().equals(Deployment.KIND)) {
            queue.add(namespace + "/" + owner.name());
        }
    }

    long reconcile(String key) {
        Deployment d = store.deployments().get(key);
        if (d == null) {
            return Reconciler.DONE;
        }
        String before = d.statusFingerprint();
        if (d.selector().isEmpty()) {
            if (d.observedGeneration() < d.metadata().generation()) {
                events.warning(SOURCE, d, "SelectingAll",
                        "This deployment is selecting all pods. A non-empty selector is required.");
                d.setStatus(d.metadata().generation(), d.statusReplicas(), d.updatedReplicas(), d.readyReplicas(),
                        d.availableReplicas(), d.unavailableReplicas());
                store.deployments().update(d);
            }
            return Reconciler.DONE;
        }
        checkPausedConditions(d);
        long result;
        try {
            if (d.paused() || isScalingEvent(d)) {
                result = sync(d);
            } else if (d.strategy().recreate()) {
                result = rolloutRecreate(d);
            } else {
                result = rolloutRolling(d);
            }
            queue.forget(key);
        } catch (DeploymentReplicaSets.ReplicaSetCreateError e) {
            result = replicaSetCreateFailed(key, d, e);
        }
        if (!before.equals(d.statusFingerprint())) {
            store.deployments().update(d);
        }
        return result;
    }

    /**
     * getNewReplicaSet's error path (k8s-semantics.md 15.1): Progressing=False with reason
     * ReplicaSetCreateError (when there is a progress deadline), a Warning event of that reason,
     * and the sync's error re-queues the key with the rate limiter, at most {@value #MAX_RETRIES}
     * times in a row (deployment_controller.go maxRetries); watch events still re-queue it.
     */
    private long replicaSetCreateFailed(String key, Deployment d, DeploymentReplicaSets.ReplicaSetCreateError e) {
        String msg = "Failed to create new replica set \"" + e.replicaSetName + "\": " + e.getMessage();
        if (d.progressDeadlineSeconds() != null) {
            d.setProgressing(io.kubesim.cluster.ConditionStatus.FALSE, REASON_RS_CREATE_ERROR, msg, store.now());
        }
        events.warning(SOURCE, d, REASON_RS_CREATE_ERROR, msg);
        if (queue.numRequeues(key) < MAX_RETRIES) {
            queue.addRateLimited(key);
        } else {
            queue.forget(key);
        }
        return Reconciler.DONE;
    }

    /**
     * checkPausedConditions (sync.go; k8s-semantics.md 2): with a progress deadline, a paused
     * Deployment's Progressing condition turns Unknown "DeploymentPaused", and once resumed Unknown
     * "DeploymentResumed", whose update time starts the deadline afresh.
     */
    private void checkPausedConditions(Deployment d) {
        if (d.progressDeadlineSeconds() == null) {
            return;
        }
        io.kubesim.cluster.Condition c = d.progressingCondition();
        String reason = c == null ? null : c.reason();
        if (d.paused() && !REASON_PAUSED.equals(reason)) {
            d.setProgressing(io.kubesim.cluster.ConditionStatus.UNKNOWN, REASON_PAUSED, "Deployment is paused",
                    store.now());
            store.deployments().update(d);
        } else if (!d.paused() && REASON_PAUSED.equals(reason)) {
            d.setProgressing(io.kubesim.cluster.ConditionStatus.UNKNOWN, REASON_RESUMED, "Deployment is resumed",
                    store.now());
            store.deployments().update(d);
        }
    }

    /** isScalingEvent: an active ReplicaSet's desired-replicas annotation differs from spec.replicas. */
    private boolean isScalingEvent(Deployment d) {
        DeploymentReplicaSets.Split split = replicaSets.splitAndSyncRevision(d, false);
        for (ReplicaSet rs : split.all()) {
            if (rs.replicas() <= 0) {
                continue;
            }
            Integer desired = ReplicaSetScaler.intAnnotation(rs, ReplicaSet.ANNOTATION_DESIRED_REPLICAS);
            if (desired != null && desired != d.replicas()) {
                return true;
            }
        }
        return false;
    }

    private long sync(Deployment d) {
        DeploymentReplicaSets.Split split = replicaSets.splitAndSyncRevision(d, false);
        proportional.scale(d, split.newRs(), split.old());
        if (d.paused()) {
            replicaSets.cleanup(d, split.old());
        }
        DeploymentStatusWriter.writeStatus(d, DeploymentStatusWriter.calculate(d, split.all(), split.newRs()),
                store.now());
        return Reconciler.DONE;
    }

    private long rolloutRolling(Deployment d) {
        DeploymentReplicaSets.Split split = replicaSets.splitAndSyncRevision(d, true);
        List<ReplicaSet> all = split.all();
        ReplicaSet newRs = split.newRs();
        if (!rolling.reconcileNewReplicaSet(d, all, newRs)
                && !rolling.reconcileOldReplicaSets(d, all, split.activeOld(), newRs)) {
            DeploymentStatusWriter.Counts c = DeploymentStatusWriter.calculate(d, all, newRs);
            if (DeploymentStatusWriter.complete(d, c)) {
                replicaSets.cleanup(d, split.old());
                if (decisions.enabled()) {
                    decisions.complete(d, all, newRs);
                }
            } else {
                rolling.recordWait(d, all, split.activeOld(), newRs);
            }
        }
        return syncRolloutStatus(d, all, newRs);
    }

    /** rolloutRecreate (k8s-semantics.md 2.6): old to 0, wait for their pods to go, then the new RS. */
    private long rolloutRecreate(Deployment d) {
        DeploymentReplicaSets.Split split = replicaSets.splitAndSyncRevision(d, false);
        boolean scaledDown = false;
        Map<String, Object> state = decisions.enabled() ? RolloutDecisions.state(d, split.all(), split.newRs()) : null;
        for (ReplicaSet rs : split.activeOld()) {
            int from = rs.replicas();
            boolean scaled = scaler.scale(rs, 0, d);
            scaledDown |= scaled;
            if (scaled && state != null) {
                decisions.step(d, split.newRs(), rs, from, 0, "recreate",
                        "Recreate stops every old pod before it starts a new one", state);
            }
        }
        if (scaledDown) {
            return syncRolloutStatus(d, split.all(), split.newRs());
        }
        int running = oldPodsRunning(split);
        if (running > 0) {
            if (state != null) {
                Map<String, Object> f = new LinkedHashMap<>(state);
                f.put("oldPodsRunning", running);
                f.put("heldBy", List.of("recreate"));
                decisions.waiting(d, split.newRs(), "old/" + running, running + " old pod" + (running == 1 ? " is" : "s are")
                        + " still running (terminating pods count); Recreate starts new pods only once every old pod "
                        + "is gone", f);
            }
            return syncRolloutStatus(d, split.all(), split.newRs());
        }
        if (split.newRs() == null) {
            split = replicaSets.splitAndSyncRevision(d, true);
        }
        int from = split.newRs().replicas();
        if (scaler.scale(split.newRs(), d.replicas(), d) && decisions.enabled()) {
            decisions.step(d, split.newRs(), split.newRs(), from, d.replicas(), "recreate",
                    "Recreate starts the new pods all at once: every old pod is gone",
                    RolloutDecisions.state(d, split.all(), split.newRs()));
        }
        DeploymentStatusWriter.Counts c = DeploymentStatusWriter.calculate(d, split.all(), split.newRs());
        if (DeploymentStatusWriter.complete(d, c)) {
            replicaSets.cleanup(d, split.old());
            if (decisions.enabled()) {
                decisions.complete(d, split.all(), split.newRs());
            }
        }
        return syncRolloutStatus(d, split.all(), split.newRs());
    }

    /**
     * oldPodsRunning: how many pods of the old ReplicaSets are not terminal (terminating ones
     * count); at least 1 while an old ReplicaSet still reports replicas.
     */
    private int oldPodsRunning(DeploymentReplicaSets.Split split) {
        int running = 0;
        boolean statusLeft = false;
        for (ReplicaSet rs : split.old()) {
            statusLeft |= rs.statusReplicas() > 0;
            for (Pod p : store.podsByOwner().get(rs.metadata().uid())) {
                if (!p.isTerminal()) {
                    running++;
                }
            }
        }
        return statusLeft ? Math.max(1, running) : running;
    }

    private long syncRolloutStatus(Deployment d, List<ReplicaSet> all, ReplicaSet newRs) {
        return DeploymentStatusWriter.syncRolloutStatus(d, all, newRs, store.now(), () -> { });
    }
}
