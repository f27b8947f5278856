package io.kubesim.cluster;

import io.kubesim.api.AccessMode;
import io.kubesim.api.NodeSelectorTerm;
import java.util.List;
import java.util.Map;

/**
 * A PersistentVolume: a piece of storage, written in the manifests (static) or created by a
 * provisioner for a claim (k8s-semantics.md 14.1). Its node affinity, or its zone labels on older
 * in-tree volumes, say which nodes can reach it (14.2, 14.3).
 */
public final class PersistentVolume implements ApiObject {
    public static final String KIND = "PersistentVolume";
    /** The deprecated zone label older in-tree volumes carry (VolumeZone reads both, 14.3). */
    public static final String LEGACY_ZONE_LABEL = "failure-domain.beta.kubernetes.io/zone";
    public static final String LEGACY_REGION_LABEL = "failure-domain.beta.kubernetes.io/region";

    /** {@code status.phase}. */
    public enum Phase {
        AVAILABLE("Available"), BOUND("Bound"), RELEASED("Released");

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
    private final long capacity;
    private final List<AccessMode> accessModes;
    private final String storageClassName;
    private final String reclaimPolicy;
    private final List<NodeSelectorTerm> nodeAffinity;
    private final boolean provisioned;
    private final boolean attachable;
    private String claimRef;
    private Phase phase = Phase.AVAILABLE;

    /**
     * @param nodeAffinity {@code spec.nodeAffinity.required.nodeSelectorTerms}; empty: every node
     * @param claimRef     {@code spec.claimRef} as {@code namespace/name}; "" when unset
     * @param provisioned  created by a provisioner (not written in the manifests)
     * @param attachable   attached to a node before use (CSI, cloud disks); hostPath, local, NFS are not
     */
    public PersistentVolume(ObjectMeta metadata, long capacity, List<AccessMode> accessModes, String storageClassName,
                            String reclaimPolicy, List<NodeSelectorTerm> nodeAffinity, String claimRef,
                            boolean provisioned, boolean attachable) {
        this.metadata = metadata;
        this.capacity = capacity;
        this.accessModes = List.copyOf(accessModes);
        this.storageClassName = storageClassName == null ? "" : storageClassName;
        this.reclaimPolicy = reclaimPolicy;
        this.nodeAffinity = List.copyOf(nodeAffinity);
        this.claimRef = claimRef == null ? "" : claimRef;
        this.provisioned = provisioned;
        this.attachable = attachable;
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

    public long capacity() {
        return capacity;
    }

    public List<AccessMode> accessModes() {
        return accessModes;
    }

    public String storageClassName() {
        return storageClassName;
    }

    public String reclaimPolicy() {
        return reclaimPolicy;
    }

    public boolean provisioned() {
        return provisioned;
    }

    /** Whether the attach/detach controller attaches it to a node before a pod may use it. */
    public boolean attachable() {
        return attachable;
    }

    /** The claim this volume is bound or pre-bound to, {@code namespace/name}; "" when none. */
    public String claimRef() {
        return claimRef;
    }

    public Phase phase() {
        return phase;
    }

    /** Binds the volume to a claim (claimRef and phase). */
    public void bind(PersistentVolumeClaim claim) {
        this.claimRef = claim.metadata().key();
        this.phase = Phase.BOUND;
    }

    /** Its claim was deleted and the reclaim policy is Retain: kept, not bound again (14.1). */
    public void release() {
        this.phase = Phase.RELEASED;
    }

    /**
     * Whether several nodes may attach it at once (upstream IsMultiAttachAllowed, 14.4, 14.5): not
     * when any of its access modes is ReadWriteOnce or ReadWriteOncePod, even beside ReadOnlyMany
     * or ReadWriteMany (a disk listed as {@code [ReadWriteOnce, ReadOnlyMany]} attaches to one
     * node); otherwise, and with no access mode at all, yes.
     */
    public boolean multiAttachAllowed() {
        return !accessModes.contains(AccessMode.READ_WRITE_ONCE) && !accessModes.contains(AccessMode.READ_WRITE_ONCE_POD);
    }

    /** {@code spec.nodeAffinity.required} terms; empty when the volume is reachable from every node. */
    public List<NodeSelectorTerm> nodeAffinity() {
        return nodeAffinity;
    }

    /** Whether the node satisfies the volume's node affinity (no affinity: every node does). */
    public boolean reachableFrom(Node node) {
        if (nodeAffinity.isEmpty()) {
            return true;
        }
        Map<String, String> labels = node.labels();
        for (NodeSelectorTerm t : nodeAffinity) {
            if (t.matches(node.name(), labels)) {
                return true;
            }
        }
        return false;
    }
}
