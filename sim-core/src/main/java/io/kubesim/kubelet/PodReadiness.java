package io.kubesim.kubelet;

import io.kubesim.cluster.Condition;
import io.kubesim.cluster.Pod;

/**
 * The pod's Ready condition from its containers and its readiness gates (pkg/kubelet/status
 * generate.go {@code GeneratePodReadyCondition}, k8s-semantics.md 16.6): Ready only when every
 * container is ready and each gate's condition exists with status True.
 */
final class PodReadiness {
    static final String GATES_NOT_READY = "ReadinessGatesNotReady";

    private PodReadiness() {
    }

    /**
     * Why the gates keep the pod from Ready, as upstream's message (one part per unmet gate,
     * joined by ", "), or null when every gate is met or there is none.
     */
    static String unmetGates(Pod pod) {
        StringBuilder sb = null;
        for (String type : pod.spec().readinessGates()) {
            Condition c = pod.condition(type);
            String part;
            if (c == null) {
                part = "corresponding condition of pod readiness gate \"" + type + "\" does not exist.";
            } else if (!c.isTrue()) {
                part = "the status of pod readiness gate \"" + type + "\" is not \"True\", but " + c.status().wireName();
            } else {
                continue;
            }
            sb = sb == null ? new StringBuilder() : sb.append(", ");
            sb.append(part);
        }
        return sb == null ? null : sb.toString();
    }
}
