package io.kubesim.cluster;

import io.kubesim.api.Collections2;
import java.util.Map;
import java.util.TreeMap;

/**
 * Object metadata. Labels and annotations are sorted maps so that iteration is deterministic.
 * Times are virtual microseconds; {@code deletionTimestamp} is -1 while the object is not being
 * deleted.
 */
public final class ObjectMeta {
    private final String namespace;
    private final String name;
    private final String uid;
    /** {@link #key()}, made once: it keys many maps that are read on hot paths. */
    private final String key;
    /** Set by the object's store while it holds it. */
    private boolean stored;
    private Map<String, String> labels;
    private Map<String, String> annotations;
    private OwnerReference owner;
    private long creationTimestamp;
    private long deletionTimestamp = -1;
    private long deletionGracePeriodSeconds = -1;
    private long generation = 1;
    private long resourceVersion;

    public ObjectMeta(String namespace, String name, String uid) {
        this.namespace = namespace == null ? "" : namespace;
        this.name = name;
        this.uid = uid;
        this.key = this.namespace.isEmpty() ? name : this.namespace + "/" + name;
        this.labels = Collections2.sortedCopy(Map.of());
        this.annotations = Collections2.sortedCopy(Map.of());
    }

    public String namespace() {
        return namespace;
    }

    public String name() {
        return name;
    }

    public String uid() {
        return uid;
    }

    public Map<String, String> labels() {
        return labels;
    }

    public void setLabels(Map<String, String> l) {
        labels = Collections2.sortedCopy(l);
    }

    public Map<String, String> annotations() {
        return annotations;
    }

    public String annotation(String key) {
        return annotations.get(key);
    }

    public void setAnnotations(Map<String, String> a) {
        annotations = Collections2.sortedCopy(a);
    }

    public void putAnnotation(String key, String value) {
        Map<String, String> a = new TreeMap<>(annotations);
        a.put(key, value);
        annotations = Collections2.sortedCopy(a);
    }

    public void removeAnnotation(String key) {
        if (annotations.containsKey(key)) {
            Map<String, String> a = new TreeMap<>(annotations);
            a.remove(key);
            annotations = Collections2.sortedCopy(a);
        }
    }

    /** The controller owner reference, or null for an unmanaged object. */
    public OwnerReference owner() {
        return owner;
    }

    public void setOwner(OwnerReference owner) {
        this.owner = owner;
    }

    public long creationTimestamp() {
        return creationTimestamp;
    }

    public void setCreationTimestamp(long t) {
        creationTimestamp = t;
    }

    public boolean isDeleting() {
        return deletionTimestamp >= 0;
    }

    public long deletionTimestamp() {
        return deletionTimestamp;
    }

    public long deletionGracePeriodSeconds() {
        return deletionGracePeriodSeconds;
    }

    public void markDeleting(long timestamp, long gracePeriodSeconds) {
        deletionTimestamp = timestamp;
        deletionGracePeriodSeconds = gracePeriodSeconds;
    }

    public long generation() {
        return generation;
    }

    public void bumpGeneration() {
        generation++;
    }

    public long resourceVersion() {
        return resourceVersion;
    }

    void setResourceVersion(long rv) {
        resourceVersion = rv;
    }

    /** {@code namespace/name}, or {@code name} for cluster-scoped objects. */
    public String key() {
        return key;
    }

    /**
     * True from the object's creation in its store until its removal: what {@link ObjectStore}
     * answers {@code contains} with, without a lookup by key (an object is stored in one store
     * only, and its metadata belongs to it alone).
     */
    boolean stored() {
        return stored;
    }

    void setStored(boolean stored) {
        this.stored = stored;
    }
}
