package io.kubesim.autoscaler;

import io.kubesim.cluster.Node;

/**
 * A node group the cluster autoscaler may resize (upstream cloudprovider.NodeGroup): its bounds
 * and a template node with the shape (allocatable, labels, taints) that new nodes will have.
 *
 * @param provisioningTime microseconds from raising the target to the node being Ready
 */
public record NodeGroup(String name, int minSize, int maxSize, Node template, long provisioningTime) {
    public NodeGroup {
        if (minSize < 0 || maxSize < minSize) {
            throw new IllegalArgumentException("node group " + name + ": need 0 <= minSize <= maxSize");
        }
    }
}
