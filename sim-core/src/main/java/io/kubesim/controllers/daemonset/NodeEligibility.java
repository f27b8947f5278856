package io.kubesim.controllers.daemonset;

import io.kubesim.api.PodSpec;
import io.kubesim.api.Taint;
import io.kubesim.api.TaintEffect;
import io.kubesim.api.Toleration;
import io.kubesim.cluster.Node;
import java.util.Map;

/**
 * Whether a node should run a DaemonSet's pod (k8s-semantics.md 12.2, NodeShouldRunDaemonPod),
 * judged on the would-be pod (template plus the tolerations of 12.3): its {@code nodeName}, its
 * {@code nodeSelector} and required node affinity, and the node's NoSchedule and NoExecute
 * taints. Resources and readiness are not looked at: the scheduler and the kubelet decide those.
 *
 * @param shouldRun             a pod is created when the node has none
 * @param shouldContinueRunning an existing pod may stay (only NoSchedule taints are untolerated)
 */
public record NodeEligibility(boolean shouldRun, boolean shouldContinueRunning) {
    public static final NodeEligibility RUN = new NodeEligibility(true, true);
    public static final NodeEligibility KEEP_ONLY = new NodeEligibility(false, true);
    public static final NodeEligibility NONE = new NodeEligibility(false, false);

    /** @param pod the daemon pod's spec, tolerations of 12.3 included */
    public static NodeEligibility of(PodSpec pod, Node node) {
        if (!pod.nodeName().isEmpty() && !pod.nodeName().equals(node.name())) {
            return NONE;
        }
        if (!selectorMatches(pod.nodeSelector(), node.labels())) {
            return NONE;
        }
        if (pod.affinity().nodeAffinity() != null
                && !pod.affinity().nodeAffinity().requiredMatches(node.name(), node.labels())) {
            return NONE;
        }
        boolean untoleratedNoSchedule = false;
        for (Taint t : node.taints()) {
            if (t.effect() == TaintEffect.PREFER_NO_SCHEDULE || Toleration.anyTolerates(pod.tolerations(), t)) {
                continue;
            }
            if (t.effect() == TaintEffect.NO_EXECUTE) {
                return NONE;
            }
            untoleratedNoSchedule = true;
        }
        return untoleratedNoSchedule ? KEEP_ONLY : RUN;
    }

    private static boolean selectorMatches(Map<String, String> selector, Map<String, String> labels) {
        for (Map.Entry<String, String> e : selector.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
