package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.cluster.Deployment;
import io.kubesim.cluster.Pod;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.ClusterEvent;
import io.kubesim.metrics.EventSpamFilter;
import io.kubesim.scenarios.Diagnostic;
import io.kubesim.scenarios.Loaded;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.SimulationSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files the API server accepts but that name what kubesim does not simulate still run: an HPA on a
 * StatefulSet or on a Deployment not in the input reports FailedGetScale and scales nothing; a
 * readiness gate declared in the scenario is set after its delay, one not declared never is.
 */
class UnsimulatedRunTest {
    private static final String WEB = ScenarioInputErrorsTest.WEB.replace("spec:\n  selector",
            "spec:\n  replicas: 2\n  selector");

    private static final String HPAS = """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: db}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: db}
              maxReplicas: 5
            ---
            apiVersion: autoscaling/v1
            kind: HorizontalPodAutoscaler
            metadata: {name: cart}
            spec:
              scaleTargetRef: {apiVersion: apps/v1beta1, kind: Deployment, name: cart}
              maxReplicas: 10
            """;

    @TempDir
    Path dir;

    private Loaded<SimulationSpec> load(String manifests, String extra) throws Exception {
        Files.writeString(dir.resolve("web.yaml"), manifests);
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, ScenarioInputErrorsTest.BASE.replace("duration: 10m", "duration: 30m" + extra)
                .replace("timeline:\n  - at: 1m\n    scale: {deployment: web, replicas: 2}\n", ""));
        return ScenarioLoader.load(file);
    }

    private static ClusterSimulation run(SimulationSpec spec) {
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(spec.duration());
        return sim;
    }

    @Test
    void hpasWithoutAScaleReportFailedGetScaleAtTheirSyncsThrottledAsClientGoDoes() throws Exception {
        Loaded<SimulationSpec> loaded = load(WEB + "---\n" + HPAS, "");
        assertEquals(2, loaded.warnings().size(), loaded.warnings().stream().map(Diagnostic::format).toList().toString());
        ClusterSimulation sim = run(loaded.value());
        List<ClusterEvent> db = sim.events().events().stream()
                .filter(e -> e.object().equals("HorizontalPodAutoscaler/default/db")).toList();
        List<ClusterEvent> cart = sim.events().events().stream()
                .filter(e -> e.object().equals("HorizontalPodAutoscaler/default/cart")).toList();
        assertEquals("statefulsets.apps \"db\" not found", db.get(0).message());
        assertEquals("deployments.apps \"cart\" not found", cart.get(0).message());
        assertTrue(db.stream().allMatch(e -> e.warning() && e.reason().equals("FailedGetScale")));
        long sync = loaded.value().hpa().syncPeriod();
        assertEquals(sync, db.get(0).time(), "the first sync");
        for (int i = 1; i < EventSpamFilter.BURST; i++) {
            assertEquals(sync, db.get(i).time() - db.get(i - 1).time(), "the burst: one event per sync");
        }
        long syncs = loaded.value().duration() / sync;
        assertTrue(db.size() < syncs / 2, db.size() + " events for " + syncs + " syncs: the spam filter holds the rest");
        assertEquals(SimTime.minutes(5), db.get(db.size() - 1).time() - db.get(db.size() - 2).time(),
                "after the burst, one per 5 minutes");
        Deployment web = sim.store().deployments().get("default", "web");
        assertEquals(2, web.replicas(), "the HPAs touch nothing");
        assertEquals(0, sim.events().count("SuccessfulRescale"));
    }

    @Test
    void aDeclaredGateIsSetAfterItsDelayAndItsWarningIsDropped() throws Exception {
        String gated = ScenarioInputErrorsTest.WEB.replace("spec: {containers:",
                "spec: {readinessGates: [{conditionType: example.com/lb-ready}], containers:");
        Loaded<SimulationSpec> loaded = load(gated, "\nreadinessGates:\n  example.com/lb-ready: {delay: 20s}");
        assertEquals(List.of(), loaded.warnings());
        ClusterSimulation sim = run(loaded.value());
        Pod pod = sim.store().pods().list().iterator().next();
        assertTrue(pod.isReady());
        assertEquals(SimTime.seconds(20), pod.readyCondition().lastTransitionTime()
                - pod.containersReadyCondition().lastTransitionTime());
    }

    @Test
    void aDeclaredGateNoPodHasIsAWarning() throws Exception {
        Loaded<SimulationSpec> loaded = load(ScenarioInputErrorsTest.WEB, "\nreadinessGates:\n  example.com/lb-redy: {delay: 20s}");
        assertEquals(List.of("no pod in the manifests has the readiness gate \"example.com/lb-redy\"; this entry changes "
                + "nothing"), loaded.warnings().stream().map(Diagnostic::message).toList());
    }

    @Test
    void anUndeclaredGateKeepsThePodsUnreadyAndTheWarningStays() throws Exception {
        String gated = ScenarioInputErrorsTest.WEB.replace("spec: {containers:",
                "spec: {readinessGates: [{conditionType: example.com/lb-ready}], containers:");
        Loaded<SimulationSpec> loaded = load(gated, "");
        assertEquals(1, loaded.warnings().size());
        assertTrue(loaded.warnings().get(0).message().startsWith("readiness gate \"example.com/lb-ready\""));
        ClusterSimulation sim = run(loaded.value());
        Pod pod = sim.store().pods().list().iterator().next();
        assertTrue(pod.containersReadyCondition().isTrue());
        assertFalse(pod.isReady());
        assertEquals("ReadinessGatesNotReady", pod.readyCondition().reason());
        Deployment web = sim.store().deployments().get("default", "web");
        assertEquals(0, web.availableReplicas(), "counted unavailable");
        assertEquals(1, web.unavailableReplicas());
    }
}
