package io.kubesim.scheduler.plugins;

import static io.kubesim.testing.Fixtures.node;
import static io.kubesim.testing.Fixtures.nodeTerm;
import static io.kubesim.testing.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.cluster.Pod;
import io.kubesim.scheduler.framework.Code;
import io.kubesim.scheduler.framework.CycleState;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.scheduler.framework.Status;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** NodeAffinity, k8s-semantics.md 3.4 (filter incl. nodeSelector) and 3.5 (preferred weights, normalized). */
class NodeAffinityTest {
    private final NodeAffinity plugin = new NodeAffinity();
    private final NodeInfo ssdInA = new NodeInfo(node("n1").zone("a").label("disk", "ssd").build());

    static Stream<Arguments> filterCases() {
        return Stream.of(
                Arguments.of("no selector or affinity", pod("p").build(), true),
                Arguments.of("nodeSelector matches", pod("p").nodeSelector("disk", "ssd").build(), true),
                Arguments.of("nodeSelector value differs", pod("p").nodeSelector("disk", "hdd").build(), false),
                Arguments.of("nodeSelector and required affinity must both match",
                        pod("p").nodeSelector("disk", "ssd").requiredNodeAffinity(nodeTerm("topology.kubernetes.io/zone", "b"))
                                .build(), false),
                Arguments.of("required terms are ORed",
                        pod("p").requiredNodeAffinity(nodeTerm("topology.kubernetes.io/zone", "b"), nodeTerm("disk", "ssd"))
                                .build(), true),
                Arguments.of("In with several values", pod("p").requiredNodeAffinity(nodeTerm("topology.kubernetes.io/zone",
                        "b", "a")).build(), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filterCases")
    void filter(String name, Pod pod, boolean passes) {
        Status s = plugin.filter(new CycleState(), PodInfo.of(pod), ssdInA);
        if (passes) {
            assertEquals(Code.SUCCESS, s.code());
        } else {
            assertEquals(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, s.code());
            assertEquals(List.of("node(s) didn't match Pod's node affinity/selector"), s.reasons());
        }
    }

    @Test
    void preferredTermsSumWeightsAndNormalizeToTheMax() {
        // weights 2 (disk=ssd) and 5 (zone a): raw 7, 5, 0; 100*7/7 = 100, 100*5/7 = 71, 0.
        PodInfo pi = PodInfo.of(pod("p").preferredNodeAffinity(2, nodeTerm("disk", "ssd"))
                .preferredNodeAffinity(5, nodeTerm("topology.kubernetes.io/zone", "a")).build());
        List<NodeInfo> nodes = List.of(ssdInA, new NodeInfo(node("n2").zone("a").build()),
                new NodeInfo(node("n3").zone("b").build()));
        CycleState state = new CycleState();
        assertTrue(plugin.preScore(state, pi, nodes).isSuccess());
        long[] s = new long[3];
        for (int i = 0; i < 3; i++) {
            s[i] = plugin.score(state, pi, nodes.get(i));
        }
        assertArrayEquals(new long[]{7, 5, 0}, s);
        plugin.normalizeScores(state, pi, nodes, s);
        assertArrayEquals(new long[]{100, 71, 0}, s);
    }

    @Test
    void preFilterSkipsTheFilterForAPodWithoutSelectorOrRequiredAffinity() {
        assertTrue(plugin.preFilter(new CycleState(), PodInfo.of(pod("p").build())).isSkip());
        assertTrue(plugin.preFilter(new CycleState(), PodInfo.of(pod("p").preferredNodeAffinity(1, nodeTerm("disk", "ssd"))
                .build())).isSkip(), "preferred terms only score");
        assertEquals(Code.SUCCESS, plugin.preFilter(new CycleState(), PodInfo.of(pod("p").nodeSelector("disk", "ssd")
                .build())).code());
    }

    @Test
    void aPodWithoutPreferredTermsIsNotScored() {
        assertTrue(plugin.preScore(new CycleState(), PodInfo.of(pod("p").build()), List.of(ssdInA)).isSkip());
    }
}
