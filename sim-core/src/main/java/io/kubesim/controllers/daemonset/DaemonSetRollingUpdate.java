package io.kubesim.controllers.daemonset;

import io.kubesim.api.DaemonSetUpdateStrategy;
import io.kubesim.cluster.DaemonSet;
import io.kubesim.cluster.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One step of a DaemonSet's RollingUpdate (k8s-semantics.md 12.6, update.go rollingUpdate): which
 * old pods to delete and which nodes get a new pod now. Nodes are visited in the order given
 * (upstream walks a Go map, in no fixed order; kubesim uses node creation order).
 *
 * <p>Without surge (the default, maxUnavailable 1): delete-then-create. A node counts as
 * unavailable when it has no usable pod, both an old and a new one, or a new one not yet
 * available; old pods that are not available are deleted at once; of the available old pods, only
 * {@code maxUnavailable - unavailable} are deleted. The manage loop then creates the new pod on
 * each emptied node. With 4 nodes and maxUnavailable 1 the nodes are therefore updated one at a
 * time: node 1's old pod goes, node 1 is unavailable until its new pod is available, then node 2.
 *
 * <p>With surge (maxSurge &gt; 0, maxUnavailable 0): create-then-delete. A node whose old pod is
 * not available gets its new pod at once; otherwise up to {@code maxSurge} minus the nodes still
 * waiting for a new pod to become available get one beside the old pod; an old pod is deleted
 * once the new pod on its node is available.
 */
final class DaemonSetRollingUpdate {
    /** What one step does. */
    record Step(List<Pod> delete, List<String> createOn) {
    }

    /** The resolved fenceposts (updatedDesiredNodeCounts): percentages round up. */
    record Fenceposts(int maxUnavailable, int maxSurge) {
        static Fenceposts resolve(DaemonSetUpdateStrategy s, int desired) {
            int unavailable = s.maxUnavailable() == null ? 0 : s.maxUnavailable().scaledValue(desired, true);
            int surge = s.maxSurge() == null ? 0 : s.maxSurge().scaledValue(desired, true);
            if (desired > 0 && unavailable == 0 && surge == 0) {
                unavailable = 1;
            }
            return new Fenceposts(unavailable, surge);
        }
    }

    private DaemonSetRollingUpdate() {
    }

    /**
     * @param podsByNode the DaemonSet's pods by target node (terminal pods being deleted left out)
     * @param shouldRun  whether a node should run the pod (the surge path checks it)
     */
    static Step plan(DaemonSet ds, Map<String, List<Pod>> podsByNode, String hash, int desired, long now,
                     Predicate<String> shouldRun) {
        Fenceposts f = Fenceposts.resolve(ds.updateStrategy(), desired);
        return f.maxSurge() == 0 ? withoutSurge(ds, podsByNode, hash, f.maxUnavailable(), now)
                : withSurge(ds, podsByNode, hash, f.maxSurge(), now, shouldRun);
    }

    private static Step withoutSurge(DaemonSet ds, Map<String, List<Pod>> podsByNode, String hash, int maxUnavailable,
                                     long now) {
        int unavailable = 0;
        List<Pod> allowed = new ArrayList<>();
        List<Pod> candidates = new ArrayList<>();
        for (List<Pod> pods : podsByNode.values()) {
            OnNode n = OnNode.find(pods, hash);
            if (n == null || (n.oldPod == null) == (n.newPod == null)) {
                unavailable++; // excess pods, no usable pod, or both an old and a new one
            } else if (n.newPod != null) {
                if (!n.newPod.isAvailable(ds.minReadySeconds(), now)) {
                    unavailable++;
                }
            } else if (!n.oldPod.isAvailable(ds.minReadySeconds(), now)) {
                allowed.add(n.oldPod); // an unavailable old pod may always be replaced
                unavailable++;
            } else if (unavailable < maxUnavailable) {
                candidates.add(n.oldPod);
            }
        }
        int remaining = Math.max(0, Math.min(maxUnavailable - unavailable, candidates.size()));
        List<Pod> delete = new ArrayList<>(allowed);
        delete.addAll(candidates.subList(0, remaining));
        return new Step(delete, List.of());
    }

    private static Step withSurge(DaemonSet ds, Map<String, List<Pod>> podsByNode, String hash, int maxSurge, long now,
                                  Predicate<String> shouldRun) {
        List<Pod> delete = new ArrayList<>();
        List<String> allowedNew = new ArrayList<>();
        List<String> candidateNew = new ArrayList<>();
        int surging = 0;
        for (Map.Entry<String, List<Pod>> e : podsByNode.entrySet()) {
            OnNode n = OnNode.find(e.getValue(), hash);
            if (n == null) {
                surging++; // the manage loop prunes the excess; count the node as surging
                continue;
            }
            if (n.oldPod == null) {
                continue; // the manage loop creates the pod a node lacks
            }
            if (n.newPod == null) {
                if (!shouldRun.test(e.getKey())) {
                    delete.add(n.oldPod);
                } else if (!n.oldPod.isAvailable(ds.minReadySeconds(), now)) {
                    allowedNew.add(e.getKey());
                } else {
                    candidateNew.add(e.getKey());
                }
            } else if (!n.newPod.isAvailable(ds.minReadySeconds(), now)) {
                surging++;
            } else {
                delete.add(n.oldPod);
            }
        }
        int remaining = Math.max(0, Math.min(maxSurge - surging, candidateNew.size()));
        List<String> create = new ArrayList<>(allowedNew);
        create.addAll(candidateNew.subList(0, remaining));
        return new Step(delete, create);
    }

    /** findUpdatedPodsOnNode: the node's one new and one old pod, ignoring pods being deleted. */
    private record OnNode(Pod newPod, Pod oldPod) {
        /** Null when the node has more than one new or more than one old pod. */
        static OnNode find(List<Pod> pods, String hash) {
            Pod newPod = null;
            Pod oldPod = null;
            for (Pod p : pods) {
                if (p.metadata().isDeleting()) {
                    continue;
                }
                if (hash.equals(p.metadata().labels().get(DaemonSet.LABEL_CONTROLLER_REVISION_HASH))) {
                    if (newPod != null) {
                        return null;
                    }
                    newPod = p;
                } else {
                    if (oldPod != null) {
                        return null;
                    }
                    oldPod = p;
                }
            }
            return new OnNode(newPod, oldPod);
        }
    }
}
