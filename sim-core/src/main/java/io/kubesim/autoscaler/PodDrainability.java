package io.kubesim.autoscaler;

import io.kubesim.cluster.DaemonSet;
import io.kubesim.cluster.Pod;

/**
 * Whether the cluster autoscaler may move a pod off a node it wants to remove, with upstream's
 * blocking reasons (simulator/drainability): k8s-semantics.md section 8 lists pods without a
 * controller, pods annotated {@code cluster-autoscaler.kubernetes.io/safe-to-evict: "false"} and
 * kube-system pods without a PDB. PDB headroom is checked per node by {@link ScaleDownPlanner}.
 */
public final class PodDrainability {
    public static final String SAFE_TO_EVICT = "cluster-autoscaler.kubernetes.io/safe-to-evict";
    public static final String NOT_REPLICATED = "NotReplicated";
    public static final String NOT_SAFE_TO_EVICT = "NotSafeToEvictAnnotation";
    public static final String UNMOVABLE_KUBE_SYSTEM = "UnmovableKubeSystemPod";
    public static final String NOT_ENOUGH_PDB = "NotEnoughPdb";

    private PodDrainability() {
    }

    /**
     * Whether a DaemonSet controls the pod. Such pods are skipped by the scale-down (upstream's
     * daemonset drainability rule): they are neither moved nor blocking, and go with the node.
     */
    public static boolean isDaemonSetPod(Pod pod) {
        return pod.metadata().owner() != null && pod.metadata().owner().kind().equals(DaemonSet.KIND);
    }

    /**
     * The reason the pod blocks removing its node, or null when it can be moved. A pod annotated
     * safe-to-evict "true" is always movable.
     *
     * @param hasPdb whether some PDB selects the pod
     */
    public static String blockingReason(Pod pod, boolean hasPdb) {
        String safe = pod.metadata().annotation(SAFE_TO_EVICT);
        if ("true".equals(safe)) {
            return null;
        }
        if ("false".equals(safe)) {
            return NOT_SAFE_TO_EVICT;
        }
        if (pod.metadata().owner() == null) {
            return NOT_REPLICATED;
        }
        if ("kube-system".equals(pod.namespace()) && !hasPdb) {
            return UNMOVABLE_KUBE_SYSTEM;
        }
        return null;
    }
}
