package io.kubesim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Affinity;
import io.kubesim.api.Container;
import io.kubesim.api.DaemonSetUpdateStrategy;
import io.kubesim.api.DeploymentStrategy;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodSpec;
import io.kubesim.api.PodTemplate;
import io.kubesim.api.Resources;
import io.kubesim.app.ApplicationModel;
import io.kubesim.autoscaler.ClusterAutoscalerConfig;
import io.kubesim.autoscaler.NodeGroup;
import io.kubesim.cluster.DaemonSet;
import io.kubesim.cluster.Pod;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.ClusterEvent;
import io.kubesim.scheduler.framework.NodeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DaemonSet pods beside the clients that move pods: {@code kubectl drain} leaves them
 * (k8s-semantics.md 6.3, --ignore-daemonsets), and the cluster autoscaler counts them on a node
 * group's template node (section 8) and never moves them.
 */
class DaemonSetNodeOverheadTest {
    private static Container container(String name, long cpu) {
        return new Container(name, name + ":1", Resources.of(cpu, 64L << 20), Resources.NONE, List.of(), null, null,
                null, null, false);
    }

    private static Manifest.DaemonSetManifest agent(Map<String, String> nodeSelector) {
        PodSpec spec = new PodSpec(List.of(container("agent", 500)), List.of(), nodeSelector, Affinity.NONE, List.of(),
                List.of(), "", null, false, 30, "", "", "Always", Resources.NONE, false);
        return new Manifest.DaemonSetManifest("default", "agent", Map.of(), Map.of(),
                LabelSelector.of(Map.of("app", "agent")), new PodTemplate(Map.of("app", "agent"), Map.of(), spec),
                DaemonSetUpdateStrategy.DEFAULT_ROLLING, 0, 10, Manifest.Origin.UNKNOWN);
    }

    private static Manifest.DeploymentManifest web(int replicas) {
        PodTemplate t = new PodTemplate(Map.of("app", "web"), Map.of(), PodSpec.of(List.of(container("web", 500))));
        return new Manifest.DeploymentManifest("default", "web", Map.of(), Map.of(),
                LabelSelector.of(Map.of("app", "web")), t, replicas, DeploymentStrategy.DEFAULT_ROLLING, 0, 10, 600,
                false, Manifest.Origin.UNKNOWN);
    }

    private static ClusterSimulation run(List<Manifest> manifests, List<TimelineAction> timeline, boolean autoscaled,
                                         long duration) {
        return run(manifests, timeline, autoscaled, 1, duration);
    }

    private static ClusterSimulation run(List<Manifest> manifests, List<TimelineAction> timeline, boolean autoscaled,
                                         int nodesInA, long duration) {
        NodePool a = new NodePool("a", nodesInA, Resources.of(2000, 16L << 30), 110, Map.of("disk", "hdd"), List.of(),
                List.of(), SimTime.seconds(30));
        NodePool b = new NodePool("b", 1, Resources.of(2000, 16L << 30), 110, Map.of("disk", "ssd"), List.of(),
                List.of(), SimTime.seconds(30));
        ClusterAutoscalerSpec ca = autoscaled ? new ClusterAutoscalerSpec(ClusterAutoscalerConfig.DEFAULT,
                Map.of("a", new ClusterAutoscalerSpec.Bounds(1, 10))) : null;
        SimulationSpec spec = new SimulationSpec("overhead", 1, duration, SimTime.seconds(1), List.of(a, b), manifests,
                Map.of(), ApplicationModel.DEFAULT, timeline).withClusterAutoscaler(ca);
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(duration);
        return sim;
    }

    private static List<ClusterEvent> events(ClusterSimulation sim, String reason) {
        return sim.events().events().stream().filter(e -> e.reason().equals(reason)).toList();
    }

    @Test
    @DisplayName("6.3: drain evicts the Deployment's pods, leaves the DaemonSet pod running, and says so")
    void drainIgnoresDaemonSetPods() {
        ClusterSimulation sim = run(List.of(agent(Map.of()), web(2)),
                List.of(new TimelineAction.Drain(SimTime.seconds(60), "a-1", 0, null, false)), false,
                SimTime.minutes(3));
        DrainRecord d = sim.result().drains().get(0);
        assertTrue(d.completed(), "the DaemonSet pod does not hold the drain up");
        List<Pod> left = new ArrayList<>(sim.store().podsByNode().get("a-1"));
        assertEquals(1, left.size());
        assertEquals(DaemonSet.KIND, left.get(0).metadata().owner().kind());
        assertTrue(left.get(0).isActive() && left.get(0).isReady(), "it tolerates the cordon (12.3) and keeps running");
        ClusterEvent warning = events(sim, "DrainWarning").get(0);
        assertTrue(warning.message().startsWith("Warning: ignoring DaemonSet-managed Pods: default/agent-"),
                warning.message());
        for (ClusterEvent e : events(sim, "Evicting")) {
            assertTrue(e.object().contains("/web-"), e.object());
        }
    }

    @ParameterizedTest(name = "DaemonSet on pool a: {0} -> {1} new node(s)")
    @CsvSource({"true, 2", "false, 1"})
    @DisplayName("section 8: a template node starts with the DaemonSet pods that would run on it")
    void templateNodesCarryDaemonSetPods(boolean onPoolA, int added) {
        // 11 web pods of 500m on 2-core nodes: a-1 and b-1 take 7 (3 beside the agent, 4 on the other), so 4 wait.
        // New a nodes hold 3 of them beside the agent (2 nodes), or 4 when the agent runs on pool b only (1 node).
        Map<String, String> selector = Map.of("disk", onPoolA ? "hdd" : "ssd");
        ClusterSimulation sim = run(List.of(agent(selector), web(11)), List.of(), true, SimTime.minutes(3));
        assertEquals(1 + added, sim.result().clusterAutoscaler().byGroup().get("a").targetSize());
        assertEquals(1, events(sim, "TriggeredScaleUp").stream().map(ClusterEvent::time).distinct().count(),
                "one scale-up was enough: the estimate left room for the agent");
        assertEquals(0, sim.result().pods().pendingAtEnd());
    }

    @Test
    @DisplayName("section 8: a node running only DaemonSet pods is empty to the scale-down: they go with the node")
    void daemonSetPodsDoNotHoldScaleDown() {
        ClusterSimulation sim = run(List.of(agent(Map.of())), List.of(), true, 3, SimTime.minutes(12));
        assertEquals(1, sim.result().clusterAutoscaler().byGroup().get("a").targetSize(), "two of three idle nodes removed, down to min 1");
        assertEquals(2, events(sim, "ScaleDownEmpty").size());
        assertTrue(events(sim, "Evicting").isEmpty() && events(sim, "ScaleDown").isEmpty(),
                "the agent pods were not evicted");
    }

    @Test
    @DisplayName("section 8: the template's pods are the DaemonSets' that match the template node")
    void templateNodeInfo() {
        ClusterSimulation sim = run(List.of(agent(Map.of("disk", "hdd"))), List.of(), false, SimTime.seconds(1));
        NodeGroup a = new NodeGroup("a", 1, 10, ClusterAutoscalerSetup.template(new NodePool("a", 1,
                Resources.of(2000, 16L << 30), 110, Map.of("disk", "hdd"), List.of(), List.of())), 0);
        NodeGroup b = new NodeGroup("b", 1, 10, ClusterAutoscalerSetup.template(new NodePool("b", 1,
                Resources.of(2000, 16L << 30), 110, Map.of("disk", "ssd"), List.of(), List.of())), 0);
        NodeInfo onA = ClusterAutoscalerSetup.templateNodeInfo(sim.store(), a);
        assertEquals(1, onA.podCount());
        assertEquals(500, onA.requestedCpu());
        assertEquals(0, ClusterAutoscalerSetup.templateNodeInfo(sim.store(), b).podCount());
    }
}
