package io.kubesim.autoscaler;

/**
 * The autoscaler's bookkeeping for one node group: its target size (nodes it has or asked for),
 * nodes asked for and not yet registered, and what it did over the run.
 */
final class NodeGroupState {
    final NodeGroup group;
    int targetSize;
    int upcoming;
    long backoffUntil = Long.MIN_VALUE;
    int scaleUps;
    int nodesAdded;
    int nodesRemoved;

    NodeGroupState(NodeGroup group, int initialSize) {
        this.group = group;
        this.targetSize = initialSize;
    }
}
