package io.kubesim.cluster;

import io.kubesim.api.LabelSelector;
import io.kubesim.api.DeploymentStrategy;
import io.kubesim.api.PodTemplate;

/**
 * A Deployment: desired replicas, a pod template and a strategy, with the status and conditions
 * the deployment controller maintains. Changing the template or replicas bumps the generation.
 */
public final class Deployment implements ApiObject {
    public static final String KIND = "Deployment";
    public static final int DEFAULT_REVISION_HISTORY_LIMIT = 10;
    public static final int DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

    private final ObjectMeta metadata;
    private final LabelSelector selector;
    private PodTemplate template;
    private int replicas;
    private DeploymentStrategy strategy;
    private int minReadySeconds;
    private Integer revisionHistoryLimit;
    private Integer progressDeadlineSeconds;
    private boolean paused;

    private long observedGeneration;
    private int statusReplicas;
    private int updatedReplicas;
    private int readyReplicas;
    private int availableReplicas;
    private int unavailableReplicas;
    private int collisionCount;
    private Condition progressing;
    private Condition available;
    private Condition replicaFailure;

    public Deployment(ObjectMeta metadata, LabelSelector selector, PodTemplate template, int replicas,
                      DeploymentStrategy strategy, int minReadySeconds, Integer revisionHistoryLimit,
                      Integer progressDeadlineSeconds) {
        this.metadata = metadata;
        this.selector = selector;
        this.template = template;
        this.replicas = replicas;
        this.strategy = strategy;
        this.minReadySeconds = minReadySeconds;
        this.revisionHistoryLimit = revisionHistoryLimit;
        this.progressDeadlineSeconds = progressDeadlineSeconds;
    }

    @Override
    public ObjectMeta metadata() {
        return metadata;
    }

    @Override
    public String kind() {
        return KIND;
    }

    public String name() {
        return metadata.name();
    }

    public LabelSelector selector() {
        return selector;
    }

    public PodTemplate template() {
        return template;
    }

    /** Replaces the pod template (a rollout), bumping the generation. */
    public void setTemplate(PodTemplate t) {
        if (!t.equals(template)) {
            template = t;
            metadata.bumpGeneration();
        }
    }

    public int replicas() {
        return replicas;
    }

    public void setReplicas(int r) {
        if (r != replicas) {
            replicas = r;
            metadata.bumpGeneration();
        }
    }

    public DeploymentStrategy strategy() {
        return strategy;
    }

    public void setStrategy(DeploymentStrategy s) {
        if (!s.equals(strategy)) {
            strategy = s;
            metadata.bumpGeneration();
        }
    }

    public int minReadySeconds() {
        return minReadySeconds;
    }

    /** {@code spec.revisionHistoryLimit}; null means keep every old ReplicaSet. */
    public Integer revisionHistoryLimit() {
        return revisionHistoryLimit;
    }

    /** {@code spec.progressDeadlineSeconds}; null means no deadline. */
    public Integer progressDeadlineSeconds() {
        return progressDeadlineSeconds;
    }

    public boolean paused() {
        return paused;
    }

    public void setPaused(boolean p) {
        if (p != paused) {
            paused = p;
            metadata.bumpGeneration();
        }
    }

    public long observedGeneration() {
        return observedGeneration;
    }

    public int statusReplicas() {
        return statusReplicas;
    }

    public int updatedReplicas() {
        return updatedReplicas;
    }

    public int readyReplicas() {
        return readyReplicas;
    }

    public int availableReplicas() {
        return availableReplicas;
    }

    public int unavailableReplicas() {
        return unavailableReplicas;
    }

    public int collisionCount() {
        return collisionCount;
    }

    public void incrementCollisionCount() {
        collisionCount++;
    }

    /** The Progressing condition, or null before the controller first set it. */
    public Condition progressingCondition() {
        return progressing;
    }

    public Condition availableCondition() {
        return available;
    }

    /** The ReplicaFailure condition copied from a ReplicaSet, or null. */
    public Condition replicaFailureCondition() {
        return replicaFailure;
    }

    /**
     * SetDeploymentCondition / RemoveDeploymentCondition for ReplicaFailure: {@code from} null
     * removes it; a condition with the same status and reason as the current one changes nothing;
     * otherwise the ReplicaSet's condition is copied (ReplicaSetToDeploymentCondition).
     */
    public void setReplicaFailure(Condition from) {
        if (from == null) {
            replicaFailure = null;
            return;
        }
        if (replicaFailure != null && replicaFailure.status() == from.status()
                && replicaFailure.reason().equals(from.reason())) {
            return;
        }
        Condition c = new Condition("ReplicaFailure", from.status(), from.lastTransitionTime());
        c.set(from.status(), from.reason(), from.message(), from.lastTransitionTime());
        replicaFailure = c;
    }

    /** Sets the Progressing condition; a new reason or message refreshes lastUpdateTime. */
    public void setProgressing(ConditionStatus s, String reason, String message, long now) {
        if (progressing == null) {
            progressing = new Condition("Progressing", s, now);
        }
        progressing.set(s, reason, message, now);
    }

    public void setAvailable(ConditionStatus s, String reason, String message, long now) {
        if (available == null) {
            available = new Condition("Available", s, now);
        }
        if (available.status() != s || !reason.equals(available.reason())) {
            available.set(s, reason, message, now);
        }
    }

    /**
     * A value that changes whenever anything in the status changes (counts, conditions, collision
     * count); the controller writes the object only when it differs, as an update that changes
     * nothing would not reach the watchers upstream either.
     */
    public String statusFingerprint() {
        return observedGeneration + "/" + statusReplicas + "/" + updatedReplicas + "/" + readyReplicas + "/"
                + availableReplicas + "/" + unavailableReplicas + "/" + collisionCount + "/"
                + conditionFingerprint(progressing) + "/" + conditionFingerprint(available)
                + (replicaFailure == null ? "" : "/" + conditionFingerprint(replicaFailure));
    }

    private static String conditionFingerprint(Condition c) {
        return c == null ? "-" : c.status() + ":" + c.reason() + ":" + c.lastUpdateTime() + ":" + c.lastTransitionTime();
    }

    /** Writes the replica counts of the status; returns true if anything changed. */
    public boolean setStatus(long observedGen, int replicas, int updated, int ready, int availableCount,
                             int unavailable) {
        boolean changed = observedGen != observedGeneration || replicas != statusReplicas || updated != updatedReplicas
                || ready != readyReplicas || availableCount != availableReplicas || unavailable != unavailableReplicas;
        observedGeneration = observedGen;
        statusReplicas = replicas;
        updatedReplicas = updated;
        readyReplicas = ready;
        availableReplicas = availableCount;
        unavailableReplicas = unavailable;
        return changed;
    }
}
