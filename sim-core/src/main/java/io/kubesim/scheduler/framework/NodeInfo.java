package io.kubesim.scheduler.framework;

import io.kubesim.api.ContainerPort;
import io.kubesim.cluster.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The scheduler cache's view of one node (upstream framework.NodeInfo): the node, the pods on it
 * (bound and assumed, terminating ones included until they leave the store), the sum of their
 * requests, the non-zero requests used for scoring, used host ports, the pods with
 * (anti-)affinity, and the images present. Kept current incrementally by the cache.
 */
public final class NodeInfo {
    private Node node;
    private final List<PodInfo> pods = new ArrayList<>();
    private final List<PodInfo> podsWithAffinity = new ArrayList<>(0);
    private final List<PodInfo> podsWithRequiredAntiAffinity = new ArrayList<>(0);
    private final List<ContainerPort> usedPorts = new ArrayList<>(0);
    private long requestedCpu;
    private long requestedMemory;
    private long requestedEphemeral;
    private Map<String, Long> requestedExtended = Collections.emptyMap();
    private long nonZeroCpu;
    private long nonZeroMemory;
    private Set<String> images = Set.of();
    /** The node's allocatable cpu, memory, ephemeral storage and pods, read by every Filter and Score call. */
    private long allocatableCpu;
    private long allocatableMemory;
    private long allocatableEphemeral;
    private int allocatablePods;
    /** The pod count, read by every Fit filter call (taints and unschedulable stay on the node: they change in place). */
    private int podCount;
    /** See {@link #lowestPriority()}. */
    private int lowestPriority = Integer.MAX_VALUE;
    private boolean lowestPriorityStale;
    /** The node's labels that {@link #labels()} was copied from, and that hash copy. */
    private Map<String, String> labelsSource;
    private Map<String, String> labels = Map.of();
    /** The node's zone and hostname labels (null when missing), taken with {@link #labels}. */
    private String zone;
    private String hostname;

    public NodeInfo(Node node) {
        setNode(node);
    }

    /** Replaces the node object (labels, taints or images may have changed). */
    public void setNode(Node node) {
        this.node = node;
        if (node != null) {
            allocatableCpu = node.allocatable().cpuMillis();
            allocatableMemory = node.allocatable().memoryBytes();
            allocatableEphemeral = node.allocatable().ephemeralStorageBytes();
            allocatablePods = node.allocatablePods();
            Set<String> imgs = new HashSet<>();
            for (String i : node.images()) {
                imgs.add(PodInfo.normalizedImageName(i));
            }
            images = imgs;
        }
    }

    public Node node() {
        return node;
    }

    /**
     * The node's labels for lookups: the same entries as {@code node().labels()} in a hash map. A
     * node's labels are a sorted map, so each lookup compares strings along a tree path, and the
     * topology plugins look up a key per node and constraint or term thousands of times a cycle.
     * A node's labels are replaced, never changed in place, so the copy is made again when the
     * node's map is another object (the same entries as the node shows at every call).
     */
    public Map<String, String> labels() {
        Map<String, String> now = node.labels();
        if (now != labelsSource) {
            labels = new HashMap<>(now);
            labelsSource = now;
            zone = now.get(Node.LABEL_ZONE);
            hostname = now.get(Node.LABEL_HOSTNAME);
        }
        return labels;
    }

    /**
     * The node's value of label {@code key}, or null. The zone and hostname keys, when passed as
     * the {@link Node} constants (as PodTopologySpread's constraints hold them), are read from
     * fields: spreading asks for them per node and constraint every cycle.
     */
    public String label(String key) {
        Map<String, String> map = labels();
        if (key == Node.LABEL_ZONE) {
            return zone;
        }
        if (key == Node.LABEL_HOSTNAME) {
            return hostname;
        }
        return map.get(key);
    }

    /** Whether the node has label {@code key} (read as {@link #label} reads it, the map only when that finds none). */
    public boolean hasLabel(String key) {
        return label(key) != null || labels().containsKey(key);
    }

    public String name() {
        return node.name();
    }

    public void addPod(PodInfo p) {
        pods.add(p);
        podCount = pods.size();
        if (p.priority() < lowestPriority) {
            lowestPriority = p.priority();
        }
        if (p.hasAffinity()) {
            podsWithAffinity.add(p);
        }
        if (p.hasRequiredAntiAffinity()) {
            podsWithRequiredAntiAffinity.add(p);
        }
        usedPorts.addAll(p.hostPorts());
        update(p, 1);
    }

    /** Removes the pod; returns false when it was not on this node. */
    public boolean removePod(PodInfo p) {
        int i = indexOf(pods, p);
        if (i < 0) {
            return false;
        }
        pods.remove(i);
        podCount = pods.size();
        int j = indexOf(podsWithAffinity, p);
        if (j >= 0) {
            podsWithAffinity.remove(j);
        }
        j = indexOf(podsWithRequiredAntiAffinity, p);
        if (j >= 0) {
            podsWithRequiredAntiAffinity.remove(j);
        }
        for (ContainerPort port : p.hostPorts()) {
            usedPorts.remove(port);
        }
        update(p, -1);
        if (p.priority() == lowestPriority) {
            lowestPriorityStale = true;
        }
        return true;
    }

    /**
     * The lowest priority among the node's pods ({@link Integer#MAX_VALUE} for none): preemption
     * asks it of every node before looking for victims, and with every pod at one priority, as in
     * most clusters, no node has any. Kept on add; made again after the lowest one left.
     */
    public int lowestPriority() {
        if (lowestPriorityStale) {
            int lowest = Integer.MAX_VALUE;
            for (PodInfo p : pods) {
                lowest = Math.min(lowest, p.priority());
            }
            lowestPriority = lowest;
            lowestPriorityStale = false;
        }
        return lowestPriority;
    }

    private static int indexOf(List<PodInfo> list, PodInfo p) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).pod() == p.pod()) {
                return i;
            }
        }
        return -1;
    }

    private void update(PodInfo p, int sign) {
        requestedCpu += sign * p.cpu();
        requestedMemory += sign * p.memory();
        requestedEphemeral += sign * p.ephemeralStorage();
        nonZeroCpu += sign * p.nonZeroCpu();
        nonZeroMemory += sign * p.nonZeroMemory();
        if (!p.extended().isEmpty()) {
            Map<String, Long> ext = new TreeMap<>(requestedExtended);
            p.extended().forEach((k, v) -> ext.merge(k, sign * v, Long::sum));
            requestedExtended = ext;
        }
    }

    /** A copy with the same node and pods, for preemption's what-if evaluation. */
    public NodeInfo copy() {
        NodeInfo c = new NodeInfo(node);
        for (PodInfo p : pods) {
            c.addPod(p);
        }
        return c;
    }

    /** Pods on the node in the order they were added. */
    public List<PodInfo> pods() {
        return Collections.unmodifiableList(pods);
    }

    public List<PodInfo> podsWithAffinity() {
        return Collections.unmodifiableList(podsWithAffinity);
    }

    public List<PodInfo> podsWithRequiredAntiAffinity() {
        return Collections.unmodifiableList(podsWithRequiredAntiAffinity);
    }

    /** The node's allocatable cpu (millicores), kept here so the hot loops need not reach the node. */
    public long allocatableCpu() {
        return allocatableCpu;
    }

    public long allocatableMemory() {
        return allocatableMemory;
    }

    public long allocatableEphemeralStorage() {
        return allocatableEphemeral;
    }

    public int allocatablePods() {
        return allocatablePods;
    }

    public int podCount() {
        return podCount;
    }

    public long requestedCpu() {
        return requestedCpu;
    }

    public long requestedMemory() {
        return requestedMemory;
    }

    public long requestedEphemeralStorage() {
        return requestedEphemeral;
    }

    public long requestedExtended(String resource) {
        return requestedExtended.getOrDefault(resource, 0L);
    }

    public long nonZeroRequestedCpu() {
        return nonZeroCpu;
    }

    public long nonZeroRequestedMemory() {
        return nonZeroMemory;
    }

    /**
     * upstream HostPortInfo.CheckConflict: a wanted host port conflicts with a used one of the
     * same protocol and port when the IPs are equal or either is 0.0.0.0.
     */
    public boolean hostPortConflicts(ContainerPort want) {
        for (int i = 0; i < usedPorts.size(); i++) {
            ContainerPort u = usedPorts.get(i);
            if (u.hostPort() == want.hostPort() && u.protocol().equals(want.protocol())
                    && (u.hostIP().equals(want.hostIP()) || u.hostIP().equals("0.0.0.0")
                    || want.hostIP().equals("0.0.0.0"))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the node's runtime holds the (normalized) image. */
    public boolean hasImage(String normalizedImage) {
        return images.contains(normalizedImage);
    }

    /** The node's normalized image names; a hash set: only for membership and counting. */
    public Set<String> imageSet() {
        return images;
    }

    @Override
    public String toString() {
        return node.name() + " pods=" + pods.size() + " cpu=" + requestedCpu + "m mem=" + requestedMemory;
    }
}
