package io.kubesim.scheduler;

import io.kubesim.cluster.Pod;
import io.kubesim.scheduler.framework.PodInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pods nominated to a node by preemption and not yet bound (upstream nominator): Filter treats
 * those of equal or higher priority as already running there, so the room preemption made is
 * not taken by someone else.
 */
final class Nominator {
    private final Map<String, List<PodInfo>> byNode = new HashMap<>();
    private final Map<Pod, String> nodeOf = new IdentityHashMap<>();

    void add(PodInfo pod, String node) {
        remove(pod.pod());
        byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(pod);
        nodeOf.put(pod.pod(), node);
    }

    void remove(Pod pod) {
        String node = nodeOf.remove(pod);
        if (node != null) {
            List<PodInfo> l = byNode.get(node);
            l.removeIf(p -> p.pod() == pod);
            if (l.isEmpty()) {
                byNode.remove(node);
            }
        }
    }

    boolean isEmpty() {
        return nodeOf.isEmpty();
    }

    /** Pods nominated to the node, in nomination order; empty when none. */
    List<PodInfo> nominatedTo(String node) {
        List<PodInfo> l = byNode.get(node);
        return l == null ? List.of() : l;
    }
}
