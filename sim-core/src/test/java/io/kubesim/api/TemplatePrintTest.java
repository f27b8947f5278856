package io.kubesim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The print of a container and a pod spec, over which the pod-template-hash is computed: fields
 * added later (imagePullPolicy, readinessGates) appear only when they are not the default, so
 * existing templates keep their ReplicaSet names, and templates that differ in them still differ.
 */
class TemplatePrintTest {
    private static final Container WEB = Container.of("web", "registry.example.com/web:1.0", Resources.NONE);

    @Test
    void theDefaultPullPolicyIsNotPrinted() {
        assertEquals("Container[name=web, image=registry.example.com/web:1.0, requests=" + Resources.NONE + ", limits="
                + Resources.NONE + ", ports=[], startupProbe=null, readinessProbe=null, livenessProbe=null, preStop=null, "
                + "restartableInit=false]", WEB.toString());
        Container latest = Container.of("web", "web:latest", Resources.NONE);
        assertEquals(ImagePullPolicy.ALWAYS, latest.imagePullPolicy());
        assertFalse(latest.toString().contains("imagePullPolicy"));
    }

    @Test
    void anExplicitOtherPolicyChangesThePrint() {
        Container always = new Container("web", "registry.example.com/web:1.0", Resources.NONE, Resources.NONE, List.of(),
                null, null, null, null, false, ImagePullPolicy.ALWAYS);
        assertNotEquals(WEB.toString(), always.toString());
        assertTrue(always.toString().endsWith(", imagePullPolicy=ALWAYS]"));
    }

    @Test
    void readinessGatesArePrintedOnlyWhenThereAreSome() {
        PodSpec plain = PodSpec.of(List.of(WEB));
        assertTrue(plain.toString().endsWith(", hostNetwork=false]"));
        PodSpec gated = new PodSpec(List.of(WEB), List.of(), java.util.Map.of(), Affinity.NONE, List.of(), List.of(), "",
                null, false, 30, "", "", "Always", Resources.NONE, false, List.of("example.com/lb"));
        assertTrue(gated.toString().endsWith(", hostNetwork=false, readinessGates=[example.com/lb]]"));
    }
}
