package io.kubesim.cluster;

import io.kubesim.api.LabelSelector;
import io.kubesim.api.PodTemplate;
import io.kubesim.api.RolloutSpec;
import io.kubesim.api.RolloutStrategy;
import java.util.ArrayList;
import java.util.List;

/**
 * An Argo Rollout (argoproj.io/v1alpha1; k8s-semantics.md 20): a spec like a Deployment's with a
 * canary or blue-green strategy, and the status the Argo Rollouts controller keeps: the stable and
 * current pod-template hashes, the canary step index, pause conditions, the abort flag and the
 * Services' selected hashes. Changing the template or replicas bumps the generation.
 */
public final class Rollout implements ApiObject {
    public static final String KIND = "Rollout";
    /** The pod-template-hash label Argo puts on its ReplicaSets and pods (and adds to Services' selectors). */
    public static final String LABEL_POD_TEMPLATE_HASH = "rollouts-pod-template-hash";
    /** Argo's revision annotation on ReplicaSets. */
    public static final String ANNOTATION_REVISION = "rollout.argoproj.io/revision";
    /** Argo's deadline annotation on an old ReplicaSet waiting out scaleDownDelaySeconds. */
    public static final String ANNOTATION_SCALE_DOWN_DEADLINE = "scale-down-deadline";

    /** A pause condition: why the Rollout waits and since when (status.pauseConditions). */
    public record PauseCondition(String reason, long startTime) {
        public static final String CANARY_PAUSE_STEP = "CanaryPauseStep";
        public static final String BLUE_GREEN_PAUSE = "BlueGreenPause";
        public static final String INCONCLUSIVE_ANALYSIS = "InconclusiveAnalysis";
    }

    private final ObjectMeta metadata;
    private final LabelSelector selector;
    private final RolloutStrategy strategy;
    private final RolloutSpec spec;
    private PodTemplate template;
    private int replicas;
    private boolean paused;

    private String currentPodHash = "";
    private String stableRs = "";
    private Integer currentStepIndex;
    private final List<PauseCondition> pauseConditions = new ArrayList<>();
    private boolean abort;
    private boolean promoteFull;
    private boolean controllerPause;
    private boolean scaleUpPreviewCheckPoint;
    private long lastProgress;
    private int collisionCount;
    private String activeSelector = "";
    private String previewSelector = "";
    private int canaryWeight;
    private String phase = "Progressing";
    private String message = "";
    private Condition progressing;
    private long observedGeneration;
    private int statusReplicas;
    private int updatedReplicas;
    private int availableReplicas;

    public Rollout(ObjectMeta metadata, RolloutSpec spec) {
        this.metadata = metadata;
        this.spec = spec;
        this.selector = spec.selector();
        this.strategy = spec.strategy();
        this.template = spec.template();
        this.replicas = spec.replicasOrDefault();
        this.paused = spec.paused();
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

    /** The spec as read (its template and replicas may since have changed; use {@link #template()} ...). */
    public RolloutSpec spec() {
        return spec;
    }

    public LabelSelector selector() {
        return selector;
    }

    public RolloutStrategy strategy() {
        return strategy;
    }

    /** The canary strategy, or null for blue-green. */
    public RolloutStrategy.Canary canary() {
        return strategy instanceof RolloutStrategy.Canary c ? c : null;
    }

    /** The blue-green strategy, or null for canary. */
    public RolloutStrategy.BlueGreen blueGreen() {
        return strategy instanceof RolloutStrategy.BlueGreen b ? b : null;
    }

    public PodTemplate template() {
        return template;
    }

    /** A new template (a release), bumping the generation. */
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

    /** {@code spec.paused}. */
    public boolean paused() {
        return paused;
    }

    public void setPaused(boolean p) {
        if (p != paused) {
            paused = p;
            metadata.bumpGeneration();
        }
    }

    /** {@code status.currentPodHash}: the hash of the template the controller last saw ("" before). */
    public String currentPodHash() {
        return currentPodHash;
    }

    public void setCurrentPodHash(String h) {
        currentPodHash = h;
    }

    /** {@code status.stableRS}: the hash of the last fully promoted ReplicaSet ("" before the first). */
    public String stableRs() {
        return stableRs;
    }

    public void setStableRs(String h) {
        stableRs = h;
    }

    /** {@code status.currentStepIndex}; null for blue-green. */
    public Integer currentStepIndex() {
        return currentStepIndex;
    }

    public void setCurrentStepIndex(Integer i) {
        currentStepIndex = i;
    }

    public List<PauseCondition> pauseConditions() {
        return pauseConditions;
    }

    public PauseCondition pauseCondition(String reason) {
        for (PauseCondition c : pauseConditions) {
            if (c.reason().equals(reason)) {
                return c;
            }
        }
        return null;
    }

    public void addPauseCondition(String reason, long now) {
        if (pauseCondition(reason) == null) {
            pauseConditions.add(new PauseCondition(reason, now));
        }
    }

    /** {@code status.abort}. */
    public boolean aborted() {
        return abort;
    }

    public void setAborted(boolean a) {
        abort = a;
    }

    /** {@code status.promoteFull}: skip every remaining step ({@code promote --full}). */
    public boolean promoteFull() {
        return promoteFull;
    }

    public void setPromoteFull(boolean p) {
        promoteFull = p;
    }

    /** {@code status.controllerPause}: the controller paused the Rollout (a pause step, blue-green pause). */
    public boolean controllerPause() {
        return controllerPause;
    }

    public void setControllerPause(boolean p) {
        controllerPause = p;
    }

    /** {@code status.blueGreen.scaleUpPreviewCheckPoint}: the preview is being scaled to full size for promotion. */
    public boolean scaleUpPreviewCheckPoint() {
        return scaleUpPreviewCheckPoint;
    }

    public void setScaleUpPreviewCheckPoint(boolean c) {
        scaleUpPreviewCheckPoint = c;
    }

    /** When the Rollout last made progress (a ReplicaSet scaled or became available, a step completed). */
    public long lastProgress() {
        return lastProgress;
    }

    public void setLastProgress(long t) {
        lastProgress = t;
    }

    public int collisionCount() {
        return collisionCount;
    }

    public void incrementCollisionCount() {
        collisionCount++;
    }

    /** {@code status.blueGreen.activeSelector}: the hash the active Service selects ("" before). */
    public String activeSelector() {
        return activeSelector;
    }

    public void setActiveSelector(String h) {
        activeSelector = h;
    }

    /** {@code status.blueGreen.previewSelector}. */
    public String previewSelector() {
        return previewSelector;
    }

    public void setPreviewSelector(String h) {
        previewSelector = h;
    }

    /** The canary's share of traffic the router is set to (traffic-routed canary), 0..100. */
    public int canaryWeight() {
        return canaryWeight;
    }

    public void setCanaryWeight(int w) {
        canaryWeight = w;
    }

    /** {@code status.phase}: Progressing, Paused, Healthy or Degraded (20.8). */
    public String phase() {
        return phase;
    }

    public String message() {
        return message;
    }

    public void setPhase(String phase, String message) {
        this.phase = phase;
        this.message = message;
    }

    /** The Progressing condition, or null before the first sync. */
    public Condition progressingCondition() {
        return progressing;
    }

    public void setProgressing(ConditionStatus s, String reason, String message, long now) {
        if (progressing == null) {
            progressing = new Condition("Progressing", s, now);
        }
        progressing.set(s, reason, message, now);
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

    public int availableReplicas() {
        return availableReplicas;
    }

    public void setStatus(long observedGen, int replicasNow, int updated, int available) {
        observedGeneration = observedGen;
        statusReplicas = replicasNow;
        updatedReplicas = updated;
        availableReplicas = available;
    }
}
