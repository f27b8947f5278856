package io.kubesim.cluster;

import io.kubesim.api.DaemonSetUpdateStrategy;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.PodTemplate;

/**
 * A DaemonSet: a pod template to run once on every eligible node, its update strategy, and the
 * status the DaemonSet controller writes (k8s-semantics.md 12.5).
 */
public final class DaemonSet implements ApiObject {
    public static final String KIND = "DaemonSet";
    /** The label carrying the revision a pod was made from (apps.ControllerRevisionHashLabelKey). */
    public static final String LABEL_CONTROLLER_REVISION_HASH = "controller-revision-hash";
    /** The label carrying the DaemonSet's generation when the pod was made (extensions.DaemonSetTemplateGenerationKey). */
    public static final String LABEL_POD_TEMPLATE_GENERATION = "pod-template-generation";

    private final ObjectMeta metadata;
    private final LabelSelector selector;
    private PodTemplate template;
    private final DaemonSetUpdateStrategy updateStrategy;
    private final int minReadySeconds;
    private final int revisionHistoryLimit;
    private Status status = Status.EMPTY;

    /**
     * The status counts (DaemonSetStatus).
     *
     * @param unavailable {@code numberUnavailable = desired - available}
     */
    public record Status(int desiredNumberScheduled, int currentNumberScheduled, int numberMisscheduled,
                         int numberReady, int updatedNumberScheduled, int numberAvailable, int unavailable,
                         long observedGeneration) {
        public static final Status EMPTY = new Status(0, 0, 0, 0, 0, 0, 0, 0);
    }

    public DaemonSet(ObjectMeta metadata, LabelSelector selector, PodTemplate template,
                     DaemonSetUpdateStrategy updateStrategy, int minReadySeconds, int revisionHistoryLimit) {
        this.metadata = metadata;
        this.selector = selector;
        this.template = template;
        this.updateStrategy = updateStrategy;
        this.minReadySeconds = minReadySeconds;
        this.revisionHistoryLimit = revisionHistoryLimit;
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

    /** A new template (a rollout): bumps the generation when it differs. */
    public void setTemplate(PodTemplate t) {
        if (!t.equals(template)) {
            template = t;
            metadata.bumpGeneration();
        }
    }

    public DaemonSetUpdateStrategy updateStrategy() {
        return updateStrategy;
    }

    public int minReadySeconds() {
        return minReadySeconds;
    }

    public int revisionHistoryLimit() {
        return revisionHistoryLimit;
    }

    public Status status() {
        return status;
    }

    /** Writes the status; true when it changed. */
    public boolean setStatus(Status s) {
        if (s.equals(status)) {
            return false;
        }
        status = s;
        return true;
    }
}
