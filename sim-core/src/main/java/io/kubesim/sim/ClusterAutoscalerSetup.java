package io.kubesim.sim;

import io.kubesim.cluster.Pod;
import io.kubesim.controllers.daemonset.DaemonPods;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.autoscaler.CloudProvider;
import io.kubesim.autoscaler.ClusterAutoscaler;
import io.kubesim.autoscaler.NodeGroup;
import io.kubesim.metrics.EventRecorder;
import io.kubesim.metrics.Gauge;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the cluster autoscaler of a scenario: one node group per autoscaled pool, with a
 * template node shaped like the pool's nodes, and a cloud provider that creates nodes the way
 * the pool's own nodes are created and removes deleted nodes from the store.
 */
final class ClusterAutoscalerSetup {
    private ClusterAutoscalerSetup() {
    }

    static ClusterAutoscaler start(ClusterStore store, EventRecorder events, ClusterBootstrap bootstrap,
                                   Map<String, NodePool> pools, ClusterAutoscalerSpec spec) {
        List<NodeGroup> groups = new ArrayList<>();
        Map<String, NodePool> byGroup = new TreeMap<>();
        for (NodePool p : pools.values()) {
            ClusterAutoscalerSpec.Bounds b = spec.bounds().get(p.name());
            if (b != null) {
                groups.add(new NodeGroup(p.name(), b.minCount(), b.maxCount(), template(p), p.provisioningTime()));
                byGroup.put(p.name(), p);
            }
        }
        CloudProvider cloud = new CloudProvider() {
            @Override
            public void addNodes(NodeGroup group, int count) {
                bootstrap.addNodes(byGroup.get(group.name()), count);
            }

            @Override
            public void deleteNode(Node n) {
                events.normal("node-controller", n, "RemovingNode",
                        "Node " + n.name() + " event: Removing Node " + n.name() + " from Controller");
                store.nodes().remove(n);
            }
        };
        ClusterAutoscaler ca = new ClusterAutoscaler(store, events, spec.config(), groups, cloud,
                group -> templateNodeInfo(store, group));
        ca.start();
        return ca;
    }

    /**
     * The group's template node with the pods the DaemonSets would run on it (k8s-semantics.md
     * section 8; upstream adds them to every template NodeInfo), so a new node's room for pending
     * pods is what is left after its DaemonSet pods.
     */
    static NodeInfo templateNodeInfo(ClusterStore store, NodeGroup group) {
        NodeInfo ni = new NodeInfo(group.template());
        for (Pod p : DaemonPods.wouldRunOn(store, group.template())) {
            ni.addPod(PodInfo.of(p));
        }
        return ni;
    }

    /** A node as the pool would create it, for the autoscaler's simulations (never stored). */
    static Node template(NodePool p) {
        Map<String, String> labels = new TreeMap<>(p.labels());
        labels.put("kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", "amd64");
        labels.put("kubesim.io/pool", p.name());
        String name = p.name() + "-template";
        labels.put(Node.LABEL_HOSTNAME, name);
        if (!p.zones().isEmpty()) {
            labels.put(Node.LABEL_ZONE, p.zones().get(0));
        }
        ObjectMeta meta = new ObjectMeta("", name, "template-" + p.name());
        meta.setLabels(labels);
        return new Node(meta, p.name(), p.nodeCapacity(), p.allocatable(), p.maxPods(), p.taints(), 0);
    }

    /** Time series {@code nodegroup_target_size} and {@code nodegroup_ready_nodes}, label nodegroup. */
    static Gauge gauge(ClusterAutoscaler ca) {
        List<String> names = ca.groupNames();
        String[] labels = new String[names.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = "nodegroup=" + names.get(i);
        }
        return (now, s) -> {
            for (int i = 0; i < labels.length; i++) {
                s.series("nodegroup_target_size", labels[i]).record(now, ca.targetSize(names.get(i)));
                s.series("nodegroup_ready_nodes", labels[i]).record(now, ca.readyNodes(names.get(i)));
            }
        };
    }
}
