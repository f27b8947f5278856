package io.kubesim.autoscaler;

import static io.kubesim.testing.Fixtures.node;
import static io.kubesim.testing.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kubesim.cluster.ConditionStatus;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.Pod;
import io.kubesim.engine.SimTime;
import io.kubesim.testing.TestCluster;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The cluster autoscaler's loop over a store, with a fake cloud: k8s-semantics.md section 8. */
class ClusterAutoscalerTest {
    private final TestCluster c = new TestCluster(1);
    private final List<String> created = new ArrayList<>();

    private final CloudProvider cloud = new CloudProvider() {
        @Override
        public void addNodes(NodeGroup group, int count) {
            for (int i = 0; i < count; i++) {
                String name = group.name() + "-new-" + (created.size() + 1);
                created.add(name);
                c.add(node(name).cpu(cpuOf(group)).memory("32Gi").pool(group.name()).build());
            }
        }

        @Override
        public void deleteNode(Node n) {
            c.store.nodes().remove(n);
        }
    };

    private static String cpuOf(NodeGroup g) {
        return Long.toString(g.template().allocatable().cpuMillis() / 1000);
    }

    private static NodeGroup group(String name, String cpu, int min, int max, long provisioning) {
        return new NodeGroup(name, min, max, node(name + "-template").cpu(cpu).memory("32Gi").pool(name).build(),
                provisioning);
    }

    private static ClusterAutoscalerConfig config(long unneededTime, long delayAfterAdd) {
        ClusterAutoscalerConfig d = ClusterAutoscalerConfig.DEFAULT;
        return new ClusterAutoscalerConfig(d.scanInterval(), true, delayAfterAdd, d.scanInterval(),
                d.scaleDownDelayAfterFailure(), unneededTime, 0.5, d.maxNodeProvisionTime(), 30, 10,
                ClusterAutoscalerConfig.RANDOM);
    }

    private Pod unschedulable(String name, String cpu) {
        Pod p = c.add(pod(name).cpu(cpu).memory("1Gi").owner("ReplicaSet", "rs").build());
        p.scheduledCondition().set(ConditionStatus.FALSE, "Unschedulable", "0/1 nodes are available", 0);
        return p;
    }

    @Test
    @DisplayName("section 8: empty nodes go after the unneeded time, in bulk, but never below the group's min")
    void minRespected() {
        for (int i = 1; i <= 4; i++) {
            c.add(node("pool-" + i).cpu("4").memory("32Gi").pool("pool").build());
        }
        ClusterAutoscaler ca = new ClusterAutoscaler(c.store, c.events, config(SimTime.minutes(10), 0),
                List.of(group("pool", "4", 2, 5, 0)), cloud);
        ca.start();
        c.runFor(SimTime.minutes(10)); // first scan at 10 s: unneeded since 10 s
        assertEquals(4, c.store.nodes().size());
        c.runFor(SimTime.seconds(15));
        assertEquals(2, c.store.nodes().size());
        assertEquals(2, ca.targetSize("pool"));
        assertEquals(2, c.events("ScaleDownEmpty").size());
        c.runFor(SimTime.minutes(30));
        assertEquals(2, c.store.nodes().size());
    }

    @Test
    @DisplayName("section 8: a pending pod raises the target, the nodes arrive after the provisioning time, and "
            + "scale-down waits scale-down-delay-after-add")
    void scaleUpThenDelayAfterAdd() {
        c.add(node("small-1").cpu("2").memory("32Gi").pool("small").build());
        Pod p = unschedulable("big-job", "4");
        ClusterAutoscaler ca = new ClusterAutoscaler(c.store, c.events, config(0, SimTime.minutes(10)),
                List.of(group("small", "2", 0, 3, 0), group("big", "8", 0, 2, SimTime.seconds(90))), cloud);
        ca.start();
        c.runFor(SimTime.seconds(10));
        assertEquals(1, ca.targetSize("big"));
        assertEquals("pod triggered scale-up: [{big 0->1 (max: 2)}]", c.events("TriggeredScaleUp").get(0).message());
        assertEquals("Pod/default/" + p.name(), c.events("TriggeredScaleUp").get(0).object());
        assertEquals(0, ca.readyNodes("big"));
        c.runFor(SimTime.seconds(90));
        assertEquals(1, ca.readyNodes("big"));
        assertEquals(1, ca.stats().nodesAdded());
        // small-1 is empty (unneeded at once, unneeded time 0) but scale-down is paused 10 min after the scale-up
        c.runFor(SimTime.minutes(8)); // 580 s: the scale-up was at 10 s
        assertNotNull(c.store.nodes().get("small-1"));
        c.runFor(SimTime.seconds(40));
        assertNull(c.store.nodes().get("small-1"));
        assertEquals(1, ca.stats().scaleUps(), ca.stats().activity().toString()); // the pod fits the new node: no second scale-up
    }

    @Test
    @DisplayName("section 8: a pod that fits no template gets NotTriggerScaleUp once and nothing is added")
    void notTriggerScaleUp() {
        unschedulable("huge", "16");
        ClusterAutoscaler ca = new ClusterAutoscaler(c.store, c.events, config(0, 0),
                List.of(group("big", "8", 0, 2, 0)), cloud);
        ca.start();
        c.runFor(SimTime.minutes(1));
        assertEquals(0, ca.targetSize("big"));
        assertEquals(1, c.events("NotTriggerScaleUp").size());
    }

    @Test
    @DisplayName("a non-empty unneeded node is tainted ToBeDeletedByClusterAutoscaler, drained and deleted")
    void drainNonEmptyNode() {
        c.add(node("pool-1").cpu("4").memory("32Gi").pool("pool").build());
        c.add(node("pool-2").cpu("4").memory("32Gi").pool("pool").build());
        c.add(pod("w").cpu("1").memory("1Gi").owner("ReplicaSet", "rs").on("pool-1").build());
        c.add(pod("busy").cpu("3").memory("1Gi").owner("ReplicaSet", "rs").on("pool-2").build());
        ClusterAutoscaler ca = new ClusterAutoscaler(c.store, c.events, config(SimTime.minutes(1), 0),
                List.of(group("pool", "4", 1, 3, 0)), cloud);
        ca.start();
        c.runFor(SimTime.seconds(75));
        // pool-1 (1 of 4 cpu) is unneeded: its pod fits beside the 3-cpu pod on pool-2 (0.75, needed)
        assertEquals(1, c.events("ScaleDown").stream().filter(e -> e.object().equals("Node/pool-1")).count());
        assertEquals(1, c.events("ScaleDown").stream().filter(e -> e.object().equals("Pod/default/w")).count());
        assertEquals(ClusterAutoscaler.TO_BE_DELETED_TAINT, c.store.nodes().get("pool-1").taints().get(0).key());
        // no kubelet here: the evicted pod never leaves, so the node goes max-graceful-termination (30 s) later
        c.runFor(SimTime.seconds(40));
        assertNull(c.store.nodes().get("pool-1"));
        assertNotNull(c.store.nodes().get("pool-2"));
        assertEquals(1, ca.stats().nodesRemoved());
    }
}
