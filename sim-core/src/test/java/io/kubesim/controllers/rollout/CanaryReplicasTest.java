package io.kubesim.controllers.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Weight to replicas without a traffic router (k8s-semantics.md 20.3). */
class CanaryReplicasTest {
    @ParameterizedTest(name = "R={0} W={1}% surge={2}: canary {3}, stable {4}")
    @CsvSource({
        // k8s-semantics.md 20.3 examples
        "10, 20, 3, 2, 8",
        "10, 50, 3, 5, 5",
        "10, 5, 3, 1, 10",   // 1 of 11 (9.1 %) is closer to 5 % than 1 of 10
        "3, 50, 1, 2, 2",    // 2 of 4 is exactly 50 %
        "3, 50, 0, 2, 1",    // 1.5 is a tie: the ceiling wins
        // 0 < W < 100 with R >= 2: each side keeps a pod
        "2, 1, 1, 1, 2",     // 1 of 3 is closer to 1 % than 1 of 2
        "2, 99, 0, 1, 1",
        "1, 5, 1, 1, 1",     // R = 1 with surge: one of each
        "1, 5, 0, 0, 1",     // R = 1 without surge: zero is allowed, and 0 of 1 is closest
        "10, 0, 3, 0, 10",
        "10, 100, 3, 10, 0",
    })
    void approximatesTheWeightByPodCounts(int replicas, int weight, int surge, int canary, int stable) {
        assertEquals(new CanaryReplicas.Split(canary, stable), CanaryReplicas.approximate(replicas, weight, surge));
    }

    @ParameterizedTest(name = "R={0} W={1}% surge={2} unavailable={3}, new {4}/{5} stable {6}/{7} older {8}: new {9}, stable {10}")
    @CsvSource({
        // 20.3 example: W = 20 from 10 stable is reached in one sync (stable drops to 8 at once)
        "10, 20, 3, 2, 0, 0, 10, 10, 0, 2, 8",
        // unavailable 1, surge 1: one canary, one stable pod less
        "10, 10, 1, 1, 0, 0, 10, 10, 0, 1, 9",
        // maxUnavailable 0: only surge (stable kept at 10)
        "10, 30, 3, 0, 0, 0, 10, 10, 0, 3, 10",
        // no surge: the stable goes down first, the canary waits for room
        "10, 30, 0, 5, 0, 0, 10, 10, 0, 0, 7",
        // older ReplicaSets with pods: scale up only, nothing down yet
        "10, 50, 3, 2, 2, 2, 6, 6, 2, 5, 6",
        // abort (weight 0): the stable grows within the surge, the canary shrinks within availability
        "10, 0, 3, 2, 5, 5, 5, 5, 0, 3, 8",
    })
    void scalesWithinSurgeAndUnavailability(int replicas, int weight, int surge, int unavailable, int newSpec,
                                            int newAvailable, int stableSpec, int stableAvailable, int older,
                                            int expectNew, int expectStable) {
        CanaryReplicas.Split s = CanaryReplicas.basic(replicas, weight, surge, unavailable,
                new CanaryReplicas.Counts(newSpec, newAvailable), new CanaryReplicas.Counts(stableSpec, stableAvailable),
                older);
        assertEquals(new CanaryReplicas.Split(expectNew, expectStable), s);
    }

    @ParameterizedTest(name = "R={0} W={1}%: {2} canary pods")
    @CsvSource({"10, 20, 2", "10, 5, 1", "3, 50, 2", "4, 1, 1", "10, 100, 10"})
    void withARouterTheCanaryGetsTheCeilingOfItsShare(int replicas, int weight, int canary) {
        // k8s-semantics.md 20.3: canary replicas = ceil(W x R / 100)
        assertEquals(canary, CanaryReplicas.forWeight(replicas, weight));
    }
}
