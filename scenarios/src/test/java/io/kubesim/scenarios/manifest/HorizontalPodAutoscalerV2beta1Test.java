package io.kubesim.scenarios.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.HpaMetric;
import io.kubesim.api.Manifest;
import io.kubesim.scenarios.Diagnostic;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Loaded;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * autoscaling/v2beta1 HorizontalPodAutoscalers load as the API server stores them: converted to v2
 * (pkg/apis/autoscaling/v2beta1/conversion.go, k8s-semantics.md 16.5), with the v2 defaults and a
 * warning that the version was removed in 1.25.
 */
class HorizontalPodAutoscalerV2beta1Test {
    /** A v2beta1 HPA on Deployment web whose {@code spec.metrics} starts at line 8. */
    private static String v2beta1(String metrics) {
        return """
                apiVersion: autoscaling/v2beta1
                kind: HorizontalPodAutoscaler
                metadata: {name: web}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                  maxReplicas: 10
                  metrics:
                %s
                """.formatted(metrics.indent(4).stripTrailing());
    }

    private static Loaded<List<Manifest>> load(String yaml) {
        return new ManifestLoader().loadText("m.yaml", yaml);
    }

    private static Manifest.HorizontalPodAutoscalerManifest hpa(Loaded<List<Manifest>> r) {
        return (Manifest.HorizontalPodAutoscalerManifest) r.value().get(0);
    }

    static Stream<Arguments> resourceTargets() {
        return Stream.of(
                Arguments.of("targetAverageUtilization becomes a Utilization target",
                        "- type: Resource\n  resource: {name: cpu, targetAverageUtilization: 60}",
                        new HpaMetric(HpaMetric.Type.RESOURCE, "cpu", "", HpaMetric.Target.UTILIZATION, 60, "Resource")),
                Arguments.of("targetAverageValue becomes an AverageValue target (cpu in millicores)",
                        "- type: Resource\n  resource: {name: cpu, targetAverageValue: 250m}",
                        new HpaMetric(HpaMetric.Type.RESOURCE, "cpu", "", HpaMetric.Target.AVERAGE_VALUE, 250,
                                "Resource")),
                Arguments.of("targetAverageValue of memory in bytes",
                        "- type: Resource\n  resource: {name: memory, targetAverageValue: 512Mi}",
                        new HpaMetric(HpaMetric.Type.RESOURCE, "memory", "", HpaMetric.Target.AVERAGE_VALUE,
                                512L * 1024 * 1024, "Resource")),
                Arguments.of("with both, utilization wins (it is checked first)",
                        "- type: Resource\n  resource: {name: cpu, targetAverageUtilization: 70, targetAverageValue: 1}",
                        new HpaMetric(HpaMetric.Type.RESOURCE, "cpu", "", HpaMetric.Target.UTILIZATION, 70, "Resource")),
                Arguments.of("a ContainerResource metric names its container",
                        "- type: ContainerResource\n  containerResource: {name: cpu, container: app, "
                                + "targetAverageUtilization: 50}",
                        new HpaMetric(HpaMetric.Type.CONTAINER_RESOURCE, "cpu", "app", HpaMetric.Target.UTILIZATION, 50,
                                "ContainerResource")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resourceTargets")
    void resourceMetricsConvertToV2Targets(String name, String metrics, HpaMetric expected) {
        Manifest.HorizontalPodAutoscalerManifest h = hpa(load(v2beta1(metrics)));
        assertEquals(List.of(expected), h.metrics());
        assertEquals(1, h.minReplicas(), "minReplicas defaults to 1");
        assertEquals(10, h.maxReplicas());
        assertFalse(h.hasBehavior(), "v2beta1 has no behavior: the legacy 1.8 path");
    }

    @Test
    void withoutMetricsTheV2DefaultApplies_cpuAt80Percent() {
        Manifest.HorizontalPodAutoscalerManifest h = hpa(load(v2beta1("[]")));
        assertEquals(List.of(HpaMetric.DEFAULT_CPU), h.metrics());
    }

    @Test
    void theRemovedVersionIsALocatedWarning() {
        Loaded<List<Manifest>> r = load(v2beta1("- {type: Resource, resource: {name: cpu, targetAverageUtilization: 60}}"));
        List<String> warnings = r.warnings().stream().map(Diagnostic::format).toList();
        assertTrue(warnings.contains("m.yaml:1:1: warning: autoscaling/v2beta1 HorizontalPodAutoscaler \"web\" uses a "
                + "deprecated apiVersion: it was removed in Kubernetes 1.25; use autoscaling/v2; loaded with that "
                + "version's defaults"), warnings.toString());
    }

    @Test
    void podsObjectAndExternalMetricsLoadAndWarnAtTheirTypeThatKubesimDoesNotModelThem() {
        Loaded<List<Manifest>> r = load(v2beta1("""
                - type: Pods
                  pods: {metricName: requests_per_second, targetAverageValue: "100"}
                - type: Object
                  object:
                    target: {apiVersion: networking.k8s.io/v1, kind: Ingress, name: main}
                    metricName: requests_per_second
                    targetValue: 2k
                - type: External
                  external: {metricName: queue_depth, targetAverageValue: "30"}
                - type: Resource
                  resource: {name: cpu, targetAverageUtilization: 60}"""));
        Manifest.HorizontalPodAutoscalerManifest h = hpa(r);
        assertEquals(List.of("Pods", "Object", "External", "Resource"), h.metrics().stream().map(HpaMetric::source).toList());
        assertEquals(HpaMetric.Type.NOT_SIMULATED, h.metrics().get(0).type());
        assertEquals(HpaMetric.Type.RESOURCE, h.metrics().get(3).type());
        List<String> warnings = r.warnings().stream().map(Diagnostic::format).toList();
        for (int[] at : new int[][] {{8, 7}, {10, 7}, {15, 7}}) {
            assertTrue(warnings.stream().anyMatch(w -> w.startsWith("m.yaml:" + at[0] + ":" + at[1] + ": warning: the ")
                    && w.contains("metric has no source in kubesim")), at[0] + " in " + warnings);
        }
    }

    @Test
    void aResourceMetricWithNoTargetIsALocatedError() {
        InputException e = assertThrows(InputException.class,
                () -> load(v2beta1("- type: Resource\n  resource: {name: cpu}")));
        assertEquals(9, e.line(), e.format());
        assertEquals("a resource metric needs a target with a type (Utilization or AverageValue)", e.detail());
    }
}
