package io.kubesim.sim;

import io.kubesim.api.Collections2;
import io.kubesim.api.Resources;
import io.kubesim.api.Taint;
import io.kubesim.engine.SimTime;
import io.kubesim.kubelet.EvictionConfig;
import java.util.List;
import java.util.Map;

/**
 * A group of identical nodes. Nodes are named {@code <name>-<index>} from 1 and spread over the
 * zones round-robin (zone label {@code topology.kubernetes.io/zone}).
 *
 * @param allocatable what pods may use
 * @param maxPods     allocatable pods (kubelet maxPods, default 110)
 * @param provisioningTime microseconds from asking the cloud for a node to the node registering
 *                    Ready, for nodes added during an upgrade
 * @param capacity    the machine's resources; null: allocatable plus the hard eviction threshold
 *                    for memory ({@link #nodeCapacity()})
 * @param eviction    the kubelet's node-pressure eviction settings
 * @param images      container images on every node of the pool when it boots (a node image
 *                    with preloaded images, the node's {@code status.images}), as written
 */
public record NodePool(String name, int count, Resources allocatable, int maxPods, Map<String, String> labels,
                       List<Taint> taints, List<String> zones, long provisioningTime, Resources capacity,
                       EvictionConfig eviction, List<String> images) {
    public static final int DEFAULT_MAX_PODS = 110;
    /**
     * How long a new node takes to boot, join and turn Ready: 90 s, an estimate for a managed
     * cloud VM (not an upstream constant).
     */
    public static final long DEFAULT_PROVISIONING_TIME = SimTime.seconds(90);

    public NodePool {
        labels = Collections2.sortedCopy(labels);
        taints = List.copyOf(taints);
        zones = List.copyOf(zones);
        images = images == null ? List.of() : List.copyOf(images);
        if (provisioningTime < 0) {
            throw new IllegalArgumentException("provisioningTime must not be negative");
        }
    }

    /** A pool whose nodes boot with no container image. */
    public NodePool(String name, int count, Resources allocatable, int maxPods, Map<String, String> labels,
                    List<Taint> taints, List<String> zones, long provisioningTime, Resources capacity,
                    EvictionConfig eviction) {
        this(name, count, allocatable, maxPods, labels, taints, zones, provisioningTime, capacity, eviction, List.of());
    }

    /** A pool with the default provisioning time, capacity and kubelet eviction settings. */
    public NodePool(String name, int count, Resources allocatable, int maxPods, Map<String, String> labels,
                    List<Taint> taints, List<String> zones) {
        this(name, count, allocatable, maxPods, labels, taints, zones, DEFAULT_PROVISIONING_TIME);
    }

    /** A pool with this provisioning time and the default capacity and eviction settings. */
    public NodePool(String name, int count, Resources allocatable, int maxPods, Map<String, String> labels,
                    List<Taint> taints, List<String> zones, long provisioningTime) {
        this(name, count, allocatable, maxPods, labels, taints, zones, provisioningTime, null, EvictionConfig.DEFAULT);
    }

    /** A pool with the default provisioning time and this capacity and eviction settings. */
    public NodePool(String name, int count, Resources allocatable, int maxPods, Map<String, String> labels,
                    List<Taint> taints, List<String> zones, Resources capacity, EvictionConfig eviction) {
        this(name, count, allocatable, maxPods, labels, taints, zones, DEFAULT_PROVISIONING_TIME, capacity, eviction);
    }

    /**
     * The nodes' capacity: as given, or allocatable with memory raised by the hard eviction
     * threshold, since upstream allocatable is capacity minus reservations minus that threshold
     * (reservations taken as 0).
     */
    public Resources nodeCapacity() {
        if (capacity != null) {
            return capacity;
        }
        EvictionConfig.Threshold hard = eviction.hard();
        if (hard == null) {
            return allocatable;
        }
        long alloc = allocatable.memoryBytes();
        long cap = hard.bytes() >= 0 ? alloc + hard.bytes() : (long) Math.ceil(alloc / (1 - hard.fraction()));
        return new Resources(allocatable.cpuMillis(), cap, allocatable.ephemeralStorageBytes(),
                allocatable.extended(), allocatable.setMask());
    }

    /** The same pool with {@code n} nodes. */
    public NodePool withCount(int n) {
        return new NodePool(name, n, allocatable, maxPods, labels, taints, zones, provisioningTime, capacity, eviction,
                images);
    }

    /**
     * The same pool on another machine shape: its allocatable and pod limit, and a capacity of
     * allocatable plus the eviction threshold (the default); labels, taints and zones are kept.
     */
    public NodePool withShape(Resources newAllocatable, int newMaxPods, Map<String, String> extraLabels) {
        Map<String, String> l = new java.util.TreeMap<>(labels);
        l.putAll(extraLabels);
        return new NodePool(name, count, newAllocatable, newMaxPods, l, taints, zones, provisioningTime, null,
                eviction, images);
    }
}
