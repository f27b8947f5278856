package io.kubesim.cluster;

/**
 * A volume attached (or being attached) to a node, as the attach/detach controller records it
 * (upstream's actual state of the world, and the CSI VolumeAttachment object). The kubelet starts
 * a pod's containers only once each of its volumes is attached to its node (k8s-semantics.md 14.5).
 */
public final class VolumeAttachment implements ApiObject {
    public static final String KIND = "VolumeAttachment";

    private final ObjectMeta metadata;
    private final String volume;
    private final String node;
    private boolean attached;
    private long detachRequestedAt = -1;

    public VolumeAttachment(ObjectMeta metadata, String volume, String node) {
        this.metadata = metadata;
        this.volume = volume;
        this.node = node;
    }

    /** The attachment's name: {@code <pv>-<node>}, one per volume and node. */
    public static String nameOf(String volume, String node) {
        return volume + "-" + node;
    }

    @Override
    public ObjectMeta metadata() {
        return metadata;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** The PersistentVolume's name. */
    public String volume() {
        return volume;
    }

    public String node() {
        return node;
    }

    /** The attach call has completed. */
    public boolean isAttached() {
        return attached;
    }

    public void setAttached(boolean attached) {
        this.attached = attached;
    }

    /** When the controller first found the volume no longer wanted on the node; -1 while it is. */
    public long detachRequestedAt() {
        return detachRequestedAt;
    }

    public void setDetachRequestedAt(long t) {
        this.detachRequestedAt = t;
    }
}
