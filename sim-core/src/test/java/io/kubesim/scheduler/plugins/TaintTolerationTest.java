package io.kubesim.scheduler.plugins;

import static io.kubesim.api.TaintEffect.NO_EXECUTE;
import static io.kubesim.api.TaintEffect.NO_SCHEDULE;
import static io.kubesim.api.TaintEffect.PREFER_NO_SCHEDULE;
import static io.kubesim.testing.Fixtures.node;
import static io.kubesim.testing.Fixtures.pod;
import static io.kubesim.testing.Fixtures.tolerationEqual;
import static io.kubesim.testing.Fixtures.tolerationExists;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.api.Taint;
import io.kubesim.api.Toleration;
import io.kubesim.cluster.Node;
import io.kubesim.scheduler.framework.Code;
import io.kubesim.scheduler.framework.CycleState;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.scheduler.framework.Status;
import io.kubesim.testing.Fixtures;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** TaintToleration, k8s-semantics.md 3.4 (filter, toleration matching) and 3.5 (score). */
class TaintTolerationTest {
    private final TaintToleration plugin = new TaintToleration();

    static Stream<Arguments> filterCases() {
        Taint gpu = new Taint("gpu", "true", NO_SCHEDULE);
        return Stream.of(
                Arguments.of("no taints", null, null, true),
                Arguments.of("untolerated NoSchedule", gpu, null, false),
                Arguments.of("untolerated NoExecute", new Taint("gpu", "true", NO_EXECUTE), null, false),
                Arguments.of("PreferNoSchedule never filters", new Taint("gpu", "true", PREFER_NO_SCHEDULE), null, true),
                Arguments.of("Equal with key, value and effect", gpu, tolerationEqual("gpu", "true", NO_SCHEDULE), true),
                Arguments.of("Equal with another value", gpu, tolerationEqual("gpu", "false", NO_SCHEDULE), false),
                Arguments.of("Exists ignores the value", gpu, tolerationExists("gpu", NO_SCHEDULE), true),
                Arguments.of("Exists with an empty key tolerates every key", gpu, tolerationExists("", null), true),
                Arguments.of("an empty effect matches every effect", gpu, tolerationEqual("gpu", "true", null), true),
                Arguments.of("a NoExecute toleration does not cover NoSchedule", gpu,
                        tolerationExists("gpu", NO_EXECUTE), false),
                Arguments.of("another key", gpu, tolerationExists("dedicated", null), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filterCases")
    void filter(String name, Taint taint, Toleration toleration, boolean passes) {
        Fixtures.NodeBuilder nb = node("n").cpu("1").memory("1Gi");
        if (taint != null) {
            nb.taint(taint.key(), taint.value(), taint.effect());
        }
        Fixtures.PodBuilder pb = pod("p");
        if (toleration != null) {
            pb.toleration(toleration);
        }
        Status s = plugin.filter(new CycleState(), PodInfo.of(pb.build()), new NodeInfo(nb.build()));
        if (passes) {
            assertEquals(Code.SUCCESS, s.code());
        } else {
            assertEquals(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, s.code());
            assertEquals(List.of("node(s) had untolerated taint(s)"), s.reasons());
        }
    }

    @Test
    void scoreCountsUntoleratedPreferNoScheduleTaintsAndReverses() {
        // raw counts 0, 1, 2, 0 (the last taint is tolerated by an empty-effect toleration; the
        // NoSchedule-only toleration does not count for PreferNoSchedule): max 2, reversed
        // 100 - 100*s/2 -> 100, 50, 0, 100.
        List<NodeInfo> nodes = List.of(
                new NodeInfo(node("clean").build()),
                new NodeInfo(node("one").taint("a", "", PREFER_NO_SCHEDULE).build()),
                new NodeInfo(node("two").taint("a", "", PREFER_NO_SCHEDULE).taint("b", "", PREFER_NO_SCHEDULE).build()),
                new NodeInfo(node("tolerated").taint("c", "x", PREFER_NO_SCHEDULE).build()));
        PodInfo pod = PodInfo.of(pod("p").toleration(tolerationEqual("c", "x", null))
                .toleration(tolerationExists("a", NO_SCHEDULE)).build());
        CycleState state = new CycleState();
        plugin.preScore(state, pod, nodes);
        long[] scores = new long[nodes.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = plugin.score(state, pod, nodes.get(i));
        }
        assertArrayEquals(new long[]{0, 1, 2, 0}, scores);
        plugin.normalizeScores(state, pod, nodes, scores);
        assertArrayEquals(new long[]{100, 50, 0, 100}, scores);
    }

    @Test
    void aCordonedNodeIsRejectedByNodeUnschedulableUnlessTolerated() {
        Node cordoned = node("n").unschedulable().build();
        NodeUnschedulable nu = new NodeUnschedulable();
        Status s = nu.filter(new CycleState(), PodInfo.of(pod("p").build()), new NodeInfo(cordoned));
        assertEquals(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, s.code());
        assertEquals(List.of("node(s) were unschedulable"), s.reasons());
        PodInfo tolerant = PodInfo.of(pod("p").toleration(tolerationExists(Node.TAINT_UNSCHEDULABLE, NO_SCHEDULE)).build());
        assertEquals(Code.SUCCESS, nu.filter(new CycleState(), tolerant, new NodeInfo(cordoned)).code());
    }
}
