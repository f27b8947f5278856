package io.kubesim.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Resources;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.NodeCondition;
import io.kubesim.cluster.PriorityClass;
import io.kubesim.engine.SimTime;
import io.kubesim.engine.Simulation;
import io.kubesim.metrics.Counters;
import io.kubesim.metrics.EventRecorder;
import io.kubesim.sim.ClusterBootstrap;
import io.kubesim.sim.NodePool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The eviction manager's synchronisation for memory.available, k8s-semantics.md 4.5 "Control
 * loop": strict thresholds, soft grace periods, the pressure condition and its transition
 * period, minimum reclaim, one pod per round, critical pods spared. The node has 4 Gi of capacity.
 */
class EvictionManagerTest {
    private static final long MI = 1L << 20;
    private static final long CAPACITY = 4096 * MI;

    private final Simulation sim = new Simulation(1);
    private final ClusterStore store = new ClusterStore(sim);
    private final EventRecorder events = new EventRecorder(sim, true);
    private final NodeAgentContext ctx = new NodeAgentContext(sim, store, events, new Counters(),
            KubeletConfig.DEFAULT, null, List.of());

    private EvictionManager manager(EvictionConfig config) {
        NodePool pool = new NodePool("n", 1, Resources.of(4000, CAPACITY - 100 * MI), 110, Map.of(), List.of(),
                List.of(), Resources.of(4000, CAPACITY), config);
        node = new ClusterBootstrap(store).addNodes(pool, 1).get(0);
        return new EvictionManager(ctx, node, config);
    }

    private static EvictionManager.RankedPod pod(String name, long usageMi, long requestMi, int priority) {
        return new EvictionManager.RankedPod(null, new EvictionRanking.Candidate(name, usageMi * MI, requestMi * MI,
                priority), 30, List.of(new EvictionManager.ContainerMemory(name, usageMi * MI, requestMi * MI)));
    }

    private static final List<EvictionManager.RankedPod> PODS = List.of(
            pod("cache", 3000, 1024, 1000), pod("web", 400, 256, 0), pod("idle", 100, 256, 0));

    private Node node;

    private Node node() {
        return node;
    }

    @Test
    @DisplayName("4.5: the hard threshold is met only when its quantity is strictly above memory.available")
    void hardThresholdIsStrict() {
        EvictionManager m = manager(EvictionConfig.DEFAULT);
        assertNull(m.synchronize(0, CAPACITY - 100 * MI, () -> PODS), "available = 100Mi exactly: not met");
        assertFalse(node().condition(NodeCondition.MEMORY_PRESSURE).isTrue());
        EvictionManager.Decision d = m.synchronize(SimTime.seconds(10), CAPACITY - 100 * MI + 1, () -> PODS);
        assertNotNull(d, "one byte less: met");
        assertEquals(EvictionManager.HARD_EVICTION_GRACE_SECONDS, d.graceSeconds(), "hard threshold: 1 s");
        assertTrue(node().condition(NodeCondition.MEMORY_PRESSURE).isTrue());
        assertTrue(node().taints().stream().anyMatch(t -> t.key().equals(Node.TAINT_MEMORY_PRESSURE)),
                "TaintNodesByCondition: memory-pressure:NoSchedule");
    }

    @Test
    @DisplayName("4.5: the victim is the first by rank (web: above its request, lower priority than the cache)")
    void evictsTheFirstRanked() {
        EvictionManager m = manager(EvictionConfig.DEFAULT);
        EvictionManager.Decision d = m.synchronize(0, CAPACITY - 50 * MI, () -> PODS);
        assertEquals("The node was low on resource: memory. Threshold quantity: 100Mi, available: 50Mi. "
                + "Container web was using 400Mi, request is 256Mi, has larger consumption of memory.", d.message());
        assertEquals(1, m.evictions(), "at most one pod per round");
    }

    @Test
    @DisplayName("4.5: critical pods (priority ≥ 2000000000) are never evicted")
    void criticalPodsSpared() {
        EvictionManager m = manager(EvictionConfig.DEFAULT);
        assertNull(m.synchronize(0, CAPACITY - 50 * MI,
                () -> List.of(pod("kube-proxy", 3000, 0, PriorityClass.SYSTEM_CRITICAL_PRIORITY + 1000))));
        assertTrue(node().condition(NodeCondition.MEMORY_PRESSURE).isTrue(), "the pressure is still reported");
    }

    @Test
    @DisplayName("4.5: MemoryPressure stays True for evictionPressureTransitionPeriod (5 min) after the threshold was last met")
    void pressureTransitionPeriod() {
        EvictionManager m = manager(EvictionConfig.DEFAULT);
        long t0 = SimTime.seconds(100);
        m.synchronize(t0, CAPACITY - 50 * MI, () -> PODS);
        long fine = CAPACITY - 1024 * MI;
        m.synchronize(t0 + SimTime.seconds(10), fine, () -> PODS);
        m.synchronize(t0 + SimTime.minutes(5) - 1, fine, () -> PODS);
        assertTrue(node().condition(NodeCondition.MEMORY_PRESSURE).isTrue(), "just under 5 min after");
        m.synchronize(t0 + SimTime.minutes(5), fine, () -> PODS);
        assertFalse(node().condition(NodeCondition.MEMORY_PRESSURE).isTrue(), "5 min after the last observation");
        assertFalse(node().taints().stream().anyMatch(t -> t.key().equals(Node.TAINT_MEMORY_PRESSURE)));
        assertEquals(SimTime.minutes(5), m.pressureTime(t0 + SimTime.minutes(6)));
        assertEquals(1, events.count("NodeHasInsufficientMemory"));
        assertEquals(1, events.count("NodeHasSufficientMemory"));
    }

    @Test
    @DisplayName("4.5: a soft threshold sets MemoryPressure at once but evicts only after its grace period, with min(evictionMaxPodGracePeriod, the pod's)")
    void softThresholdGracePeriod() {
        EvictionConfig config = new EvictionConfig(null, EvictionConfig.Threshold.bytes(500 * MI), SimTime.seconds(90),
                EvictionConfig.DEFAULT_TRANSITION, 20, 0);
        EvictionManager m = manager(config);
        long low = CAPACITY - 300 * MI;
        assertNull(m.synchronize(0, low, () -> PODS));
        assertTrue(node().condition(NodeCondition.MEMORY_PRESSURE).isTrue());
        assertNull(m.synchronize(SimTime.seconds(80), low, () -> PODS), "80 s < 90 s grace");
        EvictionManager.Decision d = m.synchronize(SimTime.seconds(90), low, () -> PODS);
        assertNotNull(d);
        assertEquals(20, d.graceSeconds(), "min(20, 30)");
        assertNull(m.synchronize(SimTime.seconds(100), CAPACITY - 1024 * MI, () -> PODS), "recovered");
        assertNull(m.synchronize(SimTime.seconds(110), low, () -> PODS), "observed again: the grace period starts over");
    }

    @Test
    @DisplayName("4.5: while a threshold stays met, its minimum reclaim is added: eviction goes on until available ≥ threshold + minReclaim")
    void minimumReclaim() {
        EvictionConfig config = new EvictionConfig(EvictionConfig.DEFAULT_HARD, null, 0,
                EvictionConfig.DEFAULT_TRANSITION, 0, 200 * MI);
        EvictionManager m = manager(config);
        assertNotNull(m.synchronize(0, CAPACITY - 50 * MI, () -> PODS));
        assertNotNull(m.synchronize(SimTime.seconds(10), CAPACITY - 250 * MI, () -> PODS), "250Mi < 100Mi + 200Mi");
        assertNull(m.synchronize(SimTime.seconds(20), CAPACITY - 300 * MI, () -> PODS), "300Mi: reclaimed enough");
        assertNull(m.synchronize(SimTime.seconds(30), CAPACITY - 250 * MI, () -> PODS), "not met before: 250Mi > 100Mi");
    }

    @Test
    @DisplayName("4.5: a percentage threshold is a fraction of capacity")
    void percentThreshold() {
        EvictionConfig config = new EvictionConfig(EvictionConfig.Threshold.fraction(0.10), null, 0,
                EvictionConfig.DEFAULT_TRANSITION, 0, 0);
        EvictionManager m = manager(config);
        assertNull(m.synchronize(0, CAPACITY - (long) (CAPACITY * 0.10), () -> PODS));
        assertNotNull(m.synchronize(SimTime.seconds(10), CAPACITY - (long) (CAPACITY * 0.10) + MI, () -> PODS));
    }
}
