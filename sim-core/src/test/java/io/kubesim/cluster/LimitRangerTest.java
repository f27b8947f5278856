package io.kubesim.cluster;

import static io.kubesim.testing.Fixtures.container;
import static io.kubesim.testing.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubesim.api.LimitRangeItem;
import io.kubesim.api.Resources;
import io.kubesim.testing.Fixtures;
import io.kubesim.testing.TestCluster;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LimitRanger admission (k8s-semantics.md 15.2): defaults fill what a container leaves unset
 * before QoS is computed; min, max and maxLimitRequestRatio refuse a pod with upstream's
 * messages, several of them in the aggregated {@code [a, b]} form.
 */
class LimitRangerTest {
    private static final long MI = 1L << 20;

    private final TestCluster cluster = new TestCluster(1);
    private final PodAdmission admission = new PodAdmission(cluster.store);

    private void limitRange(LimitRangeItem... items) {
        cluster.store.limitRanges().create(new LimitRange(new ObjectMeta("default", "limits", "uid-limits"),
                List.of(items)));
    }

    private static LimitRangeItem containerItem(Resources min, Resources max, Resources def, Resources defReq,
                                                Map<String, Long> ratio) {
        return new LimitRangeItem(LimitRangeItem.CONTAINER, min, max, def, defReq, ratio);
    }

    @Test
    @DisplayName("15.2: default and defaultRequest turn a BestEffort pod Guaranteed; the annotation says what was set")
    void defaultsMakeBestEffortGuaranteed() {
        Resources cpuMem = Resources.of(500, 256 * MI);
        limitRange(containerItem(null, null, cpuMem, cpuMem, Map.of()));
        Fixtures.PodBuilder bare = pod("web-1").container(container("app"));
        assertEquals(QosClass.BEST_EFFORT, bare.build().qosClass(), "without the LimitRange");
        Pod p = admission.create(bare.build());
        assertEquals(QosClass.GUARANTEED, p.qosClass());
        assertEquals(500, p.spec().containers().get(0).limits().cpuMillis());
        assertEquals(256 * MI, p.spec().containers().get(0).requests().memoryBytes());
        assertEquals("LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app",
                p.metadata().annotation(LimitRanger.ANNOTATION));
    }

    @Test
    @DisplayName("15.2: a defaultRequest below the default makes the pod Burstable; explicit values are kept")
    void defaultRequestBelowLimitIsBurstable() {
        limitRange(containerItem(null, null, Resources.of(1000, 512 * MI), Resources.of(250, 128 * MI), Map.of()));
        Pod p = admission.create(pod("web-1").container(container("app").cpu("100m")).build());
        assertEquals(QosClass.BURSTABLE, p.qosClass());
        assertEquals(100, p.spec().containers().get(0).requests().cpuMillis(), "an explicit request is never changed");
        assertEquals(128 * MI, p.spec().containers().get(0).requests().memoryBytes());
        assertEquals(1000, p.spec().containers().get(0).limits().cpuMillis());
    }

    @Test
    @DisplayName("15.2: init containers get the defaults too, named as init containers in the annotation")
    void initContainersAreDefaulted() {
        limitRange(containerItem(null, null, Resources.builder().cpuMillis(200).build(),
                Resources.builder().cpuMillis(200).build(), Map.of()));
        Pod p = admission.create(pod("web-1").container(container("app").cpu("100m").limitCpu("100m"))
                .initContainer(container("setup")).build());
        assertEquals(200, p.spec().initContainers().get(0).requests().cpuMillis());
        assertEquals("LimitRanger plugin set: cpu request for init container setup; cpu limit for init container setup",
                p.metadata().annotation(LimitRanger.ANNOTATION));
    }

    @Test
    @DisplayName("no LimitRange in the namespace: the pod is stored as written, with no annotation")
    void noLimitRangeChangesNothing() {
        Pod p = admission.create(pod("web-1").container(container("app")).build());
        assertEquals(QosClass.BEST_EFFORT, p.qosClass());
        assertNull(p.metadata().annotation(LimitRanger.ANNOTATION));
    }

    static Stream<Arguments> violations() {
        Resources cpu100m = Resources.builder().cpuMillis(100).build();
        Resources cpu2 = Resources.builder().cpuMillis(2000).build();
        Resources mem1Gi = Resources.builder().memoryBytes(1024 * MI).build();
        return Stream.of(
                Arguments.of("request below min", containerItem(cpu100m, null, null, null, Map.of()),
                        container("app").cpu("50m"),
                        "minimum cpu usage per Container is 100m, but request is 50m."),
                Arguments.of("no request under a min", containerItem(cpu100m, null, null, null, Map.of()),
                        container("app").memory("64Mi"),
                        "minimum cpu usage per Container is 100m.  No request is specified."),
                Arguments.of("limit above max", containerItem(null, cpu2, null, null, Map.of()),
                        container("app").cpu("1").limitCpu("4"),
                        "maximum cpu usage per Container is 2, but limit is 4."),
                Arguments.of("no limit under a max", containerItem(null, mem1Gi, null, null, Map.of()),
                        container("app").memory("64Mi"),
                        "maximum memory usage per Container is 1Gi.  No limit is specified."),
                Arguments.of("ratio above max", containerItem(null, null, null, null, Map.of("cpu", 2000L)),
                        container("app").cpu("250m").limitCpu("1"),
                        "cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000."),
                Arguments.of("ratio with no limit", containerItem(null, null, null, null, Map.of("memory", 1500L)),
                        container("app").memory("100Mi"),
                        "memory max limit to request ratio per Container is 1500m, but no limit is specified or "
                                + "limit is 0."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    @DisplayName("15.2: each rule refuses the pod with upstream's message")
    void violationIsForbidden(String name, LimitRangeItem item, Fixtures.ContainerBuilder c, String message) {
        limitRange(item);
        AdmissionException e = assertThrows(AdmissionException.class,
                () -> admission.create(pod("web-7d4b9c-x2k4q").container(c).build()));
        assertEquals("pods \"web-7d4b9c-x2k4q\" is forbidden: " + message, e.getMessage());
        assertEquals(0, cluster.store.pods().size(), "a refused pod is never stored");
    }

    @Test
    @DisplayName("15.2: several violations are aggregated as [a, b], and a Pod item sums the containers")
    void severalViolationsAreAggregated() {
        limitRange(containerItem(Resources.builder().cpuMillis(100).build(), null, null, null, Map.of()),
                new LimitRangeItem(LimitRangeItem.POD, null, Resources.builder().cpuMillis(1000).build(), null, null,
                        Map.of()));
        AdmissionException e = assertThrows(AdmissionException.class, () -> admission.create(pod("web-1")
                .container(container("app").cpu("50m").limitCpu("600m"))
                .container(container("sidecar").cpu("200m").limitCpu("600m")).build()));
        assertEquals("pods \"web-1\" is forbidden: [minimum cpu usage per Container is 100m, but request is 50m., "
                + "maximum cpu usage per Pod is 1, but limit is 1200m.]", e.getMessage());
    }

    @Test
    @DisplayName("15.2, 15: a default limit below an explicit request makes the pod invalid, as the API server's "
            + "validation after mutating admission finds")
    void defaultLimitBelowRequestIsInvalid() {
        // LimitRanger mutates before the pod is validated (k8s-semantics.md 15: mutating admission,
        // then validation); ValidateResourceRequirements then refuses request > limit.
        limitRange(containerItem(null, null, Resources.builder().memoryBytes(256 * MI).build(),
                Resources.builder().memoryBytes(128 * MI).build(), Map.of()));
        AdmissionException e = assertThrows(AdmissionException.class,
                () -> admission.create(pod("web-1").container(container("app").memory("512Mi")).build()));
        assertEquals("Pod \"web-1\" is invalid: spec.containers[0].resources.requests: Invalid value: \"512Mi\": "
                + "must be less than or equal to memory limit of 256Mi", e.getMessage());
        assertEquals(0, cluster.store.pods().size(), "an invalid pod is never stored");
    }

    @Test
    @DisplayName("15.2: 0.5 and 500m compare equal (milli-values), so a request at the min is admitted")
    void boundaryIsAdmitted() {
        limitRange(containerItem(Resources.builder().cpuMillis(500).build(), null, null, null, Map.of()));
        admission.create(pod("web-1").container(container("app").cpu("0.5")).build());
        assertEquals(1, cluster.store.pods().size());
    }
}
