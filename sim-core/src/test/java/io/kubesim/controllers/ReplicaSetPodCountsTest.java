package io.kubesim.controllers;

import static io.kubesim.testing.Fixtures.node;
import static io.kubesim.testing.Fixtures.pod;
import static io.kubesim.testing.Fixtures.replicaSet;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.engine.SimTime;
import io.kubesim.testing.Fixtures;
import io.kubesim.testing.PodStates;
import io.kubesim.testing.TestCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The ReplicaSet controller's status counts (k8s-semantics.md 2.8: replicas, fullyLabeledReplicas,
 * readyReplicas, availableReplicas, with availability as 2.4 defines it) come from counts kept from
 * the pod writes, not from a walk over the ReplicaSet's pods at every sync. Every sync here also
 * walks the pods and fails unless both agree, the time of the next availability included.
 */
class ReplicaSetPodCountsTest {
    private static final Fixtures.PodBuilder TEMPLATE = pod("t").label("app", "web").cpu("100m");

    @Test
    @DisplayName("availableReplicas follows Ready + minReadySeconds: the sync comes back a second after a pod becomes available")
    void availableAfterMinReadySeconds() {
        TestCluster c = cluster(1);
        ReplicaSet rs = replicaSet("web-1", 2, TEMPLATE);
        rs.setMinReadySeconds(5);
        c.store.replicaSets().create(rs);
        c.runFor(SimTime.millis(10));
        List<Pod> pods = new ArrayList<>(c.store.podsByOwner().get(rs.metadata().uid()));
        assertEquals(2, pods.size());
        PodStates.running(c.store, pods.get(0), "10.0.0.1", true);
        c.runFor(SimTime.seconds(5));
        assertEquals(1, rs.readyReplicas());
        assertEquals(0, rs.availableReplicas(), "Ready for 5 s: available only after more than minReadySeconds");
        c.runFor(SimTime.seconds(2));
        assertEquals(1, rs.availableReplicas(), "the sync queued for Ready + 6 s counted it");
    }

    @Test
    @DisplayName("on 200 random churning clusters, every sync's kept counts equal a walk over the pods")
    void keptCountsEqualWalk() {
        for (long seed = 1; seed <= 200; seed++) {
            TestCluster c = cluster(seed);
            Random rnd = new Random(seed);
            List<ReplicaSet> sets = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ReplicaSet rs = replicaSet("rs-" + i, 1 + rnd.nextInt(6), TEMPLATE);
                rs.setMinReadySeconds(i * (1 + rnd.nextInt(4)));
                sets.add(c.store.replicaSets().create(rs));
            }
            for (int step = 0; step < 200; step++) {
                int at = step;
                c.sim.schedule(SimTime.millis(250) * rnd.nextInt(120), () -> write(c, rnd, sets, at));
            }
            c.runFor(SimTime.seconds(40));
            for (ReplicaSet rs : sets) {
                c.store.replicaSets().update(rs); // one more sync of each
            }
            c.runFor(SimTime.millis(1));
            for (ReplicaSet rs : sets) {
                int active = 0;
                for (Pod p : c.store.podsByOwner().get(rs.metadata().uid())) {
                    active += p.isActive() ? 1 : 0;
                }
                assertEquals(active, rs.statusReplicas(), "seed " + seed);
            }
        }
    }

    /** One random write: a pod of a ReplicaSet started, flipped, deleted, removed, ended or relabelled; a ReplicaSet scaled or its minReadySeconds changed. */
    private static void write(TestCluster c, Random rnd, List<ReplicaSet> sets, int step) {
        ReplicaSet rs = sets.get(rnd.nextInt(sets.size()));
        List<Pod> pods = new ArrayList<>(c.store.podsByOwner().get(rs.metadata().uid()));
        Pod p = pods.isEmpty() ? null : pods.get(rnd.nextInt(pods.size()));
        int action = rnd.nextInt(8);
        if (action < 4 && p != null) {
            if (action == 0 && c.store.pods().contains(p)) {
                PodStates.running(c.store, p, "10.0.1." + step % 250, rnd.nextBoolean());
            } else {
                PodStates.lifecycleStep(c.store, p, action, rnd);
            }
        } else if (action == 4 && p != null && c.store.pods().contains(p)) {
            PodStates.labels(c.store, p, rnd.nextBoolean() ? Map.of("app", "web") : Map.of("app", "other"));
        } else if (action == 5) {
            rs.setReplicas(rnd.nextInt(7));
            c.store.replicaSets().update(rs);
        } else if (action == 6) {
            rs.setMinReadySeconds(rnd.nextInt(4));
            c.store.replicaSets().update(rs);
        } else if (action == 7 && p != null && c.store.pods().contains(p)) {
            p.metadata().setOwner(rnd.nextBoolean() ? null : new OwnerReference(ReplicaSet.KIND, rs.name(),
                    rs.metadata().uid())); // orphaned (or kept)
            c.store.pods().update(p);
        }
    }

    private static TestCluster cluster(long seed) {
        TestCluster c = new TestCluster(seed);
        c.add(node("n-0").cpu("64").memory("256Gi").maxPods(1000).build());
        ReplicaSetController controller = new ReplicaSetController(c.store, c.events, 0);
        controller.verifyCounts(true);
        controller.start();
        return c;
    }
}
