package io.kubesim.scheduler.plugins;

import io.kubesim.api.Taint;
import io.kubesim.api.TaintEffect;
import io.kubesim.api.Toleration;
import io.kubesim.cluster.Node;
import io.kubesim.scheduler.framework.CycleState;
import io.kubesim.scheduler.framework.FilterPlugin;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.scheduler.framework.Status;

/**
 * Rejects cordoned nodes ({@code spec.unschedulable}) unless the pod tolerates the
 * {@code node.kubernetes.io/unschedulable:NoSchedule} taint (upstream nodeunschedulable).
 */
public final class NodeUnschedulable implements FilterPlugin {
    public static final String NAME = "NodeUnschedulable";
    /** upstream ErrReasonUnschedulable. */
    public static final String ERR_REASON_UNSCHEDULABLE = "node(s) were unschedulable";

    private static final Taint UNSCHEDULABLE_TAINT = new Taint(Node.TAINT_UNSCHEDULABLE, "", TaintEffect.NO_SCHEDULE);
    private static final Status UNSCHEDULABLE = Status.unresolvable(NAME, ERR_REASON_UNSCHEDULABLE);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        if (!node.node().unschedulable()
                || Toleration.anyTolerates(pod.pod().spec().tolerations(), UNSCHEDULABLE_TAINT)) {
            return Status.SUCCESS;
        }
        return UNSCHEDULABLE;
    }
}
