package io.kubesim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The {@code with...} copies of Container and PodSpec change only what they name. Admission
 * (LimitRanger, priority, default tolerations) rewrites pod specs through them, so a copy that
 * forgot a component appended later (a pull policy, readiness gates) would silently reset it.
 */
class RecordCopiesTest {
    private static final Container APP = new Container("app", "registry.example/app:1", Resources.NONE,
            Resources.NONE, List.of(), null, null, null, null, false, ImagePullPolicy.NEVER);
    private static final PodSpec SPEC = new PodSpec(List.of(APP), List.of(), java.util.Map.of("disk", "ssd"),
            Affinity.NONE, List.of(), List.of(), "high", 1000, false, 45, "", "", "Always", Resources.NONE, false,
            List.of("target-health.elbv2.k8s.aws/web"), List.of(new PodVolume("data", "data-web-0", false)));

    @Test
    void containerWithResourcesKeepsEveryOtherComponent() {
        assertSameExcept(APP, APP.withResources(Resources.NONE, Resources.NONE), Set.of("requests", "limits"));
    }

    @Test
    void containerWithImageKeepsEveryOtherComponent() {
        assertSameExcept(APP, APP.withImage("registry.example/app:2"), Set.of("image"));
    }

    @Test
    void podSpecCopiesKeepEveryOtherComponent() {
        assertSameExcept(SPEC, SPEC.withInitContainers(List.of(APP)), Set.of("initContainers"));
        assertSameExcept(SPEC, SPEC.withContainers(List.of(APP, APP)), Set.of("containers"));
        assertSameExcept(SPEC, SPEC.withTolerations(List.of()), Set.of("tolerations"));
        assertSameExcept(SPEC, SPEC.withPriority(7, true), Set.of("priority", "preemptNever"));
        assertSameExcept(SPEC, SPEC.withVolumes(List.of()), Set.of("volumes"));
        assertSameExcept(SPEC, SPEC.withAffinity(null), Set.of("affinity"));
        assertSameExcept(SPEC, SPEC.withClaimVolume("cache", "cache-web-0"), Set.of("volumes"));
    }

    private static void assertSameExcept(Record before, Record after, Set<String> changed) {
        for (RecordComponent c : before.getClass().getRecordComponents()) {
            if (!changed.contains(c.getName())) {
                try {
                    assertEquals(c.getAccessor().invoke(before), c.getAccessor().invoke(after), c.getName());
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }
}
