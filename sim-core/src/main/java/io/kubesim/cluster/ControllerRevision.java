package io.kubesim.cluster;

import io.kubesim.api.PodTemplate;

/**
 * A ControllerRevision (apps/v1): an immutable snapshot of a StatefulSet's pod template, named
 * {@code <set>-<hash>}, with a revision number that only grows (k8s-semantics.md 11.2, 11.5). A
 * rollback to an older template reuses its revision and gives it the next number.
 */
public final class ControllerRevision implements ApiObject {
    public static final String KIND = "ControllerRevision";

    private final ObjectMeta metadata;
    private final PodTemplate template;
    private long revision;

    public ControllerRevision(ObjectMeta metadata, PodTemplate template, long revision) {
        this.metadata = metadata;
        this.template = template;
        this.revision = revision;
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

    /** The pod template this revision holds ({@code data}). */
    public PodTemplate template() {
        return template;
    }

    public long revision() {
        return revision;
    }

    /** Renumbers the revision (a rollback makes an old revision the newest). */
    public void setRevision(long r) {
        revision = r;
    }
}
