package io.kubesim.controllers.daemonset;

import static io.kubesim.testing.Fixtures.node;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.api.Container;
import io.kubesim.api.PodSpec;
import io.kubesim.api.Resources;
import io.kubesim.api.TaintEffect;
import io.kubesim.api.Toleration;
import io.kubesim.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** NodeShouldRunDaemonPod and the tolerations it judges with (k8s-semantics.md 12.2, 12.3). */
class NodeEligibilityTest {
    private static final PodSpec DAEMON = PodSpec.of(List.of(Container.of("agent", "agent:1", Resources.of(100, 1L << 20))))
            .withTolerations(DaemonPodTolerations.addTo(List.of(), false));

    @ParameterizedTest(name = "{0}:{1} -> shouldRun {2}, shouldContinueRunning {3}")
    @DisplayName("12.2: untolerated NoSchedule stops new pods only; untolerated NoExecute stops both")
    @CsvSource({
        "dedicated, NO_SCHEDULE, false, true",
        "dedicated, NO_EXECUTE, false, false",
        "dedicated, PREFER_NO_SCHEDULE, true, true",
        "node.kubernetes.io/unreachable, NO_EXECUTE, true, true",
        "node.kubernetes.io/disk-pressure, NO_SCHEDULE, true, true",
        "node.kubernetes.io/pid-pressure, NO_SCHEDULE, true, true",
    })
    void taints(String key, TaintEffect effect, boolean shouldRun, boolean shouldContinue) {
        NodeEligibility e = NodeEligibility.of(DAEMON, node("n1").taint(key, "", effect).build());
        assertEquals(new NodeEligibility(shouldRun, shouldContinue), e);
    }

    @Test
    @DisplayName("12.2: a nodeSelector or required affinity that does not match: neither run nor keep")
    void selectorAndAffinity() {
        assertEquals(NodeEligibility.NONE, NodeEligibility.of(Fixtures.pod("p").nodeSelector("disk", "ssd").build()
                .spec(), node("n1").build()));
        assertEquals(NodeEligibility.RUN, NodeEligibility.of(Fixtures.pod("p").nodeSelector("disk", "ssd").build()
                .spec(), node("n1").label("disk", "ssd").build()));
        assertEquals(NodeEligibility.NONE, NodeEligibility.of(Fixtures.pod("p").requiredNodeAffinity(
                Fixtures.nodeTerm("zone", "a")).build().spec(), node("n1").label("zone", "b").build()));
    }

    @Test
    @DisplayName("12.3: a template toleration of the same key, operator and effect is replaced: no tolerationSeconds left")
    void addedTolerationsReplaceTheTemplates() {
        Toleration limited = new Toleration(DaemonPodTolerations.NOT_READY, true, "", TaintEffect.NO_EXECUTE, 300L);
        List<Toleration> t = DaemonPodTolerations.addTo(List.of(limited), false);
        assertEquals(6, t.size());
        assertEquals(new Toleration(DaemonPodTolerations.NOT_READY, true, "", TaintEffect.NO_EXECUTE, null), t.get(0));
        assertEquals(7, DaemonPodTolerations.addTo(List.of(), true).size(), "network-unavailable for hostNetwork");
    }
}
