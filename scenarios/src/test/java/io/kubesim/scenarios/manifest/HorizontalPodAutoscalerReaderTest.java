package io.kubesim.scenarios.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.HpaMetric;
import io.kubesim.api.HpaScalingPolicy;
import io.kubesim.api.HpaScalingRules;
import io.kubesim.api.Manifest;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Loaded;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HorizontalPodAutoscaler manifests: defaults of pkg/apis/autoscaling/v2/defaults.go
 * (k8s-semantics.md 1.1, 1.9), and the API server's validation as one located error each.
 */
class HorizontalPodAutoscalerReaderTest {

    /** An autoscaling/v2 HPA on Deployment web with maxReplicas 10, whose line 8 takes the given spec field(s). */
    private static String hpa(String field) {
        return """
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: web}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                  minReplicas: 2
                  maxReplicas: 10
                  %s
                """.formatted(field);
    }

    private static Manifest.HorizontalPodAutoscalerManifest load(String yaml) {
        Loaded<List<Manifest>> r = new ManifestLoader().loadText("m.yaml", yaml);
        return (Manifest.HorizontalPodAutoscalerManifest) r.value().get(0);
    }

    @Test
    void withoutMetricsTheTargetIsCpuAt80PercentAndWithoutBehaviorTheLegacyPath() {
        Manifest.HorizontalPodAutoscalerManifest h = load(hpa(""));
        assertEquals(List.of(HpaMetric.DEFAULT_CPU), h.metrics());
        assertEquals(2, h.minReplicas());
        assertFalse(h.hasBehavior());
    }

    @Test
    void behaviorFillsEachDirectionsDefaults_1_9() {
        Manifest.HorizontalPodAutoscalerManifest h = load(hpa(
                "behavior: {scaleDown: {policies: [{type: Pods, value: 1, periodSeconds: 60}]}}"));
        assertEquals(HpaScalingRules.defaultScaleUp(), h.scaleUp());
        assertEquals(new HpaScalingRules(HpaScalingRules.CONTROLLER_DEFAULT, HpaScalingRules.SelectPolicy.MAX,
                List.of(new HpaScalingPolicy(HpaScalingPolicy.Type.PODS, 1, 60))), h.scaleDown());
    }

    @Test
    void averageValueQuantitiesAndUnsimulatedMetrics() {
        Loaded<List<Manifest>> r = new ManifestLoader().loadText("m.yaml", hpa("""
                metrics:
                    - {type: Resource, resource: {name: memory, target: {type: AverageValue, averageValue: 512Mi}}}
                    - {type: ContainerResource, containerResource: {name: cpu, container: app, target: {type: AverageValue, averageValue: 300m}}}
                    - {type: External, external: {metric: {name: queue}, target: {type: Value, value: "10"}}}"""));
        Manifest.HorizontalPodAutoscalerManifest h = (Manifest.HorizontalPodAutoscalerManifest) r.value().get(0);
        assertEquals(512L << 20, h.metrics().get(0).value());
        assertEquals(new HpaMetric(HpaMetric.Type.CONTAINER_RESOURCE, "cpu", "app", HpaMetric.Target.AVERAGE_VALUE, 300,
                "ContainerResource"), h.metrics().get(1));
        assertEquals(HpaMetric.Type.NOT_SIMULATED, h.metrics().get(2).type());
        assertTrue(r.warnings().stream().anyMatch(w -> w.message().startsWith("the External metric has no source")));
    }

    @Test
    void autoscalingV1TakesTargetCpuUtilizationPercentage() {
        Manifest.HorizontalPodAutoscalerManifest h = load("""
                apiVersion: autoscaling/v1
                kind: HorizontalPodAutoscaler
                metadata: {name: web}
                spec:
                  scaleTargetRef: {kind: Deployment, name: web}
                  maxReplicas: 4
                  targetCPUUtilizationPercentage: 70
                """);
        assertEquals(1, h.minReplicas(), "minReplicas defaults to 1");
        assertEquals(70, h.metrics().get(0).value());
    }

    static Stream<Arguments> badHpas() {
        return Stream.of(
                Arguments.of("minReplicas above maxReplicas", hpa("").replace("minReplicas: 2", "minReplicas: 12"), 7,
                        "must be greater than or equal to minReplicas (12), got 10"),
                Arguments.of("maxReplicas 0", hpa("").replace("maxReplicas: 10", "maxReplicas: 0"), 7,
                        "must be greater than 0, got 0"),
                Arguments.of("minReplicas 0", hpa("").replace("minReplicas: 2", "minReplicas: 0"), 6,
                        "must be greater than or equal to 1, got 0"),
                Arguments.of("unknown metric type", hpa("metrics: [{type: Prometheus}]"), 8,
                        "expected Resource, ContainerResource, Pods, Object or External, got \"Prometheus\""),
                Arguments.of("bad quantity", hpa("metrics: [{type: Resource, resource: {name: cpu, target: "
                        + "{type: AverageValue, averageValue: 3 cores}}}]"), 8,
                        "invalid quantity \"3 cores\": quantities must match the regular expression "
                                + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' (e.g. 500m, 1.5, 128Mi, 1Gi)"),
                Arguments.of("Value target on a resource", hpa("metrics: [{type: Resource, resource: {name: cpu, target: "
                        + "{type: Value, value: 1}}}]"), 8,
                        "expected Utilization or AverageValue for a resource metric, got \"Value\""),
                Arguments.of("utilization 0", hpa("metrics: [{type: Resource, resource: {name: cpu, target: "
                        + "{type: Utilization, averageUtilization: 0}}}]"), 8, "must be greater than 0, got 0"),
                Arguments.of("resource not measured", hpa("metrics: [{type: Resource, resource: {name: nvidia.com/gpu, "
                        + "target: {type: Utilization, averageUtilization: 50}}}]"), 8,
                        "kubesim measures cpu and memory, got \"nvidia.com/gpu\""),
                Arguments.of("policy type", hpa("behavior: {scaleUp: {policies: [{type: Replicas, value: 1, "
                        + "periodSeconds: 15}]}}"), 8, "expected Pods or Percent, got \"Replicas\""),
                Arguments.of("policy period too long", hpa("behavior: {scaleUp: {policies: [{type: Pods, value: 1, "
                        + "periodSeconds: 3600}]}}"), 8, "must be between 1 and 1800, got 3600"),
                Arguments.of("select policy", hpa("behavior: {scaleDown: {selectPolicy: Largest}}"), 8,
                        "expected Max, Min or Disabled, got \"Largest\""),
                Arguments.of("stabilization window too long", hpa("behavior: {scaleDown: {stabilizationWindowSeconds: "
                        + "7200}}"), 8, "must be between 0 and 3600, got 7200"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHpas")
    void badInputIsOneLocatedError(String name, String yaml, int line, String message) {
        InputException e = assertThrows(InputException.class, () -> new ManifestLoader().loadText("m.yaml", yaml));
        assertEquals(message, e.detail(), e.format());
        assertEquals("m.yaml", e.file());
        assertEquals(line, e.line(), e.format());
        assertTrue(e.column() > 0, e.format());
    }
}
