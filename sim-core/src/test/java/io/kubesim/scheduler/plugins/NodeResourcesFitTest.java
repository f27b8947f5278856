package io.kubesim.scheduler.plugins;

import static io.kubesim.testing.Fixtures.container;
import static io.kubesim.testing.Fixtures.node;
import static io.kubesim.testing.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.cluster.Node;
import io.kubesim.cluster.Pod;
import io.kubesim.scheduler.framework.Code;
import io.kubesim.scheduler.framework.CycleState;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.scheduler.framework.Status;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NodeResourcesFit, k8s-semantics.md 3.4 (Fit filter: actual requests incl. init peaks, sidecars)
 * and 3.5 (LeastAllocated with the 100m / 200 MiB non-zero defaults, integer division).
 */
class NodeResourcesFitTest {
    private static final long GI = 1L << 30;
    private final NodeResourcesFit fit = new NodeResourcesFit(1, 1);

    static NodeInfo nodeWith(Node node, Pod... pods) {
        NodeInfo ni = new NodeInfo(node);
        for (Pod p : pods) {
            ni.addPod(PodInfo.of(p));
        }
        return ni;
    }

    static Stream<Arguments> filterCases() {
        Node n4 = node("n").cpu("4").memory("8Gi").build();
        Node n2 = node("n").cpu("2").memory("8Gi").build();
        return Stream.of(
                Arguments.of("request equal to free room fits",
                        nodeWith(n4, pod("old").cpu("1").build()), pod("p").cpu("3").build(), List.of()),
                Arguments.of("cpu short by 500m",
                        nodeWith(n4, pod("old").cpu("3500m").build()), pod("p").cpu("1").build(),
                        List.of("Insufficient cpu")),
                Arguments.of("cpu and memory short are both reported, cpu first",
                        nodeWith(n4, pod("old").cpu("4").memory("8Gi").build()), pod("p").cpu("1").memory("1Gi").build(),
                        List.of("Insufficient cpu", "Insufficient memory")),
                Arguments.of("pod count at maxPods even for a pod without requests",
                        nodeWith(node("n").cpu("4").memory("8Gi").maxPods(1).build(), pod("old").build()),
                        pod("p").build(), List.of(NodeResourcesFit.TOO_MANY_PODS)),
                Arguments.of("init container peak 3 cpu exceeds a 2 cpu node although the app needs 1",
                        nodeWith(n2), pod("p").cpu("1").initContainer(container("init").cpu("3")).build(),
                        List.of("Insufficient cpu")),
                Arguments.of("init container of 2 cpu and app of 1: max(1, 2) = 2 fits a 2 cpu node",
                        nodeWith(n2), pod("p").cpu("1").initContainer(container("init").cpu("2")).build(), List.of()),
                Arguments.of("a sidecar adds to the app: 1 + 1.5 = 2.5 cpu does not fit 2",
                        nodeWith(n2), pod("p").cpu("1500m").initContainer(container("proxy").cpu("1").sidecar()).build(),
                        List.of("Insufficient cpu")),
                Arguments.of("the same container as a plain init container: max(1.5, 1) fits",
                        nodeWith(n2), pod("p").cpu("1500m").initContainer(container("proxy").cpu("1")).build(),
                        List.of()),
                Arguments.of("an explicit zero request fits a full node (no non-zero default in Fit)",
                        nodeWith(n2, pod("old").cpu("2").build()), pod("p").cpu("0").build(), List.of()),
                Arguments.of("an extended resource the node lacks",
                        nodeWith(n4), pod("p").container(container("gpu").request("nvidia.com/gpu", 1)).build(),
                        List.of("Insufficient nvidia.com/gpu")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filterCases")
    void filterReportsEveryInsufficientResource(String name, NodeInfo node, Pod pod, List<String> reasons) {
        Status s = fit.filter(new CycleState(), PodInfo.of(pod), node);
        assertEquals(reasons, s.reasons());
        assertEquals(reasons.isEmpty() ? Code.SUCCESS : Code.UNSCHEDULABLE, s.code(),
                "Fit failures are resolvable by preemption (Unschedulable)");
    }

    /**
     * Expected scores worked by hand from s_r = (alloc - req) * 100 / alloc, node = (s_cpu + s_mem) / 2,
     * both divisions truncating; req includes what is on the node plus the pod, with 100m / 200 MiB
     * standing in for unset requests.
     */
    static Stream<Arguments> leastAllocatedCases() {
        return Stream.of(
                Arguments.of("empty 4 cpu / 8Gi node, pod 1 cpu / 2Gi: 3000*100/4000 = 75 both", node("n").cpu("4")
                        .memory("8Gi").build(), List.of(), pod("p").cpu("1").memory("2Gi").build(), 75L),
                Arguments.of("3 cpu / 5Gi with 1 cpu / 1Gi used, pod 1 cpu / 1Gi: cpu 1000*100/3000 = 33, "
                                + "memory 3*100/5 = 60, (33 + 60) / 2 = 46",
                        node("n").cpu("3").memory("5Gi").build(), List.of(pod("old").cpu("1").memory("1Gi").build()),
                        pod("p").cpu("1").memory("1Gi").build(), 46L),
                Arguments.of("pod without requests counts 100m / 200Mi: cpu 900*100/1000 = 90, "
                                + "memory 824*100/1024 = 80, (90 + 80) / 2 = 85",
                        node("n").cpu("1").memory("1Gi").build(), List.of(), pod("p").build(), 85L),
                Arguments.of("explicit zero requests stay zero: 100 and 100",
                        node("n").cpu("1").memory("1Gi").build(), List.of(), pod("p").cpu("0").memory("0").build(), 100L),
                Arguments.of("over capacity scores 0: cpu 1000 + 500 > 1000, memory 200Mi default + 1Gi > 1Gi",
                        node("n").cpu("1").memory("1Gi").build(), List.of(pod("old").cpu("1").build()),
                        pod("p").cpu("500m").memory("1Gi").build(), 0L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leastAllocatedCases")
    void leastAllocatedScore(String name, Node node, List<Pod> existing, Pod pod, long expected) {
        NodeInfo ni = nodeWith(node, existing.toArray(new Pod[0]));
        assertEquals(expected, fit.score(new CycleState(), PodInfo.of(pod), ni));
    }

    @ParameterizedTest(name = "requested {0} of {1} -> {2}")
    @org.junit.jupiter.params.provider.CsvSource({"0,4000,100", "1000,4000,75", "1,3,66", "3,3,0", "4,3,0", "5,0,0"})
    void leastRequestedScoreTruncates(long requested, long capacity, long expected) {
        // (capacity - requested) * 100 / capacity with Go integer division; 0 when over capacity or no capacity.
        assertEquals(expected, NodeResourcesFit.leastRequestedScore(requested, capacity));
    }

    @org.junit.jupiter.api.Test
    void nonZeroDefaultsAreTheUpstreamConstants() {
        assertEquals(100, PodInfo.DEFAULT_MILLI_CPU_REQUEST);
        assertEquals(209_715_200L, PodInfo.DEFAULT_MEMORY_REQUEST, "200 MiB");
        assertEquals(2 * GI, PodInfo.of(pod("p").memory("2Gi").build()).nonZeroMemory());
    }
}
