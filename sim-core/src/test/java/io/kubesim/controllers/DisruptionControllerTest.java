package io.kubesim.controllers;

import static io.kubesim.testing.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.IntOrPercent;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodDisruptionBudget;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.cluster.UnhealthyPodEvictionPolicy;
import io.kubesim.engine.SimTime;
import io.kubesim.testing.Fixtures;
import io.kubesim.testing.PodStates;
import io.kubesim.testing.TestCluster;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The disruption controller's status arithmetic, rule by rule from k8s-semantics.md 6.1. */
class DisruptionControllerTest {
    private final TestCluster c = new TestCluster(1);
    private final DisruptionController controller;

    DisruptionControllerTest() {
        controller = new DisruptionController(c.store, c.events, 0).verifyCounts(true);
        controller.start();
    }

    private ReplicaSet replicaSet(String name, int replicas) {
        return c.store.replicaSets().create(Fixtures.replicaSet(name, replicas, pod("t").label("app", "web")));
    }

    private Pod readyPod(String name, ReplicaSet owner) {
        var b = pod(name).label("app", "web").on("n1");
        if (owner != null) {
            b.owner(new OwnerReference(ReplicaSet.KIND, owner.name(), owner.metadata().uid()));
        }
        Pod p = c.add(b.build());
        return PodStates.running(c.store, p, "10.0.0." + c.store.pods().size(), true);
    }

    private PodDisruptionBudget pdb(IntOrPercent min, IntOrPercent max) {
        return c.store.podDisruptionBudgets().create(new PodDisruptionBudget(new ObjectMeta("default", "web",
                "uid-pdb"), Fixtures.selector("app", "web"), min, max, UnhealthyPodEvictionPolicy.IF_HEALTHY_BUDGET));
    }

    @Test
    @DisplayName("6.1: maxUnavailable 30 % of a ReplicaSet with 7 replicas rounds up to 3, so desiredHealthy is 4")
    void maxUnavailablePercentRoundsUp() {
        ReplicaSet rs = replicaSet("web-1", 7);
        for (int i = 0; i < 7; i++) {
            readyPod("web-" + i, rs);
        }
        PodDisruptionBudget b = pdb(null, IntOrPercent.ofPercent(30));
        c.runFor(1);
        assertEquals(7, b.expectedPods());
        assertEquals(4, b.desiredHealthy());
        assertEquals(7, b.currentHealthy());
        assertEquals(3, b.disruptionsAllowed());
        assertEquals("SufficientPods", b.allowedReason());
        assertEquals(b.metadata().generation(), b.observedGeneration());
    }

    @Test
    @DisplayName("6.1: 3 replicas at 34 % plus one ready unmanaged pod: desired 2, healthy 4, allowed 2, and a warning")
    void unmanagedPodCountsHealthyButNotExpected() {
        ReplicaSet rs = replicaSet("web-1", 3);
        for (int i = 0; i < 3; i++) {
            readyPod("web-" + i, rs);
        }
        readyPod("rogue", null);
        PodDisruptionBudget b = pdb(IntOrPercent.ofPercent(34), null);
        c.runFor(1);
        assertEquals(3, b.expectedPods(), "the rogue pod is skipped for expected");
        assertEquals(2, b.desiredHealthy(), "ceil(0.34 * 3) = 2");
        assertEquals(4, b.currentHealthy(), "the rogue pod still counts as healthy");
        assertEquals(2, b.disruptionsAllowed());
        assertEquals(1, c.events("UnmanagedPods").size(), "one warning while the cause lasts");
    }

    @Test
    @DisplayName("6.1: no pod expected (only unmanaged pods under maxUnavailable) allows no disruption")
    void nothingExpectedAllowsNothing() {
        readyPod("a", null);
        readyPod("b", null);
        PodDisruptionBudget b = pdb(null, IntOrPercent.ofInt(1));
        c.runFor(1);
        assertEquals(0, b.expectedPods());
        assertEquals(2, b.currentHealthy());
        assertEquals(0, b.disruptionsAllowed(), "expected <= 0 gives 0, whatever the healthy count");
        assertEquals("InsufficientPods", b.allowedReason());
    }

    @Test
    @DisplayName("6.1: an integer minAvailable counts the selected pods as expected and follows scale changes")
    void integerMinAvailable() {
        ReplicaSet rs = replicaSet("web-1", 3);
        Pod p0 = readyPod("web-0", rs);
        readyPod("web-1", rs);
        readyPod("web-2", rs);
        PodDisruptionBudget b = pdb(IntOrPercent.ofInt(2), null);
        c.runFor(1);
        assertEquals(3, b.expectedPods());
        assertEquals(1, b.disruptionsAllowed());
        PodStates.ready(c.store, p0, false);
        c.runFor(1);
        assertEquals(2, b.currentHealthy(), "a not-Ready pod is not healthy");
        assertEquals(0, b.disruptionsAllowed());
        c.store.deletePod(p0, 30L);
        c.runFor(1);
        assertEquals(2, b.currentHealthy(), "a deleting pod is not healthy");
    }

    @Test
    @DisplayName("6.1: a disruptedPods entry keeps its pod out of currentHealthy for DeletionTimeout (2 min), then drops")
    void disruptedPodsExpire() {
        ReplicaSet rs = replicaSet("web-1", 3);
        Pod p0 = readyPod("web-0", rs);
        readyPod("web-1", rs);
        readyPod("web-2", rs);
        PodDisruptionBudget b = pdb(null, IntOrPercent.ofInt(1));
        c.runFor(1);
        assertEquals(1, b.disruptionsAllowed());
        b.recordDisruption(p0.name(), c.sim.now());
        c.store.podDisruptionBudgets().update(b);
        c.runFor(1);
        assertEquals(2, b.currentHealthy());
        assertTrue(b.disruptedPods().containsKey("web-0"));
        c.runFor(DisruptionController.DELETION_TIMEOUT - SimTime.seconds(1));
        assertTrue(b.disruptedPods().containsKey("web-0"), "still within the timeout");
        c.runFor(SimTime.seconds(2));
        assertTrue(b.disruptedPods().isEmpty(), "dropped after DeletionTimeout without a deletion");
        assertEquals(3, b.currentHealthy());
        assertEquals(1, b.disruptionsAllowed());
    }

    @Test
    @DisplayName("6.1: expected follows the ReplicaSet's scale, not the number of pods")
    void expectedFollowsScale() {
        ReplicaSet rs = replicaSet("web-1", 5);
        readyPod("web-0", rs);
        readyPod("web-1", rs);
        PodDisruptionBudget b = pdb(IntOrPercent.ofPercent(50), null);
        c.runFor(1);
        assertEquals(5, b.expectedPods());
        assertEquals(3, b.desiredHealthy(), "ceil(2.5)");
        assertEquals(0, b.disruptionsAllowed());
        rs.setReplicas(2);
        c.store.replicaSets().update(rs);
        c.runFor(1);
        assertEquals(2, b.expectedPods(), "a scale change re-syncs the budget");
        assertEquals(1, b.desiredHealthy());
        assertEquals(1, b.disruptionsAllowed());
    }

    @Test
    @DisplayName("6.1: a Deployment's scale change re-syncs the budgets of the pods of its ReplicaSets, and only those")
    void deploymentScaleResyncsItsBudgetsOnly() {
        io.kubesim.cluster.Deployment d = c.store.deployments().create(
                Fixtures.deployment("web", 4, pod("t").label("app", "web")));
        ReplicaSet rs = replicaSet("web-1", 4);
        rs.metadata().setOwner(new OwnerReference(io.kubesim.cluster.Deployment.KIND, d.name(), d.metadata().uid()));
        c.store.replicaSets().update(rs);
        readyPod("web-0", rs);
        readyPod("web-1", rs);
        PodDisruptionBudget b = pdb(IntOrPercent.ofPercent(50), null);
        PodDisruptionBudget other = c.store.podDisruptionBudgets().create(new PodDisruptionBudget(
                new ObjectMeta("default", "api", "uid-pdb-api"), Fixtures.selector("app", "api"), IntOrPercent.ofInt(1),
                null, UnhealthyPodEvictionPolicy.IF_HEALTHY_BUDGET));
        c.runFor(1);
        assertEquals(4, b.expectedPods(), "the Deployment's replicas, not the ReplicaSet's or the pod count");
        assertEquals(0, b.disruptionsAllowed());
        long otherVersion = other.metadata().resourceVersion();
        long before = c.sim.eventsProcessed();

        d.setReplicas(2);
        c.store.deployments().update(d);
        c.runFor(1);
        assertEquals(2, b.expectedPods(), "the Deployment's scale change re-synced the budget");
        assertEquals(1, b.desiredHealthy());
        assertEquals(1, b.disruptionsAllowed());
        assertEquals(otherVersion, other.metadata().resourceVersion(), "a budget selecting none of its pods is untouched");
        assertEquals(4, c.sim.eventsProcessed() - before, "the Deployment's watch, web's budget synced, the watch of"
                + " its status write and the sync that follows it; no sync of the api budget (that would be a fifth)");
    }

    @Test
    @DisplayName("a budget's status write keeps every budget's kept counts; a budget created or removed counts them afresh")
    void statusWritesKeepTheCounts() {
        for (int i = 0; i < 200; i++) {
            c.store.podDisruptionBudgets().create(new PodDisruptionBudget(new ObjectMeta("default", "b" + i,
                    "uid-b" + i), Fixtures.selector("app", "web"), IntOrPercent.ofInt(1), null,
                    UnhealthyPodEvictionPolicy.IF_HEALTHY_BUDGET));
        }
        c.runFor(1); // as a manifest's budgets are: created, synced and written before their pods exist
        ReplicaSet rs = replicaSet("web-1", 3);
        for (int i = 0; i < 3; i++) {
            readyPod("web-" + i, rs);
        }
        c.runFor(1);
        PodDisruptionBudget b7 = c.store.podDisruptionBudgets().get("default", "b7");
        assertEquals(3, b7.currentHealthy());
        assertEquals(2, b7.disruptionsAllowed());
        assertEquals(1, controller.recounts(), "200 budgets synced twice and their statuses written: one count of "
                + "all, not one per status write (each a walk over every budget's pods)");

        c.store.podDisruptionBudgets().remove(b7);
        c.store.podDisruptionBudgets().create(new PodDisruptionBudget(new ObjectMeta("default", "b7", "uid-b7-2"),
                Fixtures.selector("app", "api"), IntOrPercent.ofInt(1), null, UnhealthyPodEvictionPolicy.IF_HEALTHY_BUDGET));
        c.runFor(1);
        assertEquals(2, controller.recounts(), "b7 replaced by a budget selecting other pods");
        assertEquals(0, c.store.podDisruptionBudgets().get("default", "b7").currentHealthy());
        assertEquals(3, c.store.podDisruptionBudgets().get("default", "b8").currentHealthy());
    }
}
