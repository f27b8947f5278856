package io.kubesim.autoscaler;

import io.kubesim.scheduler.framework.CycleState;
import io.kubesim.scheduler.framework.FilterPlugin;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.scheduler.framework.PreFilterPlugin;
import io.kubesim.scheduler.framework.Status;
import io.kubesim.scheduler.plugins.NodeAffinity;
import io.kubesim.scheduler.plugins.NodePorts;
import io.kubesim.scheduler.plugins.NodeResourcesFit;
import io.kubesim.scheduler.plugins.NodeUnschedulable;
import io.kubesim.scheduler.plugins.TaintToleration;
import java.util.List;

/**
 * Asks "would this pod pass the scheduler's Filter plugins on this node?" the way the cluster
 * autoscaler's scheduling simulation does (k8s-semantics.md section 8: it runs the scheduler's
 * filters against a template node), with the real node-local plugins in the default profile's
 * order (section 3.1), and, with the store, VolumeRestrictions, VolumeBinding and VolumeZone, so
 * that a pod whose volume lives in one zone only fits template nodes of that zone, and a pod whose
 * ReadWriteOncePod claim another pod holds fits none (14.3). Simplified:
 * PodTopologySpread and InterPodAffinity are not run, since they need the whole cluster's pods;
 * see docs/fidelity.md.
 */
public final class TemplateNodeFilter {
    private final List<FilterPlugin> filters;

    /** The node-local plugins only. */
    public TemplateNodeFilter() {
        filters = List.of(new NodeUnschedulable(), new TaintToleration(), new NodeAffinity(), new NodePorts(),
                new NodeResourcesFit(1, 1));
    }

    /** The node-local plugins and the volume plugins that read claims and volumes from {@code store}. */
    public TemplateNodeFilter(io.kubesim.cluster.ClusterStore store) {
        filters = List.of(new NodeUnschedulable(), new TaintToleration(), new NodeAffinity(), new NodePorts(),
                new NodeResourcesFit(1, 1),
                new io.kubesim.scheduler.plugins.VolumeRestrictions(store),
                new io.kubesim.scheduler.plugins.VolumeBinding(store,
                        io.kubesim.scheduler.plugins.VolumeBinding.StorageCapacity.UNLIMITED),
                new io.kubesim.scheduler.plugins.VolumeZone(store));
    }

    /** True when every filter accepts the pod on the node (PreFilter skips honoured). */
    public boolean fits(PodInfo pod, NodeInfo node) {
        CycleState state = new CycleState();
        for (FilterPlugin f : filters) {
            if (f instanceof PreFilterPlugin pre) {
                Status s = pre.preFilter(state, pod);
                if (s.isSkip()) {
                    continue;
                }
                if (!s.isSuccess()) {
                    return false;
                }
            }
            if (!f.filter(state, pod, node).isSuccess()) {
                return false;
            }
        }
        return true;
    }
}
