package io.kubesim.metrics;

import static io.kubesim.testing.Fixtures.node;
import static io.kubesim.testing.Fixtures.pod;
import static io.kubesim.testing.Fixtures.replicaSet;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.api.LabelSelector;
import io.kubesim.cluster.Deployment;
import io.kubesim.api.DeploymentStrategy;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.engine.SimTime;
import io.kubesim.testing.Fixtures;
import io.kubesim.testing.PodStates;
import io.kubesim.testing.TestCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Deployment observer's pod counts are kept from the writes rather than walked per change:
 * active, Ready, available (Ready for longer than minReadySeconds, k8s-semantics.md 2.4) and
 * terminating pods, over the pods of the ReplicaSets the Deployment owns. Every observation here
 * also walks the pods and fails unless the kept counts equal that walk.
 */
class DeploymentPodCountsTest {
    private static final Fixtures.PodBuilder TEMPLATE = pod("t").label("app", "web");

    @Test
    @DisplayName("a Ready pod counts as available only once minReadySeconds have passed since it became Ready")
    void availableAfterMinReadySeconds() {
        TestCluster c = new TestCluster(1);
        Deployment d = c.store.deployments().create(deployment("slow", 5));
        ReplicaSet rs = ownedReplicaSet(c, "slow-1", d);
        DeploymentObserver observer = observer(c);
        Pod a = runningPod(c, "slow-a", rs, true);
        c.runFor(SimTime.seconds(3));
        runningPod(c, "slow-b", rs, false);
        c.runFor(SimTime.millis(1));
        assertEquals(2, observer.of(d).pods());
        assertEquals(1, observer.of(d).ready());
        assertEquals(0, observer.of(d).available(), "Ready for 3 s of the 5 s");
        c.runFor(SimTime.seconds(3));
        PodStates.ready(c.store, c.store.pods().get("default/slow-b"), false); // a write: the observer looks again
        c.runFor(SimTime.millis(1));
        assertEquals(1, observer.of(d).available(), "Ready for 6 s");
        PodStates.ready(c.store, a, false);
        c.runFor(SimTime.millis(1));
        assertEquals(0, observer.of(d).available());
    }

    @Test
    @DisplayName("a pod Ready again waits minReadySeconds from its new Ready time, not its first")
    void readyAgainWaitsAgain() {
        TestCluster c = new TestCluster(1);
        Deployment d = c.store.deployments().create(deployment("slow", 5));
        DeploymentObserver observer = observer(c);
        ReplicaSet rs = ownedReplicaSet(c, "slow-1", d);
        Pod a = runningPod(c, "slow-a", rs, true);
        Pod b = runningPod(c, "slow-b", rs, false);
        c.runFor(SimTime.seconds(1));
        PodStates.ready(c.store, a, false);
        c.runFor(SimTime.seconds(1));
        PodStates.ready(c.store, a, true); // Ready again at 2 s: available after 7 s
        c.runFor(SimTime.seconds(4));
        PodStates.ready(c.store, b, false); // a write at 6 s: the observer looks again
        c.runFor(SimTime.millis(1));
        assertEquals(0, observer.of(d).available(), "Ready for 4 s since its second Ready");
        c.runFor(SimTime.seconds(2));
        PodStates.ready(c.store, b, false);
        c.store.pods().update(b);
        c.runFor(SimTime.millis(1));
        assertEquals(1, observer.of(d).available(), "Ready for 6 s since its second Ready");
    }

    @Test
    @DisplayName("on 200 random churning clusters, the kept counts equal a walk over the pods at every observation")
    void keptCountsEqualWalk() {
        for (long seed = 1; seed <= 200; seed++) {
            TestCluster c = new TestCluster(seed);
            c.add(node("n-0").cpu("64").memory("256Gi").maxPods(1000).build());
            Random rnd = new Random(seed);
            List<Deployment> deployments = List.of(c.store.deployments().create(deployment("fast", 0)),
                    c.store.deployments().create(deployment("slow", 1 + rnd.nextInt(5))));
            List<ReplicaSet> sets = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sets.add(i < 3 ? ownedReplicaSet(c, "rs-" + i, deployments.get(i % 2))
                        : c.store.replicaSets().create(replicaSet("rs-" + i, 1, TEMPLATE)));
            }
            DeploymentObserver observer = observer(c);
            List<Pod> pods = new ArrayList<>();
            for (int step = 0; step < 300; step++) {
                int at = step;
                c.sim.schedule(SimTime.millis(250) * rnd.nextInt(120), () -> write(c, rnd, pods, sets, deployments, at));
            }
            c.runFor(SimTime.seconds(40));
            for (Deployment d : deployments) {
                c.store.deployments().update(d); // the observer looks at a Deployment's writes and its pods'
            }
            c.runFor(SimTime.millis(1));
            for (Deployment d : deployments) {
                assertEquals(walkActive(c, d), observer.of(d).pods(), "seed " + seed);
            }
        }
    }

    /** One random write: a pod created, started, made (not) Ready, deleted, removed or ended; a ReplicaSet adopted, orphaned, removed or made again. */
    private static void write(TestCluster c, Random rnd, List<Pod> pods, List<ReplicaSet> sets, List<Deployment> deployments,
                              int step) {
        Pod p = pods.isEmpty() ? null : pods.get(rnd.nextInt(pods.size()));
        ReplicaSet rs = sets.get(rnd.nextInt(sets.size()));
        int action = rnd.nextInt(9);
        switch (action) {
            case 0, 1 -> {
                Pod created = c.add(pod("p-" + step).label("app", "web").owner(ref(rs)).on("n-0").build());
                pods.add(created);
                if (rnd.nextBoolean()) {
                    PodStates.running(c.store, created, "10.0.1." + step % 250, rnd.nextBoolean());
                }
            }
            case 2, 3, 4, 5, 6 -> {
                if (p != null) {
                    PodStates.lifecycleStep(c.store, p, Math.max(0, action - 3), rnd); // Ready flips, deletion, removal, end
                }
            }
            case 7 -> {
                Deployment d = deployments.get(rnd.nextInt(deployments.size()));
                rs.metadata().setOwner(rnd.nextInt(3) == 0 ? null : new OwnerReference(Deployment.KIND, d.name(),
                        d.metadata().uid()));
                c.store.replicaSets().update(rs); // adopted, orphaned or moved
            }
            default -> {
                if (c.store.replicaSets().contains(rs)) {
                    c.store.replicaSets().remove(rs);
                } else {
                    c.store.replicaSets().create(rs); // back, with its pods
                }
            }
        }
    }

    private static int walkActive(TestCluster c, Deployment d) {
        int n = 0;
        for (ReplicaSet rs : c.store.replicaSetsByOwner().get(d.metadata().uid())) {
            for (Pod p : c.store.podsByOwner().get(rs.metadata().uid())) {
                n += p.isActive() ? 1 : 0;
            }
        }
        return n;
    }

    private static DeploymentObserver observer(TestCluster c) {
        DeploymentObserver observer = new DeploymentObserver(c.store, Deployment::name);
        observer.verifyCounts(true);
        observer.start();
        return observer;
    }

    private static Deployment deployment(String name, int minReadySeconds) {
        ObjectMeta meta = new ObjectMeta("default", name, "uid-default-" + name);
        return new Deployment(meta, LabelSelector.of(TEMPLATE.template().labels()), TEMPLATE.template(), 3,
                DeploymentStrategy.DEFAULT_ROLLING, minReadySeconds, null, null);
    }

    private static ReplicaSet ownedReplicaSet(TestCluster c, String name, Deployment owner) {
        ReplicaSet rs = replicaSet(name, 1, TEMPLATE);
        rs.metadata().setOwner(new OwnerReference(Deployment.KIND, owner.name(), owner.metadata().uid()));
        return c.store.replicaSets().create(rs);
    }

    private static Pod runningPod(TestCluster c, String name, ReplicaSet rs, boolean ready) {
        Pod p = c.add(pod(name).label("app", "web").owner(ref(rs)).build());
        return PodStates.running(c.store, p, "10.0.0." + (1 + c.store.pods().size()), ready);
    }

    private static OwnerReference ref(ReplicaSet rs) {
        return new OwnerReference(ReplicaSet.KIND, rs.name(), rs.metadata().uid());
    }
}
