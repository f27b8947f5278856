package io.kubesim.sim;

import io.kubesim.api.Collections2;
import io.kubesim.api.Resources;
import io.kubesim.api.Taint;
import io.kubesim.engine.SimTime;
import java.util.List;
import java.util.Map;

/**
 * A group of identical nodes. Nodes are named {@code <name>-<index>} from 1 and spread over the
 * zones round-robin (zone label {@code topology.kubernetes.io/zone}).
 *
 * @param allocatable what pods may use; capacity is taken equal to it
 * @param maxPods     allocatable pods (kubelet maxPods, default 110)
 * @param provisioningTime microseconds from asking the cloud for a node to the node registering
 *                    Ready, for nodes added during an upgrade
 */
public record NodePool(String name, int count, Resources allocatable, int maxPods, Map<String, String> labels,
                       List<Taint> taints, List<String> zones, long provisioningTime) {
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
        if (provisioningTime < 0) {
            throw new IllegalArgumentException("provisioningTime must not be negative");
        }
    }

    /** A pool with the default provisioning time. */
    public NodePool(String name, int count, Resources allocatable, int maxPods, Map<String, String> labels,
                    List<Taint> taints, List<String> zones) {
        this(name, count, allocatable, maxPods, labels, taints, zones, DEFAULT_PROVISIONING_TIME);
    }
}
