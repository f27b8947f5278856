package io.kubesim.cluster;

/** Anything stored in the {@link ClusterStore}. */
public interface ApiObject {
    ObjectMeta metadata();

    /** The Kubernetes kind, e.g. {@code Pod}. */
    String kind();

    /** {@code kind/namespace/name}, the reference used in events and outputs. */
    default String reference() {
        ObjectMeta m = metadata();
        return m.namespace().isEmpty() ? kind() + "/" + m.name() : kind() + "/" + m.namespace() + "/" + m.name();
    }
}
