package io.kubesim.controllers.daemonset;

import io.kubesim.api.Affinity;
import io.kubesim.api.NodeAffinity;
import io.kubesim.api.NodeSelectorTerm;
import io.kubesim.api.PodSpec;
import io.kubesim.api.Requirement;
import io.kubesim.api.SelectorOperator;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.DaemonSet;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.Pod;
import java.util.ArrayList;
import java.util.List;

/**
 * The daemon pod of a DaemonSet for one node (k8s-semantics.md 12.3, 12.4): the template's spec
 * with the daemon tolerations added and its required node affinity replaced by the single term
 * {@code matchFields metadata.name In [node]} (ReplaceDaemonSetPodNodeNameNodeAffinity; preferred
 * terms kept), so the default scheduler can place it nowhere else.
 */
public final class DaemonPods {
    /** The field a node-name affinity term selects on. */
    public static final String NODE_NAME_FIELD = "metadata.name";

    private DaemonPods() {
    }

    /** The template spec with the tolerations of 12.3: what {@link NodeEligibility} judges. */
    public static PodSpec withTolerations(DaemonSet ds) {
        PodSpec s = ds.template().spec();
        return s.withTolerations(DaemonPodTolerations.addTo(s.tolerations(), s.hostNetwork()));
    }

    /** {@code spec} pinned to {@code node} through a node-name affinity term. */
    public static PodSpec pinnedTo(PodSpec spec, String node) {
        NodeSelectorTerm term = new NodeSelectorTerm(List.of(),
                List.of(new Requirement(NODE_NAME_FIELD, SelectorOperator.IN, List.of(node))));
        Affinity a = spec.affinity();
        NodeAffinity na = new NodeAffinity(List.of(term),
                a.nodeAffinity() == null ? List.of() : a.nodeAffinity().preferred());
        return spec.withAffinity(new Affinity(na, a.podAffinity(), a.podAntiAffinity()));
    }

    /**
     * The node a daemon pod is for (GetTargetNodeName): its {@code nodeName} once bound, else the
     * value of its node-name affinity term; null when it has neither.
     */
    public static String targetNode(Pod pod) {
        if (pod.isBound()) {
            return pod.nodeName();
        }
        NodeAffinity na = pod.spec().affinity().nodeAffinity();
        if (na == null || na.required() == null) {
            return null;
        }
        for (NodeSelectorTerm t : na.required()) {
            for (Requirement r : t.matchFields()) {
                if (r.key().equals(NODE_NAME_FIELD) && r.operator() == SelectorOperator.IN && r.values().size() == 1) {
                    return r.values().get(0);
                }
            }
        }
        return null;
    }

    /** Whether a DaemonSet controls the pod (IsDaemonSetPod). */
    public static boolean isDaemonPod(Pod pod) {
        OwnerReference o = pod.metadata().owner();
        return o != null && o.kind().equals(DaemonSet.KIND);
    }

    /**
     * The pods the DaemonSets of the store would run on {@code node}, which need not be stored:
     * what the cluster autoscaler adds to a node group's template node (upstream
     * daemonset.GetDaemonSetPodsForNode). The pods are never stored; their specs are the ones
     * the controller would create, before admission.
     */
    public static List<Pod> wouldRunOn(ClusterStore store, Node node) {
        List<Pod> out = new ArrayList<>();
        for (DaemonSet ds : store.daemonSets().list()) {
            PodSpec spec = withTolerations(ds);
            if (!NodeEligibility.of(spec, node).shouldRun()) {
                continue;
            }
            ObjectMeta meta = new ObjectMeta(ds.metadata().namespace(), ds.name() + "-" + node.name(),
                    "template-" + ds.metadata().uid());
            meta.setLabels(ds.template().labels());
            meta.setOwner(new OwnerReference(DaemonSet.KIND, ds.name(), ds.metadata().uid()));
            out.add(new Pod(meta, pinnedTo(spec, node.name()), store.now()));
        }
        return out;
    }
}
