package io.kubesim.controllers;

import static io.kubesim.testing.Fixtures.node;
import static io.kubesim.testing.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.IntOrPercent;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Requirement;
import io.kubesim.api.SelectorOperator;
import io.kubesim.cluster.Deployment;
import io.kubesim.cluster.Eviction;
import io.kubesim.cluster.EvictionResult;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The disruption controller's status (k8s-semantics.md 6.1: expected pods from the controllers'
 * scales, desired and current healthy, disruptedPods kept for DeletionTimeout) comes from counts
 * kept at each pod write, not from a walk over every selected pod at each sync. Every sync here
 * also walks the pods and fails unless both agree, as does every lookup of a controller's budgets.
 */
class DisruptionBudgetKeptCountsTest {
    private static final Fixtures.PodBuilder TEMPLATE = pod("t").label("app", "web");

    @Test
    @DisplayName("on 200 random churning clusters, every sync's kept counts equal a walk over the selected pods")
    void keptCountsEqualWalk() {
        int evicted = 0;
        int withUnmanaged = 0;
        int undeleted = 0;
        for (long seed = 1; seed <= 200; seed++) {
            Random rnd = new Random(seed);
            TestCluster c = new TestCluster(seed);
            c.add(node("n-0").cpu("64").memory("256Gi").maxPods(1000).build());
            new DisruptionController(c.store, c.events, 0).verifyCounts(true).start();
            World w = new World(c, rnd);
            for (int step = 0; step < 200; step++) {
                int at = step;
                c.sim.schedule(SimTime.millis(250) * rnd.nextInt(400), () -> w.write(at));
            }
            c.runFor(SimTime.minutes(4)); // past DeletionTimeout: entries expire
            for (PodDisruptionBudget b : c.store.podDisruptionBudgets().list()) {
                c.store.podDisruptionBudgets().update(b); // one more sync of each (a pod relabelled away queues none)
            }
            c.runFor(SimTime.millis(1));
            for (PodDisruptionBudget b : c.store.podDisruptionBudgets().list()) {
                assertEquals(walkedHealthy(c, b), b.currentHealthy(), "seed " + seed + " " + b.name());
            }
            evicted += w.evicted;
            undeleted += w.undeleted;
            withUnmanaged += c.events("UnmanagedPods").isEmpty() ? 0 : 1;
        }
        // the clusters must exercise what is compared: disruptions recorded, unmanaged pods seen
        assertTrue(evicted > 200, "evictions allowed " + evicted);
        assertTrue(withUnmanaged > 20, "clusters with unmanaged pods " + withUnmanaged);
        assertTrue(undeleted > 200, "disruptions without a deletion " + undeleted);
    }

    private static int walkedHealthy(TestCluster c, PodDisruptionBudget b) {
        List<Pod> pods = new ArrayList<>();
        for (Pod p : c.store.pods().list()) {
            if (b.selects(p)) {
                pods.add(p);
            }
        }
        Map<String, Long> kept = new LinkedHashMap<>();
        DisruptionBudgetStatus.keptDisruptions(b, pods, c.sim.now(), DisruptionController.DELETION_TIMEOUT, kept);
        return DisruptionBudgetStatus.currentHealthy(pods, kept);
    }

    /** A Deployment-owned ReplicaSet, a standalone one, pods of either or none, and two budgets over them. */
    private static final class World {
        final TestCluster c;
        final Random rnd;
        final Deployment deployment;
        final List<ReplicaSet> sets = new ArrayList<>();
        int pods;
        int budgets;
        int evicted;
        int undeleted;

        World(TestCluster c, Random rnd) {
            this.c = c;
            this.rnd = rnd;
            deployment = c.store.deployments().create(Fixtures.deployment("web", 3, TEMPLATE));
            ReplicaSet owned = Fixtures.replicaSet("web-1", 3, TEMPLATE);
            owned.metadata().setOwner(new OwnerReference(Deployment.KIND, "web", deployment.metadata().uid()));
            sets.add(c.store.replicaSets().create(owned));
            sets.add(c.store.replicaSets().create(Fixtures.replicaSet("solo", 2, TEMPLATE)));
            for (int i = 0; i < 6; i++) {
                addPod();
            }
            addBudget();
            addBudget();
        }

        void addPod() {
            Fixtures.PodBuilder b = pod("p-" + pods++).label("app", rnd.nextInt(4) == 0 ? "other" : "web")
                    .label("tier", rnd.nextBoolean() ? "front" : "back").on("n-0");
            int owner = rnd.nextInt(4);
            if (owner < sets.size()) {
                ReplicaSet rs = sets.get(owner);
                b.owner(new OwnerReference(ReplicaSet.KIND, rs.name(), rs.metadata().uid()));
            }
            Pod p = c.add(b.build());
            if (rnd.nextBoolean()) {
                PodStates.running(c.store, p, "10.0.0." + pods % 250, rnd.nextBoolean());
            }
        }

        void addBudget() {
            LabelSelector selector = switch (rnd.nextInt(4)) {
                case 0 -> Fixtures.selector("app", "web");
                case 1 -> Fixtures.selector("app", "web", "tier", "front");
                case 2 -> new LabelSelector(Map.of(), List.of(new Requirement("tier", SelectorOperator.IN,
                        List.of("front", "back"))));
                default -> rnd.nextInt(4) == 0 ? null : Fixtures.selector("tier", "back");
            };
            IntOrPercent value = rnd.nextBoolean() ? IntOrPercent.ofInt(rnd.nextInt(3)) : IntOrPercent.ofPercent(rnd.nextInt(60));
            boolean min = rnd.nextBoolean();
            c.store.podDisruptionBudgets().create(new PodDisruptionBudget(new ObjectMeta("default", "b-" + budgets,
                    "uid-b-" + budgets++), selector, min ? value : null, min ? null : value,
                    UnhealthyPodEvictionPolicy.IF_HEALTHY_BUDGET));
        }

        /** One random write: a pod changed, evicted, added, relabelled, adopted or orphaned; a controller scaled; a budget replaced. */
        void write(int step) {
            List<Pod> all = new ArrayList<>(c.store.pods().list());
            Pod p = all.isEmpty() ? null : all.get(rnd.nextInt(all.size()));
            int action = rnd.nextInt(12);
            if (action < 4 && p != null) {
                if (action == 0) {
                    PodStates.running(c.store, p, "10.0.1." + step % 250, rnd.nextBoolean());
                } else {
                    PodStates.lifecycleStep(c.store, p, action, rnd);
                }
            } else if (action == 4 && p != null && rnd.nextBoolean()) {
                EvictionResult r = new Eviction(c.store).evict(p, null);
                evicted += r.evicted() ? 1 : 0;
            } else if (action == 4 && p != null) {
                // an eviction whose deletion never came: the entry keeps a live, perhaps Ready pod
                // out of currentHealthy until DeletionTimeout
                for (PodDisruptionBudget b : c.store.podDisruptionBudgets().list()) {
                    if (b.selects(p) && c.store.pods().contains(p)) {
                        b.recordDisruption(p.name(), c.sim.now());
                        c.store.podDisruptionBudgets().update(b);
                        undeleted++;
                    }
                }
            } else if (action == 5) {
                addPod();
            } else if (action == 6 && p != null) {
                PodStates.labels(c.store, p, Map.of("app", rnd.nextBoolean() ? "web" : "other",
                        "tier", rnd.nextBoolean() ? "front" : "back"));
            } else if (action == 7 && p != null) {
                ReplicaSet rs = sets.get(rnd.nextInt(sets.size()));
                p.metadata().setOwner(rnd.nextBoolean() ? null : new OwnerReference(ReplicaSet.KIND, rs.name(),
                        rs.metadata().uid()));
                c.store.pods().update(p);
            } else if (action == 8) {
                ReplicaSet rs = sets.get(rnd.nextInt(sets.size()));
                rs.setReplicas(rnd.nextInt(8));
                c.store.replicaSets().update(rs);
            } else if (action == 9) {
                deployment.setReplicas(rnd.nextInt(8));
                c.store.deployments().update(deployment);
            } else if (action == 10 && rnd.nextInt(3) == 0) {
                List<PodDisruptionBudget> list = new ArrayList<>(c.store.podDisruptionBudgets().list());
                c.store.podDisruptionBudgets().remove(list.get(rnd.nextInt(list.size())));
                addBudget();
            } else if (action == 11 && rnd.nextInt(4) == 0) {
                // a controller goes: its pods' budgets no longer count its scale (unmanaged)
                ReplicaSet rs = sets.get(rnd.nextInt(sets.size()));
                if (c.store.replicaSets().contains(rs)) {
                    c.store.replicaSets().remove(rs);
                }
            }
        }
    }
}
