package io.kubesim.cluster;

import io.kubesim.api.AccessMode;
import io.kubesim.api.LabelSelector;
import java.util.List;

/**
 * A PersistentVolumeClaim: a request for storage that the PV controller binds to a
 * PersistentVolume, matching or provisioned (k8s-semantics.md 14.1). Pending until bound.
 */
public final class PersistentVolumeClaim implements ApiObject {
    public static final String KIND = "PersistentVolumeClaim";
    /** Written by the scheduler's VolumeBinding PreBind for WaitForFirstConsumer claims (14.2). */
    public static final String SELECTED_NODE_ANNOTATION = "volume.kubernetes.io/selected-node";
    /** Written by the PV controller when it hands the claim to an external provisioner (14.1). */
    public static final String STORAGE_PROVISIONER_ANNOTATION = "volume.kubernetes.io/storage-provisioner";

    /** {@code status.phase}. */
    public enum Phase {
        PENDING("Pending"), BOUND("Bound"), LOST("Lost");

        private final String apiName;

        Phase(String apiName) {
            this.apiName = apiName;
        }

        @Override
        public String toString() {
            return apiName;
        }
    }

    private final ObjectMeta metadata;
    private String storageClassName;
    private final List<AccessMode> accessModes;
    private final long storageRequest;
    private final LabelSelector selector;
    private String volumeName;
    private Phase phase = Phase.PENDING;
    private long capacity;
    private long boundAt = -1;

    /**
     * @param storageClassName null when unset (no default class existed at creation), "" for "no class"
     * @param storageRequest   {@code spec.resources.requests.storage} in bytes
     * @param volumeName       {@code spec.volumeName}, "" when unset
     */
    public PersistentVolumeClaim(ObjectMeta metadata, String storageClassName, List<AccessMode> accessModes,
                                 long storageRequest, String volumeName, LabelSelector selector) {
        this.metadata = metadata;
        this.storageClassName = storageClassName;
        this.accessModes = List.copyOf(accessModes);
        this.storageRequest = storageRequest;
        this.volumeName = volumeName == null ? "" : volumeName;
        this.selector = selector == null ? LabelSelector.EVERYTHING : selector;
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

    public String namespace() {
        return metadata.namespace();
    }

    /** The class name; null when unset, "" for "no class". */
    public String storageClassName() {
        return storageClassName;
    }

    /** The DefaultStorageClass admission (and its retroactive assignment) sets an unset class. */
    public void setStorageClassName(String name) {
        this.storageClassName = name;
    }

    public List<AccessMode> accessModes() {
        return accessModes;
    }

    public boolean hasAccessMode(AccessMode m) {
        return accessModes.contains(m);
    }

    public long storageRequest() {
        return storageRequest;
    }

    public LabelSelector selector() {
        return selector;
    }

    /** {@code spec.volumeName}: the bound (or requested) PV, "" when none. */
    public String volumeName() {
        return volumeName;
    }

    public Phase phase() {
        return phase;
    }

    public boolean isBound() {
        return phase == Phase.BOUND;
    }

    /** {@code status.capacity.storage} once bound: the whole volume's (14.1). */
    public long capacity() {
        return capacity;
    }

    /** When the claim was bound, or -1. */
    public long boundAt() {
        return boundAt;
    }

    /** Binds the claim to {@code volume} (spec.volumeName and status), as the PV controller does. */
    public void bind(PersistentVolume volume, long now) {
        this.volumeName = volume.name();
        this.capacity = volume.capacity();
        this.phase = Phase.BOUND;
        this.boundAt = now;
    }

    /** The selected node annotation, "" when absent. */
    public String selectedNode() {
        String n = metadata.annotation(SELECTED_NODE_ANNOTATION);
        return n == null ? "" : n;
    }
}
