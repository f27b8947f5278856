package io.kubesim.metrics;

import static io.kubesim.testing.Fixtures.pod;
import static io.kubesim.testing.Fixtures.replicaSet;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.engine.SimTime;
import io.kubesim.testing.PodStates;
import io.kubesim.testing.TestCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A standalone ReplicaSet's ready and available pods, as summary.json's workloads report them
 * (k8s-semantics.md 2.4), come from counts kept from the pod writes; every observation here also
 * walks the pods and fails unless both agree.
 */
class ReplicaSetObserverCountsTest {
    @Test
    @DisplayName("a standalone ReplicaSet's pods count as available once Ready for longer than minReadySeconds, through random churn")
    void readyAndAvailable() {
        for (long seed = 1; seed <= 100; seed++) {
            TestCluster c = new TestCluster(seed);
            ReplicaSet rs = replicaSet("solo", 3, pod("t").label("app", "solo"));
            rs.setMinReadySeconds((int) (seed % 4));
            c.store.replicaSets().create(rs);
            ReplicaSetObserver observer = new ReplicaSetObserver(c.store, ReplicaSet::name);
            observer.verifyCounts(true);
            observer.start();
            Random rnd = new Random(seed);
            List<Pod> pods = new ArrayList<>();
            for (int step = 0; step < 150; step++) {
                int at = step;
                c.sim.schedule(SimTime.millis(250) * rnd.nextInt(80), () -> {
                    if (pods.isEmpty() || rnd.nextInt(4) == 0) {
                        Pod p = c.add(pod("solo-" + at).label("app", "solo")
                                .owner(new OwnerReference(ReplicaSet.KIND, rs.name(), rs.metadata().uid())).build());
                        pods.add(PodStates.running(c.store, p, "10.0.0." + at, rnd.nextBoolean()));
                    } else {
                        PodStates.lifecycleStep(c.store, pods.get(rnd.nextInt(pods.size())), rnd.nextInt(4), rnd);
                    }
                });
            }
            c.runFor(SimTime.seconds(30));
            c.store.replicaSets().update(rs); // one more observation, at the end
            int ready = 0;
            for (Pod p : c.store.podsByOwner().get(rs.metadata().uid())) {
                ready += p.isActive() && p.isReady() ? 1 : 0;
            }
            WorkloadStatus status = observer.workloads(c.sim.now()).get(0);
            assertEquals(ready, status.ready(), "seed " + seed);
        }
    }
}
