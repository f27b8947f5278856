package io.kubesim.autoscaler;

import io.kubesim.cluster.Node;

/**
 * What the cluster autoscaler asks of the cloud (upstream cloudprovider.NodeGroup
 * IncreaseSize/DeleteNodes): create nodes of a group now (they register Ready at once; the
 * autoscaler has already waited the provisioning time) and delete a node's VM.
 */
public interface CloudProvider {
    void addNodes(NodeGroup group, int count);

    void deleteNode(Node node);
}
