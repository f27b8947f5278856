package io.kubesim.cluster;

/** A Namespace. Its labels matter for pod affinity namespaceSelectors. */
public final class Namespace implements ApiObject {
    public static final String KIND = "Namespace";
    public static final String DEFAULT = "default";

    private final ObjectMeta metadata;

    public Namespace(ObjectMeta metadata) {
        this.metadata = metadata;
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
}
