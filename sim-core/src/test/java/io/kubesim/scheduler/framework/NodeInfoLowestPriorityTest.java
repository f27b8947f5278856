package io.kubesim.scheduler.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link NodeInfo#lowestPriority()}, which lets preemption pass over a node with no pod of lower
 * priority than the preemptor without walking its pods: always the minimum over the node's pods,
 * through adds and removals in any order, and on copies.
 */
class NodeInfoLowestPriorityTest {
    @Test
    @DisplayName("pods of random priorities added and removed at random: the lowest is always the walk's minimum")
    void lowestIsTheMinimum() {
        Random random = new Random(5);
        NodeInfo ni = new NodeInfo(Fixtures.node("n1").build());
        List<PodInfo> on = new ArrayList<>();
        assertEquals(Integer.MAX_VALUE, ni.lowestPriority(), "an empty node");
        for (int step = 0; step < 2_000; step++) {
            if (on.isEmpty() || random.nextInt(3) > 0) {
                PodInfo p = PodInfo.of(Fixtures.pod("p" + step).priority(random.nextInt(5) * 1000 - 2000).build());
                ni.addPod(p);
                on.add(p);
            } else {
                PodInfo p = on.remove(random.nextInt(on.size()));
                ni.removePod(p);
            }
            int min = on.stream().mapToInt(PodInfo::priority).min().orElse(Integer.MAX_VALUE);
            assertEquals(min, ni.lowestPriority(), "after step " + step);
            if (step % 100 == 0) {
                assertEquals(min, ni.copy().lowestPriority(), "a copy, after step " + step);
            }
        }
    }
}
