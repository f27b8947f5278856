package io.kubesim.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.DeploymentStrategy;
import io.kubesim.api.Manifest;
import io.kubesim.cluster.Deployment;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.DeploymentObserver;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Rolling-update invariants from k8s-semantics.md 2.2 (fenceposts) and 2.3 (one sync), checked
 * on the real controllers and kubelets: the pod count never exceeds replicas + surge, the
 * available count never falls below replicas − unavailable, and the rollout finishes.
 */
class RollingUpdateTest {

    private static DeploymentObserver.Stats rollOut(int replicas, DeploymentStrategy strategy) {
        ControllerHarness h = new ControllerHarness().app(ControllerHarness.startingIn(5)).start();
        Deployment d = h.create(ControllerHarness.deployment("web", replicas, strategy));
        h.runFor(SimTime.minutes(2));
        assertEquals(replicas, d.availableReplicas(), "fully available before the rollout");
        h.rollout(d, "example/web:2");
        h.runFor(SimTime.minutes(5));
        DeploymentObserver.Stats s = h.observer.of(d);
        List<DeploymentObserver.Rollout> rollouts = s.rollouts();
        assertEquals(1, rollouts.size());
        assertTrue(rollouts.get(0).end() > rollouts.get(0).start(), "the rollout finished");
        assertEquals(replicas, d.updatedReplicas());
        assertEquals(replicas, d.availableReplicas());
        assertEquals(replicas, h.activePods(d));
        return s;
    }

    @Test
    @DisplayName("10 replicas, 25%/25%: never more than 13 pods nor fewer than 8 available, and both bounds are reached")
    void defaultStrategyBounds() {
        DeploymentObserver.Stats s = rollOut(10, ControllerHarness.rolling("25%", "25%"));
        assertEquals(13, s.maxPodsObserved(), "surge ceil(2.5) = 3 is used, never exceeded");
        assertEquals(8, s.minAvailableObserved(), "unavailable floor(2.5) = 2 is used, never exceeded");
    }

    @Test
    @DisplayName("maxSurge 0, maxUnavailable 1: never more than 10 pods, 9 always available")
    void noSurge() {
        DeploymentObserver.Stats s = rollOut(10, ControllerHarness.rolling("0", "1"));
        assertEquals(10, s.maxPodsObserved());
        assertEquals(9, s.minAvailableObserved());
    }

    @Test
    @DisplayName("3 replicas, 25%/25% resolves to surge 1 / unavailable 0: 4 pods at most, 3 always available")
    void threeReplicas() {
        assertEquals(new Fenceposts(1, 0), Fenceposts.resolve(
                ControllerHarness.rolling("25%", "25%").maxSurge(), ControllerHarness.rolling("25%", "25%").maxUnavailable(), 3));
        DeploymentObserver.Stats s = rollOut(3, ControllerHarness.rolling("25%", "25%"));
        assertEquals(4, s.maxPodsObserved());
        assertEquals(3, s.minAvailableObserved());
    }

    @Test
    @DisplayName("Recreate (2.6): old pods are all gone before any new pod exists, so availability drops to 0")
    void recreate() {
        DeploymentObserver.Stats s = rollOut(4, DeploymentStrategy.RECREATE);
        assertEquals(4, s.maxPodsIncludingTerminating(), "old and new pods never coexist, not even terminating ones");
        assertEquals(0, s.minAvailableObserved());
    }

    @Test
    @DisplayName("minReadySeconds 10 (2.4): a pod counts as available only once it has been Ready for more than 10 s")
    void minReadySeconds() {
        ControllerHarness h = new ControllerHarness().app(ControllerHarness.startingIn(5)).start();
        Manifest.DeploymentManifest base = ControllerHarness.deployment("web", 4, ControllerHarness.rolling("25%", "25%"));
        Deployment d = h.create(new Manifest.DeploymentManifest(base.namespace(), base.name(), base.labels(),
                base.annotations(), base.selector(), base.template(), 4, base.strategy(), 10,
                base.revisionHistoryLimit(), base.progressDeadlineSeconds(), false, base.origin()));
        h.runFor(SimTime.minutes(1));
        long lastReady = h.store.pods().list().stream()
                .mapToLong(p -> p.readyCondition().lastTransitionTime()).max().orElseThrow();
        DeploymentObserver.Stats s = h.observer.of(d);
        assertTrue(s.firstComplete() > lastReady + SimTime.seconds(10),
                "complete only after the last pod has been ready for more than 10 s");
        assertTrue(s.firstComplete() <= lastReady + SimTime.seconds(11),
                "the ReplicaSet re-checks minReadySeconds + 1 s after readiness");
        h.rollout(d, "example/web:2");
        h.runFor(SimTime.minutes(3));
        s = h.observer.of(d);
        assertEquals(5, s.maxPodsObserved(), "surge ceil(1) = 1");
        assertEquals(3, s.minAvailableObserved(), "unavailable floor(1) = 1");
        assertEquals(4, d.availableReplicas());
    }

    @Test
    @DisplayName("the new ReplicaSet gets the next revision and the old one is kept at 0 replicas")
    void revisions() {
        ControllerHarness h = new ControllerHarness().start();
        Deployment d = h.create(ControllerHarness.deployment("web", 2, ControllerHarness.rolling("25%", "25%")));
        h.runFor(SimTime.minutes(1));
        h.rollout(d, "example/web:2");
        h.runFor(SimTime.minutes(2));
        List<ReplicaSet> rss = List.copyOf(h.store.replicaSetsByOwner().get(d.metadata().uid()));
        assertEquals(2, rss.size());
        assertEquals(1, rss.get(0).revision());
        assertEquals(0, rss.get(0).replicas());
        assertEquals(2, rss.get(1).revision());
        assertEquals(2, rss.get(1).replicas());
        assertTrue(h.events.events().stream().anyMatch(e -> e.reason().equals("ScalingReplicaSet")
                && e.message().equals("Scaled down replica set " + rss.get(0).name() + " from 2 to 1")));
    }
}
