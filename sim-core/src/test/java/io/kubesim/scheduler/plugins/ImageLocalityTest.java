package io.kubesim.scheduler.plugins;

import static io.kubesim.testing.Fixtures.node;
import static io.kubesim.testing.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.cluster.Node;
import io.kubesim.scheduler.SchedulerCache;
import io.kubesim.scheduler.framework.CycleState;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.testing.TestCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ImageLocality, k8s-semantics.md 3.5: spread-scaled image sizes clamped to [23 MiB, 1000 MiB x containers]. */
class ImageLocalityTest {
    private static final long MIB = 1L << 20;

    @Test
    void scoresBySizeTimesSpread() {
        TestCluster c = new TestCluster(1);
        SchedulerCache cache = new SchedulerCache(c.store);
        for (Node n : new Node[]{node("n1").image("big:1").build(), node("n2").image("big:1").build(),
                node("n3").image("big").build(), node("n4").build()}) {
            c.add(n);
            cache.addNode(n);
        }
        // big:1 is 500 MiB on 2 of 4 nodes: sum = 500 MiB * 2/4 = 250 MiB;
        // score = 100 * (250 - 23) / (1000 - 23) = 22700 / 977 = 23. A node without it: clamped to 23 MiB -> 0.
        ImageLocality plugin = new ImageLocality(cache, Map.of("big:1", 500 * MIB, "big:latest", 500 * MIB));
        PodInfo pi = PodInfo.of(pod("p").image("big:1").build());
        assertEquals(23, plugin.score(new CycleState(), pi, cache.nodeInfo("n1")));
        assertEquals(0, plugin.score(new CycleState(), pi, cache.nodeInfo("n4")));
        assertEquals(0, plugin.score(new CycleState(), pi, cache.nodeInfo("n3")), "big is big:latest, not big:1");
        // "big" is normalized to big:latest, held by n3 only: 500 MiB * 1/4 = 125 MiB; 100 * 102 / 977 = 10.
        PodInfo latest = PodInfo.of(pod("q").image("big").build());
        assertEquals(10, plugin.score(new CycleState(), latest, cache.nodeInfo("n3")));
    }

    @Test
    void anImageOfUnknownSizeContributesNothing() {
        TestCluster c = new TestCluster(1);
        SchedulerCache cache = new SchedulerCache(c.store);
        Node n = c.add(node("n1").image("mystery:2").build());
        cache.addNode(n);
        ImageLocality plugin = new ImageLocality(cache, Map.of());
        PodInfo pi = PodInfo.of(pod("p").image("mystery:2").build());
        assertEquals(0, plugin.score(new CycleState(), pi, cache.nodeInfo("n1")));
        assertTrue(plugin.preScore(new CycleState(), pi, List.of(cache.nodeInfo("n1"))).isSkip(),
                "every node would score 0");
    }

    @Test
    void thresholdsAreTheUpstreamConstants() {
        assertEquals(23 * MIB, ImageLocality.MIN_THRESHOLD);
        assertEquals(1000 * MIB, ImageLocality.MAX_CONTAINER_THRESHOLD);
        // two containers: max 2000 MiB; sum 1011.5 MiB -> 100 * (1011.5 - 23) / (2000 - 23) = 50 (integer).
        assertEquals(50, ImageLocality.calculatePriority(1011 * MIB + MIB / 2, 2));
    }
}
