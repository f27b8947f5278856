package io.kubesim.cluster;

import io.kubesim.api.Resources;
import io.kubesim.api.Taint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A node: allocatable resources, labels, taints, the unschedulable flag, conditions, and the
 * images its runtime holds.
 */
public final class Node implements ApiObject {
    public static final String KIND = "Node";
    public static final String LABEL_HOSTNAME = "kubernetes.io/hostname";
    public static final String LABEL_ZONE = "topology.kubernetes.io/zone";
    public static final String LABEL_REGION = "topology.kubernetes.io/region";
    public static final String TAINT_UNSCHEDULABLE = "node.kubernetes.io/unschedulable";
    /** Added while the node reports MemoryPressure (TaintNodesByCondition). */
    public static final String TAINT_MEMORY_PRESSURE = "node.kubernetes.io/memory-pressure";

    private final ObjectMeta metadata;
    private final Resources capacity;
    private final Resources allocatable;
    private final int allocatablePods;
    private final String pool;
    private boolean unschedulable;
    private List<Taint> taints;
    private final Map<NodeCondition, Condition> conditions = new EnumMap<>(NodeCondition.class);
    private final Set<String> images = new LinkedHashSet<>();
    /** The same images as fully qualified references; lookup only, never iterated. */
    private final Set<String> normalizedImages = new java.util.HashSet<>();

    public Node(ObjectMeta metadata, String pool, Resources capacity, Resources allocatable, int allocatablePods,
                List<Taint> taints, long now) {
        this.metadata = metadata;
        this.pool = pool;
        this.capacity = capacity;
        this.allocatable = allocatable;
        this.allocatablePods = allocatablePods;
        this.taints = List.copyOf(taints);
        conditions.put(NodeCondition.READY, new Condition("Ready", ConditionStatus.TRUE, now));
        for (NodeCondition c : new NodeCondition[]{NodeCondition.MEMORY_PRESSURE, NodeCondition.DISK_PRESSURE,
                NodeCondition.PID_PRESSURE}) {
            conditions.put(c, new Condition(c.wireName(), ConditionStatus.FALSE, now));
        }
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

    /** The node pool (scenario) this node belongs to. */
    public String pool() {
        return pool;
    }

    public Map<String, String> labels() {
        return metadata.labels();
    }

    /** The zone label value, or "" when the node has none. */
    public String zone() {
        return metadata.labels().getOrDefault(LABEL_ZONE, "");
    }

    public Resources capacity() {
        return capacity;
    }

    public Resources allocatable() {
        return allocatable;
    }

    public int allocatablePods() {
        return allocatablePods;
    }

    public boolean unschedulable() {
        return unschedulable;
    }

    /**
     * Cordons or uncordons: sets {@code spec.unschedulable}; the node-lifecycle controller's
     * TaintNodesByCondition adds or removes {@code node.kubernetes.io/unschedulable:NoSchedule}.
     */
    public void setUnschedulable(boolean u) {
        unschedulable = u;
        Taint t = new Taint(TAINT_UNSCHEDULABLE, "", io.kubesim.api.TaintEffect.NO_SCHEDULE);
        List<Taint> next = new ArrayList<>(taints);
        next.removeIf(x -> x.key().equals(TAINT_UNSCHEDULABLE));
        if (u) {
            next.add(t);
        }
        taints = List.copyOf(next);
    }

    public List<Taint> taints() {
        return taints;
    }

    public void setTaints(List<Taint> t) {
        taints = List.copyOf(t);
    }

    /** Adds a taint unless one with the same key and effect is there; true if added. */
    public boolean addTaint(Taint t) {
        for (Taint x : taints) {
            if (x.key().equals(t.key()) && x.effect() == t.effect()) {
                return false;
            }
        }
        List<Taint> next = new ArrayList<>(taints);
        next.add(t);
        taints = List.copyOf(next);
        return true;
    }

    /** Removes the taints with this key and effect; true if there was one. */
    public boolean removeTaint(String key, io.kubesim.api.TaintEffect effect) {
        List<Taint> next = new ArrayList<>(taints);
        boolean removed = next.removeIf(x -> x.key().equals(key) && x.effect() == effect);
        if (removed) {
            taints = List.copyOf(next);
        }
        return removed;
    }

    public Condition condition(NodeCondition type) {
        return conditions.get(type);
    }

    public boolean isReady() {
        return conditions.get(NodeCondition.READY).isTrue();
    }

    /** Images present in the node's container runtime, in the order they were pulled. */
    public Set<String> images() {
        return Collections.unmodifiableSet(images);
    }

    /** Whether the runtime holds the image, however the reference is written ({@code nginx} is {@code docker.io/library/nginx:latest}). */
    public boolean hasImage(String image) {
        return normalizedImages.contains(io.kubesim.api.ImageReference.normalized(image));
    }

    /** The image is in the runtime, listed as written (what the scheduler's ImageLocality reads). */
    public void addImage(String image) {
        images.add(image);
        normalizedImages.add(io.kubesim.api.ImageReference.normalized(image));
    }
}
