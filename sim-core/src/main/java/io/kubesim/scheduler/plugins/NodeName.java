package io.kubesim.scheduler.plugins;

import io.kubesim.scheduler.framework.CycleState;
import io.kubesim.scheduler.framework.FilterPlugin;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.scheduler.framework.PreFilterPlugin;
import io.kubesim.scheduler.framework.Status;

/** Rejects every node but the one named in {@code spec.nodeName}, when set (upstream nodename). */
public final class NodeName implements PreFilterPlugin, FilterPlugin {
    public static final String NAME = "NodeName";
    /** upstream nodename.ErrReason. */
    public static final String ERR_REASON = "node(s) didn't match the requested node name";

    private static final Status MISMATCH = Status.unresolvable(NAME, ERR_REASON);

    @Override
    public String name() {
        return NAME;
    }

    /** upstream PreFilter: nothing to check for a pod without {@code spec.nodeName}. */
    @Override
    public Status preFilter(CycleState state, PodInfo pod) {
        return pod.pod().spec().nodeName().isEmpty() ? Status.SKIP : Status.SUCCESS;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        String wanted = pod.pod().spec().nodeName();
        return wanted.isEmpty() || wanted.equals(node.name()) ? Status.SUCCESS : MISMATCH;
    }
}
