package io.kubesim.cluster;

import static io.kubesim.testing.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.PodSpec;
import io.kubesim.testing.TestCluster;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Priority admission (upstream plugin/pkg/admission/priority; k8s-semantics.md 3.6 eligibility
 * depends on the preemptionPolicy it sets): class lookup, globalDefault, built-in system classes,
 * and who decides preemptionPolicy.
 */
class PodAdmissionPriorityTest {
    private final TestCluster cluster = new TestCluster(1);
    private final PodAdmission admission = new PodAdmission(cluster.store);

    private void priorityClass(String name, int value, boolean globalDefault, boolean never) {
        cluster.store.priorityClasses().create(new PriorityClass(new ObjectMeta("", name, "uid-" + name), value,
                globalDefault, never));
    }

    @Test
    @DisplayName("globalDefault applies to a pod without priorityClassName; the lowest value wins among several")
    void globalDefaultAppliesToPodsWithoutAClass() {
        priorityClass("named", 5000, false, false);
        priorityClass("default-high", 300, true, true);
        priorityClass("default-low", 200, true, true);
        PodSpec s = admission.admit(pod("plain").build().spec());
        assertEquals(200, s.priority().intValue());
        assertTrue(s.preemptNever(), "the default class's preemptionPolicy comes with it");
        assertEquals(5000, admission.admit(pod("named").priorityClassName("named").build().spec()).priority().intValue());
    }

    @Test
    @DisplayName("no class and no globalDefault: priority 0, PreemptLowerPriority")
    void noDefaultIsZero() {
        PodSpec s = admission.admit(pod("plain").build().spec());
        assertEquals(0, s.priority().intValue());
        assertFalse(s.preemptNever());
    }

    @Test
    @DisplayName("system-node-critical and system-cluster-critical exist without a manifest")
    void builtInSystemClasses() {
        assertEquals(2_000_001_000, admission.admit(pod("a").priorityClassName("system-node-critical").build().spec())
                .priority().intValue());
        assertEquals(2_000_000_000, admission.admit(pod("b").priorityClassName("system-cluster-critical").build()
                .spec()).priority().intValue());
    }

    @Test
    @DisplayName("an unknown priorityClassName is refused with upstream's message")
    void unknownClassIsForbidden() {
        AdmissionException e = assertThrows(AdmissionException.class,
                () -> admission.admit(pod("a").priorityClassName("gold").build().spec()));
        assertEquals("pods is forbidden: no PriorityClass with name gold was found", e.getMessage());
    }

    @Test
    @DisplayName("the class decides preemptionPolicy: a pod's own Never against a PreemptLowerPriority class is refused")
    void podPreemptionPolicyMustMatchTheClass() {
        priorityClass("batch", 100, false, true);
        priorityClass("api", 1000, false, false);
        assertTrue(admission.admit(pod("a").priorityClassName("batch").preemptNever().build().spec()).preemptNever(),
                "the same value as the class is accepted");
        AdmissionException e = assertThrows(AdmissionException.class,
                () -> admission.admit(pod("b").priorityClassName("api").preemptNever().build().spec()));
        assertEquals("pods is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec; "
                + "priority admission controller computed PreemptLowerPriority from the given PriorityClass name",
                e.getMessage());
        assertThrows(AdmissionException.class, () -> admission.admit(pod("c").preemptNever().build().spec()),
                "without any class the computed policy is PreemptLowerPriority too");
    }
}
