package io.kubesim.cluster;

import io.kubesim.api.LabelSelector;
import io.kubesim.api.PodTemplate;

/**
 * A ReplicaSet: a selector, a pod template and a replica count, with its observed status. A
 * ReplicationController (v1) is held as the same object with kind {@value #KIND_REPLICATION_CONTROLLER}
 * and an equality selector: upstream runs both through one controller (replication_controller.go
 * wraps the ReplicaSet controller in an adapter), and kubesim does the same.
 */
public final class ReplicaSet implements ApiObject {
    public static final String KIND = "ReplicaSet";
    public static final String KIND_REPLICATION_CONTROLLER = "ReplicationController";
    public static final String ANNOTATION_REVISION = "deployment.kubernetes.io/revision";
    public static final String ANNOTATION_DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
    public static final String ANNOTATION_MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
    public static final String LABEL_POD_TEMPLATE_HASH = "pod-template-hash";

    private final String kind;
    private final ObjectMeta metadata;
    private final LabelSelector selector;
    private final PodTemplate template;
    private int replicas;
    private int minReadySeconds;
    private int statusReplicas;
    private int fullyLabeledReplicas;
    private int readyReplicas;
    private int availableReplicas;
    private long observedGeneration;
    private Condition replicaFailure;

    public ReplicaSet(ObjectMeta metadata, LabelSelector selector, PodTemplate template, int replicas,
                      int minReadySeconds) {
        this(metadata, selector, template, replicas, minReadySeconds, KIND);
    }

    /** @param kind {@value #KIND} or {@value #KIND_REPLICATION_CONTROLLER} */
    public ReplicaSet(ObjectMeta metadata, LabelSelector selector, PodTemplate template, int replicas,
                      int minReadySeconds, String kind) {
        this.kind = kind;
        this.metadata = metadata;
        this.selector = selector;
        this.template = template;
        this.replicas = replicas;
        this.minReadySeconds = minReadySeconds;
    }

    @Override
    public ObjectMeta metadata() {
        return metadata;
    }

    @Override
    public String kind() {
        return kind;
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

    /** {@code spec.replicas}. */
    public int replicas() {
        return replicas;
    }

    /** Sets {@code spec.replicas} and bumps the generation when it changed. */
    public void setReplicas(int r) {
        if (r != replicas) {
            replicas = r;
            metadata.bumpGeneration();
        }
    }

    public int minReadySeconds() {
        return minReadySeconds;
    }

    public void setMinReadySeconds(int s) {
        minReadySeconds = s;
    }

    /** The revision annotation as a number, 0 when absent. */
    public long revision() {
        String r = metadata.annotation(ANNOTATION_REVISION);
        if (r == null) {
            return 0;
        }
        try {
            return Long.parseLong(r);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public int statusReplicas() {
        return statusReplicas;
    }

    public int fullyLabeledReplicas() {
        return fullyLabeledReplicas;
    }

    public int readyReplicas() {
        return readyReplicas;
    }

    public int availableReplicas() {
        return availableReplicas;
    }

    public long observedGeneration() {
        return observedGeneration;
    }

    /** Writes the status as the ReplicaSet controller computed it; returns true if anything changed. */
    public boolean setStatus(int replicas, int fullyLabeled, int ready, int available, long observedGen) {
        boolean changed = replicas != statusReplicas || fullyLabeled != fullyLabeledReplicas
                || ready != readyReplicas || available != availableReplicas || observedGen != observedGeneration;
        statusReplicas = replicas;
        fullyLabeledReplicas = fullyLabeled;
        readyReplicas = ready;
        availableReplicas = available;
        observedGeneration = observedGen;
        return changed;
    }

    /** The ReplicaFailure condition, or null when the last sync created and deleted what it meant to. */
    public Condition replicaFailureCondition() {
        return replicaFailure;
    }

    /**
     * calculateStatus: sets ReplicaFailure=True with the sync's error when the condition is absent
     * (an existing one is kept as it is), removes it after a sync without error. Returns true if
     * the status changed.
     */
    public boolean setReplicaFailure(String reason, String message, long now) {
        if (message == null) {
            boolean had = replicaFailure != null;
            replicaFailure = null;
            return had;
        }
        if (replicaFailure != null) {
            return false;
        }
        replicaFailure = new Condition("ReplicaFailure", ConditionStatus.TRUE, now);
        replicaFailure.set(ConditionStatus.TRUE, reason, message, now);
        return true;
    }
}
