package io.kubesim.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.DeploymentStrategy;
import io.kubesim.cluster.Deployment;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.cluster.ResourceQuota;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.ClusterEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the ReplicaSet and Deployment controllers do when ResourceQuota refuses their pods
 * (k8s-semantics.md 15.1, 2.5, 2.8): FailedCreate events with the API server's message, slow
 * start stopping after the first failed batch, ReplicaFailure on the ReplicaSet copied to the
 * Deployment, retries with the controller rate limiter, and ProgressDeadlineExceeded.
 */
class ReplicaSetQuotaTest {
    private static final String QUOTA_MESSAGE = "is forbidden: exceeded quota: pod-count, requested: pods=1, "
            + "used: pods=3, limited: pods=3";

    private final ControllerHarness h = new ControllerHarness().app(ControllerHarness.startingIn(2)).start();
    private final ResourceQuota quota = h.store.resourceQuotas().create(new ResourceQuota(
            new ObjectMeta("default", "pod-count", "uid-quota"), Map.of("pods", 3L), List.of()));

    ReplicaSetQuotaTest() {
        new ResourceQuotaController(h.store).start();
    }

    private List<ClusterEvent> failedCreates() {
        List<ClusterEvent> out = new ArrayList<>();
        for (ClusterEvent e : h.events.events()) {
            if (e.reason().equals("FailedCreate")) {
                out.add(e);
            }
        }
        return out;
    }

    private ReplicaSet replicaSet(Deployment d) {
        return h.store.replicaSetsByOwner().get(d.metadata().uid()).iterator().next();
    }

    @Test
    @DisplayName("15.1/2.8: one sync of 5 replicas under pods=3: batches 1 and 2 succeed, the batch of 2 fails twice")
    void slowStartStopsAfterTheFailedBatch() {
        // The controller alone, one reconcile: nothing else triggers a second sync.
        io.kubesim.testing.TestCluster c = new io.kubesim.testing.TestCluster(3);
        c.store.resourceQuotas().create(new ResourceQuota(new ObjectMeta("default", "pod-count", "uid-quota"),
                Map.of("pods", 3L), List.of()));
        ReplicaSetController controller = new ReplicaSetController(c.store, c.events, 0);
        ReplicaSet rs = c.store.replicaSets().create(io.kubesim.testing.Fixtures.replicaSet("web-5d8f7", 5,
                io.kubesim.testing.Fixtures.pod("t").label("app", "web").cpu("100m")));
        controller.reconcile(rs.metadata().key());
        List<String> reasons = new ArrayList<>();
        for (ClusterEvent e : c.events.events()) {
            reasons.add(e.reason());
        }
        assertEquals(List.of("SuccessfulCreate", "SuccessfulCreate", "SuccessfulCreate", "FailedCreate",
                "FailedCreate"), reasons, "batches of 1 and 2, then a batch of 2 tried in full, then no further batch");
        for (ClusterEvent e : c.events.events()) {
            if (e.reason().equals("FailedCreate")) {
                assertEquals("Warning", e.type());
                assertTrue(e.message().matches("Error creating: pods \"web-5d8f7-[a-z0-9]{5}\" "
                        + QUOTA_MESSAGE), e.message());
            }
        }
        assertEquals(3, c.store.pods().size());
        assertEquals("FailedCreate", rs.replicaFailureCondition().reason());
    }

    @Test
    @DisplayName("2.5/15.1: ReplicaFailure=True FailedCreate on the ReplicaSet, copied to the Deployment")
    void replicaFailureIsCopied() {
        Deployment d = h.create(ControllerHarness.deployment("web", 5, DeploymentStrategy.DEFAULT_ROLLING));
        h.runFor(SimTime.seconds(10));
        ReplicaSet rs = replicaSet(d);
        assertNotNull(rs.replicaFailureCondition());
        assertEquals("FailedCreate", rs.replicaFailureCondition().reason());
        assertTrue(rs.replicaFailureCondition().message().startsWith("pods \"web-"));
        assertTrue(rs.replicaFailureCondition().message().endsWith(QUOTA_MESSAGE));
        assertNotNull(d.replicaFailureCondition());
        assertEquals("FailedCreate", d.replicaFailureCondition().reason());
        assertEquals(rs.replicaFailureCondition().message(), d.replicaFailureCondition().message());
    }

    @Test
    @DisplayName("15.1: the controller keeps retrying with a doubling back-off and the rollout hits its 600 s deadline")
    void retriesBackOffAndTheDeadlinePasses() {
        Deployment d = h.create(ControllerHarness.deployment("web", 5, DeploymentStrategy.DEFAULT_ROLLING));
        h.runFor(SimTime.minutes(12));
        List<Long> times = new ArrayList<>();
        for (ClusterEvent e : failedCreates()) {
            if (e.time() > SimTime.seconds(30)) {
                times.add(e.time());
            }
        }
        assertTrue(times.size() >= 3, "still retrying after the pods settled: " + times);
        for (int i = 2; i < times.size(); i++) {
            long gap = times.get(i) - times.get(i - 1);
            long before = times.get(i - 1) - times.get(i - 2);
            assertEquals(2 * before, gap, 2, "each retry waits twice as long (5 ms x 2^n): " + times);
        }
        assertTrue(failedCreates().size() < 40, "exponential, not a hot loop: " + failedCreates().size());
        assertEquals("ProgressDeadlineExceeded", d.progressingCondition().reason());
        assertEquals(3, d.readyReplicas());
    }

    @Test
    @DisplayName("15.1: a deleted pod counts until it is gone; then its quota is freed and the ReplicaSet creates")
    void freedQuotaLetsTheReplicaSetCreate() {
        Deployment d = h.create(ControllerHarness.deployment("web", 3, DeploymentStrategy.DEFAULT_ROLLING));
        h.runFor(SimTime.seconds(30));
        assertEquals(3, d.readyReplicas());
        assertTrue(failedCreates().isEmpty());
        Pod victim = h.store.podsByOwner().get(replicaSet(d).metadata().uid()).iterator().next();
        int[] eventsAtRemoval = {-1};
        h.store.pods().observe((type, p) -> {
            if (p == victim && type == io.kubesim.cluster.WatchEventType.DELETED) {
                eventsAtRemoval[0] = h.events.events().size();
            }
        });
        int before = h.events.events().size();
        h.store.deletePod(victim, null);
        h.runFor(SimTime.seconds(60));
        assertTrue(eventsAtRemoval[0] >= 0, "the old pod is gone");
        List<String> after = new ArrayList<>();
        for (ClusterEvent e : h.events.events().subList(before, h.events.events().size())) {
            if (e.object().startsWith("ReplicaSet/")) {
                after.add(e.reason());
            }
        }
        assertEquals(List.of("FailedCreate", "FailedCreate", "SuccessfulCreate"), after,
                "refused while the old pod terminates (its sync, then the one its ReplicaFailure status triggers), "
                        + "created once it is gone");
        int created = h.events.events().size() - 1;
        while (!h.events.events().get(created).reason().equals("SuccessfulCreate")) {
            created--;
        }
        assertTrue(eventsAtRemoval[0] <= created, "the create follows the removal");
        assertEquals(3, h.activePods(d));
        assertEquals(3, d.readyReplicas());
        assertNull(replicaSet(d).replicaFailureCondition(), "removed after a sync without error");
        assertNull(d.replicaFailureCondition());
        assertEquals(3L, quota.used().get("pods"));
        assertEquals(3L, quota.maxUsed().get("pods"));
    }

    @Test
    @DisplayName("15.2: a pod template that breaks a LimitRange is refused as a FailedCreate too, with the aggregated "
            + "message, and no pod is created")
    void limitRangeRefusalIsAFailedCreate() {
        h.store.limitRanges().create(new io.kubesim.cluster.LimitRange(new ObjectMeta("default", "small", "uid-lr"),
                List.of(new io.kubesim.api.LimitRangeItem(io.kubesim.api.LimitRangeItem.CONTAINER,
                        io.kubesim.api.Resources.builder().cpuMillis(200).build(),
                        io.kubesim.api.Resources.builder().memoryBytes(32L << 20).build(), null, null, Map.of()))));
        Deployment d = h.create(ControllerHarness.deployment("web", 2, DeploymentStrategy.DEFAULT_ROLLING));
        h.runFor(SimTime.seconds(5));
        assertEquals(0, h.activePods(d));
        List<ClusterEvent> failed = failedCreates();
        assertTrue(!failed.isEmpty());
        // The template requests cpu 100m and memory 64Mi, with no limits.
        assertTrue(failed.get(0).message().matches("Error creating: pods \"web-[a-z0-9]+-[a-z0-9]{5}\" is forbidden: "
                + "\\[minimum cpu usage per Container is 200m, but request is 100m\\., maximum memory usage per "
                + "Container is 32Mi\\.  No limit is specified\\.\\]"), failed.get(0).message());
        assertEquals("FailedCreate", d.replicaFailureCondition().reason());
    }

    @Test
    @DisplayName("15.1: a Failed pod stops counting in pods and requests at once, but stays in count/pods (every pod "
            + "in storage) until it is deleted")
    void aTerminalPodKeepsCountingInCountPodsUntilDeleted() {
        ResourceQuota objects = h.store.resourceQuotas().create(new ResourceQuota(
                new ObjectMeta("default", "objects", "uid-objects"), Map.of("pods", 5L, "count/pods", 5L), List.of()));
        Deployment d = h.create(ControllerHarness.deployment("web", 1, DeploymentStrategy.DEFAULT_ROLLING));
        h.runFor(SimTime.seconds(30));
        Pod evicted = h.store.podsByOwner().get(replicaSet(d).metadata().uid()).iterator().next();
        evicted.setPhase(io.kubesim.cluster.PodPhase.FAILED);
        h.store.pods().update(evicted);
        h.runFor(SimTime.seconds(30));
        assertEquals(1, h.activePods(d), "the ReplicaSet replaced the Failed pod");
        assertEquals(Map.of("count/pods", 2L, "pods", 1L), objects.used(),
                "pods tracks pods not yet terminal; count/pods every pod in storage (pkg/quota/v1/evaluator/core/pods.go)");
        h.store.pods().remove(evicted);
        h.runFor(SimTime.seconds(1));
        assertEquals(Map.of("count/pods", 1L, "pods", 1L), objects.used());
    }

    @Test
    @DisplayName("15.1: object counts follow the Deployments, ReplicaSets and Services created and deleted (tracked)")
    void objectCountsAreTracked() {
        ResourceQuota counts = h.store.resourceQuotas().create(new ResourceQuota(
                new ObjectMeta("default", "objects", "uid-objects"),
                Map.of("count/deployments.apps", 5L, "count/replicasets.apps", 5L, "count/services", 5L), List.of()));
        Deployment d = h.create(ControllerHarness.deployment("web", 1, DeploymentStrategy.DEFAULT_ROLLING));
        h.store.services().create(io.kubesim.testing.Fixtures.service("web", "app", "web"));
        h.runFor(SimTime.seconds(5));
        assertEquals(Map.of("count/deployments.apps", 1L, "count/replicasets.apps", 1L, "count/services", 1L),
                counts.used());
        h.store.deployments().remove(d);
        assertEquals(0L, counts.used().get("count/deployments.apps"));
        assertEquals(1L, counts.maxUsed().get("count/deployments.apps"));
    }

    @Test
    @DisplayName("15.1: a rollout whose new ReplicaSet a count/replicasets.apps quota refuses: ReplicaSetCreateError, "
            + "Progressing=False, the old pods keep serving")
    void replicaSetCountQuotaBlocksARollout() {
        h.store.resourceQuotas().create(new ResourceQuota(new ObjectMeta("default", "rs-count", "uid-rs"),
                Map.of("count/replicasets.apps", 1L), List.of()));
        Deployment d = h.create(ControllerHarness.deployment("web", 2, DeploymentStrategy.DEFAULT_ROLLING));
        h.runFor(SimTime.seconds(30));
        assertEquals(2, d.availableReplicas());
        h.rollout(d, "example/web:2");
        h.runFor(SimTime.minutes(30));
        List<ClusterEvent> errors = new ArrayList<>();
        for (ClusterEvent e : h.events.events()) {
            if (e.reason().equals("ReplicaSetCreateError")) {
                errors.add(e);
            }
        }
        assertTrue(!errors.isEmpty());
        assertTrue(errors.size() <= DeploymentController.MAX_RETRIES + 1, "dropped after maxRetries: " + errors.size());
        String m = errors.get(0).message();
        assertEquals("Warning", errors.get(0).type());
        assertTrue(m.matches("Failed to create new replica set \"(web-[a-z0-9]+)\": replicasets.apps \"\\1\" is "
                + "forbidden: exceeded quota: rs-count, requested: count/replicasets.apps=1, used: "
                + "count/replicasets.apps=1, limited: count/replicasets.apps=1"), m);
        assertEquals("ReplicaSetCreateError", d.progressingCondition().reason());
        assertEquals("False", d.progressingCondition().status().wireName());
        assertEquals(1, h.store.replicaSets().size());
        assertEquals(2, d.availableReplicas(), "the old ReplicaSet keeps its pods");
    }
}
