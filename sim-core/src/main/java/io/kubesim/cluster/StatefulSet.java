package io.kubesim.cluster;

import io.kubesim.api.LabelSelector;
import io.kubesim.api.PersistentVolumeClaimRetentionPolicy;
import io.kubesim.api.PodManagementPolicy;
import io.kubesim.api.PodTemplate;
import io.kubesim.api.StatefulSetUpdateStrategy;
import io.kubesim.api.VolumeClaimTemplate;
import java.util.List;

/**
 * A StatefulSet (k8s-semantics.md 11): pods with stable names {@code <name>-<ordinal>}, managed
 * in order, updated from the highest ordinal down, with the status the StatefulSet controller
 * writes. Changing the template or replicas bumps the generation.
 */
public final class StatefulSet implements ApiObject {
    public static final String KIND = "StatefulSet";

    private final ObjectMeta metadata;
    private final LabelSelector selector;
    private PodTemplate template;
    private int replicas;
    private final PodManagementPolicy podManagementPolicy;
    private StatefulSetUpdateStrategy updateStrategy;
    private final int minReadySeconds;
    private final int revisionHistoryLimit;
    private final String serviceName;
    private final int ordinalsStart;
    private final PersistentVolumeClaimRetentionPolicy claimRetention;
    private final List<VolumeClaimTemplate> volumeClaimTemplates;

    private long observedGeneration;
    private int statusReplicas;
    private int readyReplicas;
    private int availableReplicas;
    private int currentReplicas;
    private int updatedReplicas;
    private String currentRevision = "";
    private String updateRevision = "";
    private int collisionCount;

    public StatefulSet(ObjectMeta metadata, LabelSelector selector, PodTemplate template, int replicas,
                       PodManagementPolicy podManagementPolicy, StatefulSetUpdateStrategy updateStrategy,
                       int minReadySeconds, int revisionHistoryLimit, String serviceName, int ordinalsStart,
                       PersistentVolumeClaimRetentionPolicy claimRetention,
                       List<VolumeClaimTemplate> volumeClaimTemplates) {
        this.metadata = metadata;
        this.selector = selector;
        this.template = template;
        this.replicas = replicas;
        this.podManagementPolicy = podManagementPolicy;
        this.updateStrategy = updateStrategy;
        this.minReadySeconds = minReadySeconds;
        this.revisionHistoryLimit = revisionHistoryLimit;
        this.serviceName = serviceName;
        this.ordinalsStart = ordinalsStart;
        this.claimRetention = claimRetention;
        this.volumeClaimTemplates = List.copyOf(volumeClaimTemplates);
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

    /** Replaces the pod template (an update), bumping the generation. */
    public void setTemplate(PodTemplate t) {
        if (!t.equals(template)) {
            template = t;
            metadata.bumpGeneration();
        }
    }

    public int replicas() {
        return replicas;
    }

    /** {@code spec.replicas}, as {@code kubectl scale} or an HPA writes it through {@code /scale}. */
    public void setReplicas(int r) {
        if (r != replicas) {
            replicas = r;
            metadata.bumpGeneration();
        }
    }

    public PodManagementPolicy podManagementPolicy() {
        return podManagementPolicy;
    }

    /** Whether pods are managed one ordinal at a time (anything but Parallel). */
    public boolean monotonic() {
        return podManagementPolicy != PodManagementPolicy.PARALLEL;
    }

    public StatefulSetUpdateStrategy updateStrategy() {
        return updateStrategy;
    }

    /** A new update strategy (e.g. a lowered partition), bumping the generation. */
    public void setUpdateStrategy(StatefulSetUpdateStrategy s) {
        if (!s.equals(updateStrategy)) {
            updateStrategy = s;
            metadata.bumpGeneration();
        }
    }

    public int minReadySeconds() {
        return minReadySeconds;
    }

    public int revisionHistoryLimit() {
        return revisionHistoryLimit;
    }

    public String serviceName() {
        return serviceName;
    }

    /** {@code spec.ordinals.start}: the first ordinal. */
    public int ordinalsStart() {
        return ordinalsStart;
    }

    public PersistentVolumeClaimRetentionPolicy claimRetention() {
        return claimRetention;
    }

    public List<VolumeClaimTemplate> volumeClaimTemplates() {
        return volumeClaimTemplates;
    }

    public long observedGeneration() {
        return observedGeneration;
    }

    /** {@code status.replicas}: pods created, terminating ones included. */
    public int statusReplicas() {
        return statusReplicas;
    }

    public int readyReplicas() {
        return readyReplicas;
    }

    public int availableReplicas() {
        return availableReplicas;
    }

    public int currentReplicas() {
        return currentReplicas;
    }

    public int updatedReplicas() {
        return updatedReplicas;
    }

    /** {@code status.currentRevision}: the ControllerRevision pods below the partition run; "" before the first sync. */
    public String currentRevision() {
        return currentRevision;
    }

    /** {@code status.updateRevision}: the ControllerRevision of the current template. */
    public String updateRevision() {
        return updateRevision;
    }

    public int collisionCount() {
        return collisionCount;
    }

    public void incrementCollisionCount() {
        collisionCount++;
    }

    /** Writes the status; returns true if anything changed. */
    public boolean setStatus(long observedGen, int replicasCount, int ready, int available, int current, int updated,
                             String currentRev, String updateRev) {
        boolean changed = observedGen != observedGeneration || replicasCount != statusReplicas
                || ready != readyReplicas || available != availableReplicas || current != currentReplicas
                || updated != updatedReplicas || !currentRev.equals(currentRevision)
                || !updateRev.equals(updateRevision);
        observedGeneration = observedGen;
        statusReplicas = replicasCount;
        readyReplicas = ready;
        availableReplicas = available;
        currentReplicas = current;
        updatedReplicas = updated;
        currentRevision = currentRev;
        updateRevision = updateRev;
        return changed;
    }
}
