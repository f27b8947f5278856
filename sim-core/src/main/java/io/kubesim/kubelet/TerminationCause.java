package io.kubesim.kubelet;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Condition;
import io.kubesim.cluster.Deployment;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.metrics.Decision;
import io.kubesim.metrics.DecisionRecorder;
import io.kubesim.engine.SimTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Why a pod is being stopped, in words for {@code kubesim explain}, and the {@code Terminating}
 * decision the kubelet records when it starts the termination sequence (k8s-semantics.md 4.3):
 * the cause, the grace period, the preStop hook and how long it runs before SIGTERM.
 *
 * <p>The kubelet does not know who deleted a pod; the cause is read from what the deleter left:
 * the DisruptionTarget condition (Eviction API, taint manager, scheduler preemption, pod GC, the
 * kubelet's own node-pressure eviction), else the pod's owner: a pod of a Deployment's old
 * ReplicaSet (one with a lower revision than another of the Deployment's ReplicaSets) is ended by
 * a rollout, any other pod of a ReplicaSet by a scale-down.
 */
final class TerminationCause {
    private TerminationCause() {
    }

    /** The cause in words, e.g. {@code rollout of Deployment default/web}, {@code drain of node n1}. */
    static String of(ClusterStore store, Pod pod) {
        Condition dt = pod.disruptionTarget();
        Node node = pod.nodeName() == null ? null : store.nodes().get(pod.nodeName());
        if (dt != null && dt.isTrue() && dt.reason() != null) {
            switch (dt.reason()) {
                case "EvictionByEvictionAPI":
                    return node != null && node.unschedulable() ? "drain of node " + node.name() : "eviction";
                case "DeletionByTaintManager":
                    return "taint" + (node == null ? "" : " on node " + node.name());
                case "PreemptionByScheduler":
                    return "preemption";
                case "DeletionByPodGC":
                    return "node failure";
                case "TerminationByKubelet":
                    return "node-pressure eviction";
                default:
                    return dt.reason();
            }
        }
        OwnerReference owner = pod.metadata().owner();
        if (owner == null) {
            return "deleted";
        }
        if (owner.kind().equals(ReplicaSet.KIND)) {
            ReplicaSet rs = store.replicaSets().get(pod.namespace(), owner.name());
            OwnerReference dep = rs == null ? null : rs.metadata().owner();
            if (dep != null && dep.kind().equals(Deployment.KIND)) {
                for (ReplicaSet other : store.replicaSetsByOwner().get(dep.uid())) {
                    if (other.revision() > rs.revision()) {
                        return "rollout of Deployment " + pod.namespace() + "/" + dep.name();
                    }
                }
                return "scale-down of Deployment " + pod.namespace() + "/" + dep.name();
            }
            return "scale-down of ReplicaSet " + pod.namespace() + "/" + owner.name();
        }
        return "deleted by " + owner.kind() + " " + pod.namespace() + "/" + owner.name();
    }

    /**
     * Records that the kubelet starts stopping {@code pod}'s first container for good.
     *
     * @param grace   the grace period (microseconds)
     * @param preStop the hook's run time before SIGTERM (microseconds, at most the grace period)
     * @param running whether the container was running (a container still starting gets no hook)
     */
    static void record(NodeAgentContext ctx, Pod pod, io.kubesim.api.Container container, long grace, long preStop,
                       boolean running) {
        DecisionRecorder decisions = ctx.decisions();
        String cause = of(ctx.store(), pod);
        String hook = container.preStop() == null ? "none" : describe(container.preStop().action());
        long now = ctx.sim().now();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("cause", cause);
        facts.put("gracePeriodSeconds", SimTime.toSeconds(grace));
        facts.put("preStop", hook);
        facts.put("preStopSeconds", SimTime.toSeconds(preStop));
        facts.put("sigtermAt", SimTime.toSeconds(now + preStop));
        facts.put("running", running);
        facts.put("node", pod.nodeName());
        String message = "Stopping pod (" + cause + "): " + (container.preStop() == null
                ? "no preStop hook, SIGTERM at once"
                : "preStop " + hook + " for " + SimTime.toSeconds(preStop) + " s, then SIGTERM")
                + ", grace period " + SimTime.toSeconds(grace) + " s";
        decisions.record(new Decision(now, NodeAgentContext.SOURCE, "Terminating", "Pod/" + pod.metadata().key(),
                message, facts));
    }

    /** {@code exec [sleep 5]} as {@code sleep 5}; other actions as written. */
    private static String describe(String action) {
        String a = action.trim();
        if (a.toLowerCase(Locale.ROOT).startsWith("exec [sleep ") && a.endsWith("]")) {
            return a.substring(6, a.length() - 1);
        }
        return a;
    }
}
