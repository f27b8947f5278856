package io.kubesim.scheduler;

import io.kubesim.scheduler.plugins.InterPodAffinity;
import io.kubesim.scheduler.plugins.NodeAffinity;
import io.kubesim.scheduler.plugins.NodeName;
import io.kubesim.scheduler.plugins.NodePorts;
import io.kubesim.scheduler.plugins.NodeResourcesFit;
import io.kubesim.scheduler.plugins.NodeUnschedulable;
import io.kubesim.scheduler.plugins.PodTopologySpread;
import io.kubesim.scheduler.plugins.TaintToleration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Cluster events that may make an unschedulable pod schedulable, and a coarse queueing hint:
 * which plugins' rejections each event may resolve (upstream EventsToRegister per plugin,
 * without the per-object QueueingHintFns). A pod moves when any plugin that rejected it is
 * interested; a pod rejected by a plugin not listed moves on every event. Coarse means "may
 * retry more often than upstream", never "misses a retry".
 */
public enum ClusterEventType {
    NODE_ADD, NODE_UPDATE, ASSIGNED_POD_ADD, ASSIGNED_POD_UPDATE, ASSIGNED_POD_DELETE,
    /** A PersistentVolumeClaim was added or changed (e.g. bound). */
    PVC_CHANGE,
    /** A PersistentVolume was added or changed. */
    PV_CHANGE;

    private static final Set<ClusterEventType> NODE = EnumSet.of(NODE_ADD, NODE_UPDATE);
    private static final Set<ClusterEventType> NODE_OR_POD_DELETE = EnumSet.of(NODE_ADD, NODE_UPDATE, ASSIGNED_POD_DELETE);
    private static final Set<ClusterEventType> ALL = EnumSet.allOf(ClusterEventType.class);

    private static final Map<String, Set<ClusterEventType>> INTEREST = Map.of(
            NodeUnschedulable.NAME, NODE,
            NodeName.NAME, NODE,
            TaintToleration.NAME, NODE,
            NodeAffinity.NAME, NODE,
            NodePorts.NAME, NODE_OR_POD_DELETE,
            NodeResourcesFit.NAME, NODE_OR_POD_DELETE,
            PodTopologySpread.NAME, ALL,
            InterPodAffinity.NAME, ALL);

    /** Whether this event may help a pod rejected by these plugins. */
    public boolean mayHelp(Set<String> rejectingPlugins) {
        if (rejectingPlugins.isEmpty()) {
            return true;
        }
        for (String p : rejectingPlugins) {
            Set<ClusterEventType> interest = INTEREST.get(p);
            if (interest == null || interest.contains(this)) {
                return true;
            }
        }
        return false;
    }
}
