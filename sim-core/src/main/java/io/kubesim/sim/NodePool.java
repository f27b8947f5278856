package io.kubesim.sim;

import io.kubesim.api.Collections2;
import io.kubesim.api.Resources;
import io.kubesim.api.Taint;
import java.util.List;
import java.util.Map;

/**
 * A group of identical nodes. Nodes are named {@code <name>-<index>} from 1 and spread over the
 * zones round-robin (zone label {@code topology.kubernetes.io/zone}).
 *
 * @param allocatable what pods may use; capacity is taken equal to it
 * @param maxPods     allocatable pods (kubelet maxPods, default 110)
 */
public record NodePool(String name, int count, Resources allocatable, int maxPods, Map<String, String> labels,
                       List<Taint> taints, List<String> zones) {
    public static final int DEFAULT_MAX_PODS = 110;

    public NodePool {
        labels = Collections2.sortedCopy(labels);
        taints = List.copyOf(taints);
        zones = List.copyOf(zones);
    }
}
