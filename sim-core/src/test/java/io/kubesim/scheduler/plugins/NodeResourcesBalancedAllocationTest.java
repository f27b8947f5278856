package io.kubesim.scheduler.plugins;

import static io.kubesim.testing.Fixtures.node;
import static io.kubesim.testing.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.cluster.Node;
import io.kubesim.cluster.Pod;
import io.kubesim.scheduler.framework.CycleState;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NodeResourcesBalancedAllocation, k8s-semantics.md 3.5: f_r = min(req_r / alloc_r, 1) with actual
 * requests, std = |f_cpu - f_mem| / 2, score = int((1 - std) * 100).
 */
class NodeResourcesBalancedAllocationTest {
    private final NodeResourcesBalancedAllocation plugin = new NodeResourcesBalancedAllocation();

    static Stream<Arguments> cases() {
        Node n = node("n").cpu("4").memory("8Gi").build();
        return Stream.of(
                Arguments.of("f 0.5 and 0.25: std 0.125, int(87.5) = 87", n, List.of(),
                        pod("p").cpu("2").memory("2Gi").build(), 87L),
                Arguments.of("equal fractions 0.25 and 0.25: 100", n, List.of(),
                        pod("p").cpu("1").memory("2Gi").build(), 100L),
                Arguments.of("cpu over allocatable caps at 1: f 1 and 0.125, std 0.4375, int(56.25) = 56", n,
                        List.of(pod("old").cpu("3").build()), pod("p").cpu("2").memory("1Gi").build(), 56L),
                Arguments.of("no 200Mi default for unset memory: f 0.25 and 0, std 0.125, 87 (88 with the default)",
                        n, List.of(), pod("p").cpu("1").build(), 87L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void score(String name, Node node, List<Pod> existing, Pod pod, long expected) {
        NodeInfo ni = NodeResourcesFitTest.nodeWith(node, existing.toArray(new Pod[0]));
        assertEquals(expected, plugin.score(new CycleState(), PodInfo.of(pod), ni));
    }

    @Test
    void aPodRequestingNeitherCpuNorMemoryIsNotScored() {
        assertTrue(plugin.preScore(new CycleState(), PodInfo.of(pod("p").build()), List.of()).isSkip());
    }
}
