package io.kubesim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.api.PodSpec;
import io.kubesim.engine.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link ClusterStore#activePods()}: after every write, exactly the stored pods that
 * {@link Pod#isActive()} (not Succeeded or Failed, not being deleted), in the order a walk over all
 * pods finds them (creation order: a pod is active from its creation until it finishes or is
 * deleted, and never again after), which the cluster autoscaler's scan relies on.
 */
class ActivePodsTest {
    private final ClusterStore store = new ClusterStore(new Simulation(1));

    @Test
    @DisplayName("pods created, started, finished, deleted and removed at random: the active pods are always the filtered walk, in its order")
    void activePodsAreTheFilteredWalk() {
        Random random = new Random(11);
        List<Pod> pods = new ArrayList<>();
        for (int step = 0; step < 3_000; step++) {
            int what = random.nextInt(6);
            if (what == 0 || pods.isEmpty()) {
                ObjectMeta m = new ObjectMeta("ns", "p" + step, "uid-" + step);
                pods.add(store.pods().create(new Pod(m, PodSpec.of(List.of()), 0)));
            } else {
                Pod p = pods.get(random.nextInt(pods.size()));
                if (!store.pods().contains(p)) {
                    continue;
                }
                switch (what) {
                    case 1 -> {
                        if (p.phase() == PodPhase.PENDING) {
                            p.setPhase(PodPhase.RUNNING);
                        }
                    }
                    case 2 -> {
                        if (!p.isTerminal()) {
                            p.setPhase(random.nextBoolean() ? PodPhase.SUCCEEDED : PodPhase.FAILED);
                        }
                    }
                    case 3 -> p.metadata().markDeleting(step, 30);
                    case 4 -> {
                        store.pods().remove(p);
                        continue;
                    }
                    default -> {
                    }
                }
                store.pods().update(p);
            }
            List<Pod> walked = store.pods().list().stream().filter(Pod::isActive).toList();
            assertEquals(walked, new ArrayList<>(store.activePods()), "after step " + step);
        }
    }
}
