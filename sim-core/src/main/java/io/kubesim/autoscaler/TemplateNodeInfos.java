package io.kubesim.autoscaler;

import io.kubesim.scheduler.framework.NodeInfo;

/**
 * A node group's template node as the autoscaler's simulations see it: the template node with
 * the pods that would run on it from the start, which upstream builds from the DaemonSets
 * (TemplateNodeInfoProvider adding daemonset.GetDaemonSetPodsForNode), so a new node's free room
 * is what is left after its DaemonSet pods. Each call returns a fresh NodeInfo.
 */
@FunctionalInterface
public interface TemplateNodeInfos {
    /** Template nodes with no pod on them. */
    TemplateNodeInfos EMPTY = group -> new NodeInfo(group.template());

    NodeInfo of(NodeGroup group);
}
