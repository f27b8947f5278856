package io.kubesim.cluster;

import static io.kubesim.testing.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.IntOrPercent;
import io.kubesim.controllers.DisruptionController;
import io.kubesim.testing.Fixtures;
import io.kubesim.testing.PodStates;
import io.kubesim.testing.TestCluster;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The eviction subresource, rule by rule from k8s-semantics.md 6.2. */
class EvictionTest {
    private final TestCluster c = new TestCluster(1);
    private final Eviction eviction = new Eviction(c.store);
    private final List<Pod> pods = new ArrayList<>();

    EvictionTest() {
        new DisruptionController(c.store, c.events, 0).start();
        ReplicaSet rs = c.store.replicaSets().create(Fixtures.replicaSet("web-1", 3, pod("t").label("app", "web")));
        for (int i = 0; i < 3; i++) {
            Pod p = c.add(pod("web-" + i).label("app", "web").on("n1")
                    .owner(new OwnerReference(ReplicaSet.KIND, rs.name(), rs.metadata().uid())).build());
            pods.add(PodStates.running(c.store, p, "10.0.0." + i, true));
        }
    }

    private PodDisruptionBudget pdb(String name, IntOrPercent min, UnhealthyPodEvictionPolicy policy) {
        PodDisruptionBudget b = c.store.podDisruptionBudgets().create(new PodDisruptionBudget(
                new ObjectMeta("default", name, "uid-" + name), Fixtures.selector("app", "web"), min, null, policy));
        c.runFor(1);
        return b;
    }

    @Test
    @DisplayName("6.2: with no budget the pod is deleted with its grace period and marked EvictionByEvictionAPI")
    void noBudgetDeletes() {
        Pod p = pods.get(0);
        EvictionResult r = eviction.evict(p, null);
        assertTrue(r.evicted());
        assertTrue(p.metadata().isDeleting());
        assertEquals(30, p.metadata().deletionGracePeriodSeconds());
        assertEquals("EvictionByEvictionAPI", p.disruptionTarget().reason());
    }

    @Test
    @DisplayName("6.2: an allowed eviction uses one disruption and records the pod; at 0 the answer is 429 with upstream's text")
    void budgetRefusesWith429() {
        PodDisruptionBudget b = pdb("web-pdb", IntOrPercent.ofInt(2), null);
        assertEquals(1, b.disruptionsAllowed());
        assertTrue(eviction.evict(pods.get(0), 5L).evicted());
        assertEquals(5, pods.get(0).metadata().deletionGracePeriodSeconds(), "the request's grace period overrides");
        assertEquals(0, b.disruptionsAllowed(), "decremented at once, before the controller re-syncs");
        assertTrue(b.disruptedPods().containsKey("web-0"));
        EvictionResult refused = eviction.evict(pods.get(1), null);
        assertEquals(429, refused.code());
        assertEquals("Cannot evict pod as it would violate the pod's disruption budget.", refused.message());
        assertEquals("The disruption budget web-pdb needs 2 healthy pods and has 3 currently", refused.cause(),
                "the eviction changes only disruptionsAllowed and disruptedPods; currentHealthy waits for the controller");
        assertFalse(pods.get(1).metadata().isDeleting());
        c.runFor(1);
        assertEquals(0, b.disruptionsAllowed(), "the controller agrees: 2 healthy, 2 desired");
        assertEquals("The disruption budget web-pdb needs 2 healthy pods and has 2 currently",
                eviction.evict(pods.get(1), null).cause());
    }

    @Test
    @DisplayName("6.2: more than one budget selecting the pod is a 500")
    void twoBudgets() {
        pdb("a", IntOrPercent.ofInt(1), null);
        pdb("b", IntOrPercent.ofInt(1), null);
        EvictionResult r = eviction.evict(pods.get(0), null);
        assertEquals(500, r.code());
        assertTrue(r.message().startsWith("This pod has more than one PodDisruptionBudget"));
        assertFalse(pods.get(0).metadata().isDeleting());
    }

    @Test
    @DisplayName("6.2: Pending, terminal and deleting pods are deleted without a budget check")
    void ignoredPhases() {
        pdb("web-pdb", IntOrPercent.ofInt(3), null);
        Pod pending = c.add(pod("pending").label("app", "web").build());
        assertTrue(eviction.evict(pending, null).evicted());
        assertFalse(c.store.pods().contains(pending), "an unbound pod is removed at once");
        PodStates.terminal(c.store, pods.get(0), PodPhase.SUCCEEDED);
        assertTrue(eviction.evict(pods.get(0), null).evicted());
        c.store.deletePod(pods.get(1), 30L);
        assertTrue(eviction.evict(pods.get(1), 10L).evicted());
        assertEquals(10, pods.get(1).metadata().deletionGracePeriodSeconds());
    }

    @Test
    @DisplayName("6.2: IfHealthyBudget evicts a not-Ready pod only while the budget is met; AlwaysAllow always, without using it")
    void unhealthyPodPolicy() {
        PodDisruptionBudget b = pdb("web-pdb", IntOrPercent.ofInt(3), null);
        PodStates.ready(c.store, pods.get(0), false);
        c.runFor(1);
        assertEquals(2, b.currentHealthy());
        assertEquals(0, b.disruptionsAllowed());
        EvictionResult r = eviction.evict(pods.get(0), null);
        assertEquals(429, r.code(), "IfHealthyBudget: 2 healthy < 3 desired, so the unhealthy pod stays");

        c.store.podDisruptionBudgets().remove(b);
        PodDisruptionBudget always = pdb("web-always", IntOrPercent.ofInt(3), UnhealthyPodEvictionPolicy.ALWAYS_ALLOW);
        assertTrue(eviction.evict(pods.get(0), null).evicted());
        assertEquals(0, always.disruptionsAllowed());
        assertTrue(always.disruptedPods().isEmpty(), "an unhealthy eviction does not use up the budget");
    }

    @Test
    @DisplayName("6.2: IfHealthyBudget lets a not-Ready pod go when currentHealthy >= desiredHealthy > 0")
    void unhealthyPodWithBudgetMet() {
        PodDisruptionBudget b = pdb("web-pdb", IntOrPercent.ofInt(2), null);
        PodStates.ready(c.store, pods.get(0), false);
        c.runFor(1);
        assertEquals(2, b.currentHealthy());
        assertEquals(0, b.disruptionsAllowed());
        assertTrue(eviction.evict(pods.get(0), null).evicted());
        assertTrue(b.disruptedPods().isEmpty());
    }

    @Test
    @DisplayName("6.2: a budget whose status is older than its generation answers 429 (still being processed)")
    void staleStatus() {
        PodDisruptionBudget b = c.store.podDisruptionBudgets().create(new PodDisruptionBudget(
                new ObjectMeta("default", "fresh", "uid-fresh"), Fixtures.selector("app", "web"), IntOrPercent.ofInt(1),
                null, null));
        EvictionResult r = eviction.evict(pods.get(0), null);
        assertEquals(429, r.code());
        assertEquals("The disruption budget fresh is still being processed by the server.", r.cause());
        c.runFor(1);
        assertTrue(eviction.evict(pods.get(0), null).evicted());
        assertEquals(1, b.disruptedPods().size());
    }
}
