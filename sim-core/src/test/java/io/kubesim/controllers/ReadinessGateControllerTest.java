package io.kubesim.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Container;
import io.kubesim.api.PodSpec;
import io.kubesim.api.Resources;
import io.kubesim.app.ApplicationCatalog;
import io.kubesim.app.ApplicationModel;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodAdmission;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import io.kubesim.engine.Simulation;
import io.kubesim.kubelet.KubeletConfig;
import io.kubesim.kubelet.Kubelets;
import io.kubesim.metrics.Counters;
import io.kubesim.metrics.EventRecorder;
import io.kubesim.sim.ClusterBootstrap;
import io.kubesim.sim.NodePool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Readiness gates (k8s-semantics.md 16.6): Ready needs every container ready and each gate's
 * condition True. The pod's containers are ready at 0.1 s sync + 1 s sandbox + 5 s pull + 0.2 s
 * start = 6.3 s.
 */
class ReadinessGateControllerTest {
    private static final String NEG = "cloud.google.com/load-balancer-neg-ready";
    private static final long CONTAINERS_READY = SimTime.millis(6300);

    private final Simulation sim = new Simulation(7);
    private final ClusterStore store = new ClusterStore(sim);
    private final EventRecorder events = new EventRecorder(sim, true);

    private Pod run(List<ReadinessGateController.Gate> declared, String... gates) {
        new ClusterBootstrap(store).addNodes(new NodePool("n", 1, Resources.of(4000, 8L << 30), 110, Map.of(),
                List.of(), List.of()), 1);
        sim.runUntil(0);
        new ReadinessGateController(store, declared).start();
        new Kubelets(store, events, new Counters(), KubeletConfig.DEFAULT,
                new ApplicationCatalog(store, Map.of(), ApplicationModel.DEFAULT)).start();
        PodSpec base = PodSpec.of(List.of(Container.of("web", "web:1", Resources.of(100, 1 << 26))));
        PodSpec spec = new PodSpec(base.containers(), List.of(), Map.of(), base.affinity(), List.of(), List.of(), "",
                null, false, 30, "n-1", "", "Always", Resources.NONE, false, List.of(gates));
        return new PodAdmission(store).create(new Pod(new ObjectMeta("default", "web-1", store.newUid()), spec,
                sim.now()));
    }

    @Test
    @DisplayName("a gate no controller sets: ContainersReady True, Ready False with ReadinessGatesNotReady, forever")
    void unmetGateNeverReady() {
        Pod pod = run(List.of(), NEG);
        sim.runUntil(SimTime.minutes(10));
        assertTrue(pod.containersReadyCondition().isTrue());
        assertEquals(CONTAINERS_READY, pod.containersReadyCondition().lastTransitionTime());
        assertFalse(pod.isReady());
        assertEquals("ReadinessGatesNotReady", pod.readyCondition().reason());
        assertEquals("corresponding condition of pod readiness gate \"" + NEG + "\" does not exist.",
                pod.readyCondition().message());
    }

    @Test
    @DisplayName("a declared gate is set after its delay from ContainersReady; the pod is Ready then, not before")
    void declaredGateSatisfiedAfterDelay() {
        Pod pod = run(List.of(new ReadinessGateController.Gate(NEG,
                new DurationDistribution.Constant(SimTime.seconds(15)))), NEG);
        sim.runUntil(CONTAINERS_READY + SimTime.seconds(14));
        assertTrue(pod.containersReadyCondition().isTrue());
        assertFalse(pod.isReady(), "the load balancer has not seen the target healthy yet");
        sim.runUntil(SimTime.minutes(1));
        assertTrue(pod.isReady());
        assertEquals(CONTAINERS_READY + SimTime.seconds(15), pod.readyCondition().lastTransitionTime());
        assertTrue(pod.condition(NEG).isTrue());
    }

    @Test
    @DisplayName("two gates, one declared: still not Ready, and the message names only the unmet one")
    void everyGateMustBeMet() {
        Pod pod = run(List.of(new ReadinessGateController.Gate(NEG, DurationDistribution.Constant.ZERO)), NEG,
                "example.com/other");
        sim.runUntil(SimTime.minutes(1));
        assertTrue(pod.condition(NEG).isTrue());
        assertFalse(pod.isReady());
        assertEquals("corresponding condition of pod readiness gate \"example.com/other\" does not exist.",
                pod.readyCondition().message());
    }
}
