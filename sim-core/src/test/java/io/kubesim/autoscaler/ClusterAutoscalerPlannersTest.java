package io.kubesim.autoscaler;

import static io.kubesim.testing.Fixtures.node;
import static io.kubesim.testing.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.IntOrPercent;
import io.kubesim.api.TaintEffect;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.PodDisruptionBudget;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The cluster autoscaler's planners, rule by rule from k8s-semantics.md section 8. */
class ClusterAutoscalerPlannersTest {
    private final TemplateNodeFilter filter = new TemplateNodeFilter();
    private final Node template = node("tmpl").cpu("4").memory("16Gi").pool("pool").build();
    private final NodeGroup group = new NodeGroup("pool", 1, 5, template, 0);

    private static PodInfo owned(String name, String cpu, String mem) {
        return PodInfo.of(pod(name).cpu(cpu).memory(mem).owner("ReplicaSet", "rs").build());
    }

    private static List<PodInfo> pods(int n, String cpu, String mem) {
        List<PodInfo> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(owned("p" + i, cpu, mem));
        }
        return out;
    }

    private static NodeInfo nodeWith(String name, String cpu, String mem, PodInfo... pods) {
        NodeInfo ni = new NodeInfo(node(name).cpu(cpu).memory(mem).pool("pool").build());
        for (PodInfo p : pods) {
            ni.addPod(p);
        }
        return ni;
    }

    @Test
    @DisplayName("section 8: a node at exactly the 0.5 threshold is not below it, so it is needed")
    void thresholdIsStrict() {
        NodeInfo half = nodeWith("n1", "4", "16Gi", owned("a", "2", "1Gi"));
        NodeInfo below = nodeWith("n2", "4", "16Gi", owned("b", "1999m", "1Gi"));
        assertEquals(0.5, NodeUtilization.of(half));
        assertFalse(NodeUtilization.belowThreshold(half, 0.5));
        assertTrue(NodeUtilization.belowThreshold(below, 0.5));
        // the larger of the cpu and memory shares counts
        NodeInfo memHeavy = nodeWith("n3", "4", "16Gi", owned("c", "100m", "12Gi"));
        assertEquals(0.75, NodeUtilization.of(memHeavy));
    }

    @Test
    @DisplayName("binpacking: 7 pods of 1.5 cpu on 4-cpu templates need 4 nodes (2 per node)")
    void binpackingEstimate() {
        BinpackingEstimator.Estimate e = new BinpackingEstimator(filter).estimate(pods(7, "1500m", "1Gi"), template, 10);
        assertEquals(4, e.nodes());
        assertEquals(7, e.placed().size());
        // mixed sizes: largest first lets small pods fill the gaps (3+1, 3+1, 2+2)
        List<PodInfo> mixed = new ArrayList<>();
        mixed.addAll(pods(2, "1", "1Gi"));
        mixed.addAll(pods(2, "3", "1Gi"));
        mixed.addAll(pods(2, "2", "1Gi"));
        assertEquals(3, new BinpackingEstimator(filter).estimate(mixed, template, 10).nodes());
    }

    @Test
    @DisplayName("section 8: a pod that fits no group's template does not trigger a scale-up")
    void podFittingNoTemplate() {
        ScaleUpPlanner planner = new ScaleUpPlanner(filter, ClusterAutoscalerConfig.LEAST_WASTE, b -> 0);
        PodInfo huge = owned("huge", "8", "1Gi");
        PodInfo selector = PodInfo.of(pod("sel").cpu("1").nodeSelector("disk", "ssd").owner("ReplicaSet", "rs").build());
        ScaleUpPlanner.Plan plan = planner.plan(List.of(huge, selector), List.of(group), new int[]{1});
        assertNull(plan.chosen());
        assertEquals(List.of(huge, selector), plan.noGroupFits());
    }

    @Test
    @DisplayName("section 8: a tainted template only takes pods that tolerate the taint")
    void taintedTemplate() {
        Node tainted = node("t").cpu("4").memory("16Gi").taint("gpu", "true", TaintEffect.NO_SCHEDULE).build();
        ScaleUpPlanner planner = new ScaleUpPlanner(filter, ClusterAutoscalerConfig.RANDOM, b -> 0);
        ScaleUpPlanner.Plan plan = planner.plan(pods(1, "1", "1Gi"), List.of(new NodeGroup("gpu", 0, 3, tainted, 0)),
                new int[]{0});
        assertNull(plan.chosen());
        assertEquals(1, plan.noGroupFits().size());
    }

    @Test
    @DisplayName("section 8: the target is raised within the group's max only")
    void maxRespected() {
        ScaleUpPlanner planner = new ScaleUpPlanner(filter, ClusterAutoscalerConfig.LEAST_WASTE, b -> 0);
        // 10 pods needing 5 nodes, the group at 3 of max 5: only 2 more nodes, 4 pods placed
        ScaleUpPlanner.Plan plan = planner.plan(pods(10, "1500m", "1Gi"), List.of(group), new int[]{3});
        assertEquals(2, plan.chosen().nodes());
        assertEquals(4, plan.chosen().pods().size());
        assertNull(planner.plan(pods(1, "1", "1Gi"), List.of(group), new int[]{5}).chosen());
    }

    @Test
    @DisplayName("least-waste expander picks the group whose new nodes would idle least")
    void leastWaste() {
        Node big = node("big").cpu("16").memory("64Gi").build();
        NodeGroup bigGroup = new NodeGroup("big", 0, 5, big, 0);
        ScaleUpPlanner planner = new ScaleUpPlanner(filter, ClusterAutoscalerConfig.LEAST_WASTE, b -> 0);
        ScaleUpPlanner.Plan plan = planner.plan(pods(2, "1500m", "6Gi"), List.of(bigGroup, group), new int[]{0, 1});
        assertEquals("pool", plan.chosen().group().name());
    }

    @Test
    @DisplayName("section 8: a half-empty node whose pods fit elsewhere is unneeded; the last one is not")
    void unneededWhenPodsFitElsewhere() {
        ScaleDownPlanner planner = new ScaleDownPlanner(filter, p -> List.of());
        NodeInfo a = nodeWith("a", "4", "16Gi", owned("a1", "1", "1Gi"));
        NodeInfo b = nodeWith("b", "4", "16Gi", owned("b1", "1", "1Gi"));
        List<ScaleDownPlanner.Unneeded> out = planner.unneeded(List.of(a, b), List.of(a, b), 0.5);
        // a's pod moves to b; b then holds 2 cpu (0.5) in the simulation and a is no destination
        assertEquals(List.of(new ScaleDownPlanner.Unneeded("a", false)), out);
        NodeInfo empty = nodeWith("e", "4", "16Gi");
        assertEquals(List.of(new ScaleDownPlanner.Unneeded("e", true)),
                planner.unneeded(List.of(empty), List.of(empty), 0.5));
    }

    @Test
    @DisplayName("section 8: pods without a controller, safe-to-evict false and kube-system without PDB block scale-down")
    void blockingPods() {
        ScaleDownPlanner planner = new ScaleDownPlanner(filter, p -> List.of());
        NodeInfo room = nodeWith("room", "4", "16Gi");
        PodInfo bare = PodInfo.of(pod("bare").cpu("100m").build());
        PodInfo pinned = PodInfo.of(pod("pinned").cpu("100m").owner("ReplicaSet", "rs")
                .annotation(PodDrainability.SAFE_TO_EVICT, "false").build());
        PodInfo system = PodInfo.of(pod("dns").namespace("kube-system").cpu("100m").owner("ReplicaSet", "rs").build());
        for (PodInfo p : List.of(bare, pinned, system)) {
            NodeInfo n = nodeWith("n", "4", "16Gi", p);
            assertTrue(planner.unneeded(List.of(n), List.of(n, room), 0.5).isEmpty(), p.pod().name());
        }
        PodInfo bareButSafe = PodInfo.of(pod("ok").cpu("100m").annotation(PodDrainability.SAFE_TO_EVICT, "true").build());
        NodeInfo n = nodeWith("n", "4", "16Gi", bareButSafe);
        assertEquals(1, planner.unneeded(List.of(n), List.of(n, room), 0.5).size());
    }

    @Test
    @DisplayName("section 8: a node whose pods would take a PDB below its minimum is not unneeded")
    void pdbBlocksScaleDown() {
        PodDisruptionBudget pdb = new PodDisruptionBudget(new ObjectMeta("default", "web", "uid-pdb"),
                Fixtures.selector("app", "web"), IntOrPercent.ofInt(2), null, null);
        pdb.setStatus(3, 2, 3, 1, Map.of(), 0);
        ScaleDownPlanner planner = new ScaleDownPlanner(filter, p -> List.of(pdb));
        NodeInfo room = nodeWith("room", "8", "16Gi");
        NodeInfo two = nodeWith("two", "4", "16Gi", owned("w1", "100m", "1Gi"), owned("w2", "100m", "1Gi"));
        NodeInfo one = nodeWith("one", "4", "16Gi", owned("w3", "100m", "1Gi"));
        List<ScaleDownPlanner.Unneeded> out = planner.unneeded(List.of(two, one), List.of(two, one, room), 0.5);
        // one disruption allowed: the node with two pods is blocked, the one with one is not
        assertEquals(List.of(new ScaleDownPlanner.Unneeded("one", false)), out);
    }

    @Test
    @DisplayName("section 8 / upstream planner.go RemainingPdbTracker: a PDB's disruptions are shared by all nodes of one pass")
    void pdbBudgetIsSharedAcrossNodesOfOnePass() {
        // one disruption allowed, one web pod on each of two half-empty nodes: upstream's planner
        // subtracts the first unneeded node's pods from the remaining budget, so the second node's
        // pod would exceed it and that node is not unneeded in this pass
        PodDisruptionBudget pdb = new PodDisruptionBudget(new ObjectMeta("default", "web", "uid-pdb"),
                Fixtures.selector("app", "web"), IntOrPercent.ofInt(2), null, null);
        pdb.setStatus(3, 2, 3, 1, Map.of(), 0);
        ScaleDownPlanner planner = new ScaleDownPlanner(filter, p -> List.of(pdb));
        NodeInfo room = nodeWith("room", "8", "16Gi");
        NodeInfo a = nodeWith("a", "4", "16Gi", owned("w1", "100m", "1Gi"));
        NodeInfo b = nodeWith("b", "4", "16Gi", owned("w2", "100m", "1Gi"));
        List<ScaleDownPlanner.Unneeded> out = planner.unneeded(List.of(a, b), List.of(a, b, room), 0.5);
        assertEquals(List.of(new ScaleDownPlanner.Unneeded("a", false)), out);
    }

    @Test
    @DisplayName("a pod that fits no other node keeps its node")
    void noRoomElsewhere() {
        ScaleDownPlanner planner = new ScaleDownPlanner(filter, p -> List.of());
        NodeInfo a = nodeWith("a", "4", "16Gi", owned("a1", "1500m", "1Gi"));
        NodeInfo full = nodeWith("full", "4", "16Gi", owned("f1", "3", "1Gi"));
        assertTrue(planner.unneeded(List.of(a), List.of(a, full), 0.5).isEmpty());
    }

    @Test
    void configRejectsUnknownExpander() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ClusterAutoscalerConfig(1, true, 0, 0, 0, 0, 0.5, 1, 1, 1, "priority"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new NodeGroup("g", 3, 2, null, 0));
    }

}
