package io.kubesim.kubelet;

import io.kubesim.api.Container;
import io.kubesim.cluster.Condition;
import io.kubesim.cluster.Pod;

/**
 * The pod's Ready condition from its containers and its readiness gates (pkg/kubelet/status
 * generate.go {@code GeneratePodReadyCondition}, k8s-semantics.md 16.6): Ready only when every
 * container is ready and each gate's condition exists with status True. Also says why Ready
 * flipped, for the {@code ReadinessChanged} decision.
 */
final class PodReadiness {
    static final String GATES_NOT_READY = "ReadinessGatesNotReady";
    /** The kind of the decision recorded when the pod's Ready condition flips. */
    static final String DECISION = "ReadinessChanged";

    /**
     * Why one container's ready flag changed, in the prober's terms (k8s-semantics.md 4.1): a
     * container becomes ready when its readiness probe succeeds, or, without one, once it has
     * started (its startup probe passed, if any); it stops being ready when the readiness probe
     * reaches failureThreshold or when its process is gone.
     */
    static String containerReason(Container spec, boolean ready, boolean running) {
        if (ready) {
            if (spec.readinessProbe() != null) {
                return "readiness probe succeeded";
            }
            return spec.startupProbe() != null ? "startup probe succeeded" : "container started";
        }
        if (!running) {
            return "container stopped";
        }
        return spec.readinessProbe() != null ? "readiness probe failed" : "container not started";
    }

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
