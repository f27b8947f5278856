package io.kubesim.scheduler.plugins;

import io.kubesim.api.ContainerPort;
import io.kubesim.scheduler.framework.CycleState;
import io.kubesim.scheduler.framework.FilterPlugin;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.scheduler.framework.PreFilterPlugin;
import io.kubesim.scheduler.framework.Status;
import java.util.List;

/** Rejects nodes where a requested host port (ip, protocol, port) is already in use (upstream nodeports). */
public final class NodePorts implements PreFilterPlugin, FilterPlugin {
    public static final String NAME = "NodePorts";
    /** upstream ErrReason. */
    public static final String ERR_REASON = "node(s) didn't have free ports for the requested pod ports";

    private static final Status CONFLICT = Status.unschedulable(NAME, ERR_REASON);

    @Override
    public String name() {
        return NAME;
    }

    /** upstream PreFilter: a pod without host ports skips the Filter. */
    @Override
    public Status preFilter(CycleState state, PodInfo pod) {
        return pod.hostPorts().isEmpty() ? Status.SKIP : Status.SUCCESS;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        List<ContainerPort> wanted = pod.hostPorts();
        for (int i = 0; i < wanted.size(); i++) {
            if (node.hostPortConflicts(wanted.get(i))) {
                return CONFLICT;
            }
        }
        return Status.SUCCESS;
    }
}
