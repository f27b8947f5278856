package io.kubesim.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Container;
import io.kubesim.api.DeploymentStrategy;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodSpec;
import io.kubesim.api.PodTemplate;
import io.kubesim.api.Probe;
import io.kubesim.api.Resources;
import io.kubesim.cluster.Condition;
import io.kubesim.cluster.Deployment;
import io.kubesim.engine.SimTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Progress deadline and conditions (k8s-semantics.md 2.5). */
class ProgressDeadlineTest {

    private static Manifest.DeploymentManifest neverReady(int deadlineSeconds) {
        // The app never listens, so the readiness probe never passes.
        Probe readiness = new Probe("httpGet :8080/ready", 0, 5, 1, 1, 3, null);
        Container c = new Container("app", "example/stuck:1", Resources.of(100, 1 << 26), Resources.NONE, List.of(),
                null, readiness, null, null, false);
        PodTemplate t = new PodTemplate(Map.of("app", "stuck"), Map.of(), PodSpec.of(List.of(c)));
        return new Manifest.DeploymentManifest("default", "stuck", Map.of(), Map.of(),
                LabelSelector.of(Map.of("app", "stuck")), t, 2, DeploymentStrategy.DEFAULT_ROLLING, 0, 10,
                deadlineSeconds, false, Manifest.Origin.UNKNOWN);
    }

    @Test
    @DisplayName("a Deployment whose pods never become ready is marked ProgressDeadlineExceeded once lastUpdateTime + deadline has passed")
    void timesOut() {
        ControllerHarness h = new ControllerHarness().app(ControllerHarness.startingIn(1_000_000)).start();
        Deployment d = h.create(neverReady(60));
        h.runFor(SimTime.seconds(59));
        Condition p = d.progressingCondition();
        assertEquals("True", p.status().wireName());
        long lastUpdate = p.lastUpdateTime();
        h.runFor(SimTime.minutes(3));
        p = d.progressingCondition();
        assertEquals("ProgressDeadlineExceeded", p.reason());
        assertEquals("False", p.status().wireName());
        assertTrue(p.lastTransitionTime() > lastUpdate + SimTime.seconds(60), "strictly after the deadline");
        assertTrue(p.lastTransitionTime() <= lastUpdate + SimTime.seconds(61));
        assertEquals("MinimumReplicasUnavailable", d.availableCondition().reason());
    }

    @Test
    @DisplayName("a healthy Deployment ends with Progressing=True NewReplicaSetAvailable and Available=True")
    void completes() {
        ControllerHarness h = new ControllerHarness().app(ControllerHarness.startingIn(2)).start();
        Deployment d = h.create(ControllerHarness.deployment("ok", 3, DeploymentStrategy.DEFAULT_ROLLING));
        h.runFor(SimTime.minutes(1));
        assertEquals("NewReplicaSetAvailable", d.progressingCondition().reason());
        assertEquals("MinimumReplicasAvailable", d.availableCondition().reason());
        assertEquals(d.metadata().generation(), d.observedGeneration());
    }

    @Test
    @DisplayName("pausing a stuck rollout stops the deadline: Progressing Unknown DeploymentPaused; resuming starts it "
            + "afresh with DeploymentResumed (sync.go checkPausedConditions)")
    void pauseStopsTheDeadline() {
        ControllerHarness h = new ControllerHarness().app(ControllerHarness.startingIn(1_000_000)).start();
        Deployment d = h.create(neverReady(60));
        h.runFor(SimTime.seconds(30));
        d.setPaused(true);
        h.store.deployments().update(d);
        h.runFor(SimTime.minutes(5));
        assertEquals("DeploymentPaused", d.progressingCondition().reason());
        assertEquals("Unknown", d.progressingCondition().status().wireName());
        assertEquals("Deployment is paused", d.progressingCondition().message());
        d.setPaused(false);
        h.store.deployments().update(d);
        h.runFor(SimTime.seconds(30));
        assertEquals("DeploymentResumed", d.progressingCondition().reason(), "not timed out: the deadline restarted");
        h.runFor(SimTime.minutes(2));
        assertEquals("ProgressDeadlineExceeded", d.progressingCondition().reason());
    }
}
