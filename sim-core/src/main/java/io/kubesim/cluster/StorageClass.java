package io.kubesim.cluster;

import io.kubesim.api.NodeSelectorTerm;
import io.kubesim.api.VolumeBindingMode;
import java.util.List;
import java.util.Map;

/** A StorageClass: who provisions its volumes, when they are bound, and where they may be created (14.1, 14.2). */
public final class StorageClass implements ApiObject {
    public static final String KIND = "StorageClass";
    /** The annotation that marks the default class (DefaultStorageClass admission, 14.1). */
    public static final String IS_DEFAULT_ANNOTATION = "storageclass.kubernetes.io/is-default-class";
    /** The provisioner of classes whose volumes are created by hand (local volumes): none provisions them. */
    public static final String NO_PROVISIONER = "kubernetes.io/no-provisioner";

    private final ObjectMeta metadata;
    private final String provisioner;
    private final String reclaimPolicy;
    private final VolumeBindingMode bindingMode;
    private final List<NodeSelectorTerm> allowedTopologies;

    public StorageClass(ObjectMeta metadata, String provisioner, String reclaimPolicy, VolumeBindingMode bindingMode,
                        List<NodeSelectorTerm> allowedTopologies) {
        this.metadata = metadata;
        this.provisioner = provisioner == null ? "" : provisioner;
        this.reclaimPolicy = reclaimPolicy == null || reclaimPolicy.isEmpty() ? "Delete" : reclaimPolicy;
        this.bindingMode = bindingMode == null ? VolumeBindingMode.IMMEDIATE : bindingMode;
        this.allowedTopologies = List.copyOf(allowedTopologies);
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

    public String provisioner() {
        return provisioner;
    }

    public String reclaimPolicy() {
        return reclaimPolicy;
    }

    public VolumeBindingMode bindingMode() {
        return bindingMode;
    }

    public boolean waitForFirstConsumer() {
        return bindingMode == VolumeBindingMode.WAIT_FOR_FIRST_CONSUMER;
    }

    /** {@code allowedTopologies}; empty allows every topology. */
    public List<NodeSelectorTerm> allowedTopologies() {
        return allowedTopologies;
    }

    /**
     * Whether {@code allowedTopologies} lets a volume be created with these topology labels (empty: yes).
     * A CSI driver's own zone key ({@code topology.ebs.csi.aws.com/zone}, {@code topology.gke.io/zone},
     * {@code topology.disk.csi.azure.com/zone} ...) and the legacy {@code failure-domain.beta.kubernetes.io/zone}
     * are read as {@code topology.kubernetes.io/zone}: on a real cluster the driver's node plugin reports the
     * node's zone under its key and the kubelet labels the node with it; kubesim's nodes carry only the
     * well-known key.
     */
    public boolean allows(Map<String, String> topology) {
        if (allowedTopologies.isEmpty()) {
            return true;
        }
        String zone = topology.get(Node.LABEL_ZONE);
        for (NodeSelectorTerm t : allowedTopologies) {
            boolean all = true;
            for (io.kubesim.api.Requirement r : t.matchExpressions()) {
                all &= zone != null && isZoneAlias(r.key()) && !topology.containsKey(r.key())
                        ? r.matches(Map.of(r.key(), zone)) : r.matches(topology);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /** A topology key that names the node's zone under another name: a CSI driver's {@code topology.<driver>/zone}, or the legacy beta label. */
    static boolean isZoneAlias(String key) {
        return key.equals(PersistentVolume.LEGACY_ZONE_LABEL)
                || (key.startsWith("topology.") && key.endsWith("/zone") && !key.equals(Node.LABEL_ZONE));
    }

    /** Annotated as the default class. */
    public boolean isDefault() {
        return "true".equals(metadata.annotation(IS_DEFAULT_ANNOTATION));
    }
}
