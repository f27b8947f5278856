package io.kubesim.scheduler.framework;

import java.util.Map;

/**
 * PostFilter: runs when no node passed Filter, with each node's filter status (by node name;
 * lookup only). DefaultPreemption is the one the default profile uses.
 */
public interface PostFilterPlugin extends Plugin {
    PostFilterResult postFilter(CycleState state, PodInfo pod, Map<String, Status> nodeStatuses);
}
