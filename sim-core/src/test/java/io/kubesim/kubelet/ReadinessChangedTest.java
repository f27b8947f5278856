package io.kubesim.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Container;
import io.kubesim.api.PodSpec;
import io.kubesim.api.Probe;
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
import io.kubesim.metrics.Counters;
import io.kubesim.metrics.Decision;
import io.kubesim.metrics.DecisionRecorder;
import io.kubesim.metrics.EventRecorder;
import io.kubesim.sim.ClusterBootstrap;
import io.kubesim.sim.NodePool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kubelet's {@code ReadinessChanged} decision: one record each time the pod's Ready condition
 * flips, saying why (k8s-semantics.md 4.1: Ready = every container ready and every readiness gate
 * True; a readiness failure makes the pod not ready without a restart).
 */
class ReadinessChangedTest {
    private final Simulation sim = new Simulation(3);
    private final ClusterStore store = new ClusterStore(sim);
    private final EventRecorder events = new EventRecorder(sim, true);

    private Pod run(Container c, DecisionRecorder decisions) {
        return run(c, decisions, List.of());
    }

    private Pod run(Container c, DecisionRecorder decisions, List<String> readinessGates) {
        new ClusterBootstrap(store).addNodes(new NodePool("n", 1, Resources.of(4000, 8L << 30), 110, Map.of(),
                List.of(), List.of()), 1);
        store.sim().runUntil(0);
        ApplicationModel app = new ApplicationModel(new DurationDistribution.Constant(SimTime.seconds(3)),
                new DurationDistribution.Constant(SimTime.seconds(12)),
                new DurationDistribution.Constant(SimTime.seconds(2)), null, DurationDistribution.Constant.ZERO);
        new Kubelets(store, events, new Counters(), KubeletConfig.DEFAULT, new ApplicationCatalog(store, Map.of(), app),
                ImageRegistry.DEFAULT, decisions).start();
        PodSpec spec = PodSpec.of(List.of(c));
        spec = new PodSpec(spec.containers(), List.of(), spec.nodeSelector(), spec.affinity(), spec.tolerations(),
                spec.topologySpreadConstraints(), "", null, false, 30, "n-1", "", "Always", Resources.NONE, false,
                readinessGates);
        return new PodAdmission(store).create(new Pod(new ObjectMeta("default", "web-1", store.newUid()), spec,
                sim.now()));
    }

    /** The ReadinessChanged decisions (the kubelet records other kinds too, such as Terminating). */
    private static List<Decision> flips(DecisionRecorder decisions) {
        return decisions.decisions().stream().filter(d -> d.kind().equals("ReadinessChanged")).toList();
    }

    private static Container withReadiness() {
        Probe readiness = new Probe("httpGet :8080/ready", 0, 5, 1, 1, 3, null);
        return new Container("web", "img:1", Resources.of(100, 1 << 26), Resources.NONE, List.of(), null,
                readiness, null, null, false);
    }

    @Test
    @DisplayName("the readiness probe's first success makes the pod Ready: one decision at that time, reason and container")
    void readyOnProbeSuccess() {
        DecisionRecorder decisions = new DecisionRecorder(true);
        Pod pod = run(withReadiness(), decisions);
        sim.runUntil(SimTime.minutes(1));
        assertTrue(pod.isReady());
        List<Decision> flips = flips(decisions);
        assertEquals(1, flips.size(), "Ready flipped once; failed probes before it change nothing");
        Decision d = flips.get(0);
        assertEquals("ReadinessChanged", d.kind());
        assertEquals("kubelet", d.source());
        assertEquals("Pod/default/web-1", d.object());
        assertEquals(pod.readyCondition().lastTransitionTime(), d.time());
        assertEquals(true, d.facts().get("ready"));
        assertEquals("readiness probe succeeded", d.facts().get("reason"));
        assertEquals("web", d.facts().get("container"));
        assertEquals(false, d.facts().get("terminating"));
    }

    @Test
    @DisplayName("without a readiness probe the pod is Ready when its container starts")
    void readyOnStart() {
        DecisionRecorder decisions = new DecisionRecorder(true);
        run(Container.of("web", "img:1", Resources.of(100, 1 << 26)), decisions);
        sim.runUntil(SimTime.seconds(30));
        assertEquals(1, flips(decisions).size());
        assertEquals("container started", flips(decisions).get(0).facts().get("reason"));
    }

    @Test
    @DisplayName("a deleted pod stops answering its readiness probe after SIGTERM: Ready False while terminating")
    void notReadyWhileTerminating() {
        DecisionRecorder decisions = new DecisionRecorder(true);
        Pod pod = run(withReadiness(), decisions);
        sim.runUntil(SimTime.minutes(1));
        store.deletePod(pod, null);
        sim.runUntil(SimTime.minutes(2));
        List<Decision> flips = flips(decisions);
        assertEquals(2, flips.size());
        Decision d = flips.get(1);
        assertEquals(false, d.facts().get("ready"));
        assertEquals(true, d.facts().get("terminating"));
        assertTrue(d.time() >= SimTime.minutes(1));
        String reason = (String) d.facts().get("reason");
        assertTrue(reason.equals("readiness probe failed") || reason.equals("container stopped"), reason);
    }

    @Test
    @DisplayName("a readiness gate holds Ready False with ready containers (no flip); its condition turning True flips it")
    void readinessGate() {
        DecisionRecorder decisions = new DecisionRecorder(true);
        Pod pod = run(Container.of("web", "img:1", Resources.of(100, 1 << 26)), decisions,
                List.of("target-health.example.com/web"));
        sim.runUntil(SimTime.seconds(30));
        assertTrue(pod.containersReadyCondition().isTrue());
        assertFalse(pod.isReady());
        assertTrue(flips(decisions).isEmpty(), "Ready never was True, so it did not flip");
        pod.setCondition("target-health.example.com/web", io.kubesim.cluster.ConditionStatus.TRUE, sim.now());
        store.pods().update(pod);
        sim.runUntil(SimTime.seconds(40));
        assertTrue(pod.isReady());
        assertEquals(1, flips(decisions).size());
        Decision d = flips(decisions).get(0);
        assertEquals(true, d.facts().get("ready"));
        assertEquals("readiness gates True", d.facts().get("reason"));
        assertFalse(d.facts().containsKey("container"));
    }

    @Test
    @DisplayName("with decisions off nothing is recorded and Ready still flips")
    void offByDefault() {
        DecisionRecorder decisions = DecisionRecorder.disabled();
        Pod pod = run(withReadiness(), decisions);
        sim.runUntil(SimTime.minutes(1));
        assertTrue(pod.isReady());
        assertFalse(decisions.enabled());
        assertTrue(decisions.decisions().isEmpty());
    }
}
