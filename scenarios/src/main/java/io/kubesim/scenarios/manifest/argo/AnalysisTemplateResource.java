package io.kubesim.scenarios.manifest.argo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.kubesim.scenarios.manifest.KubernetesObject;
import java.util.List;
import java.util.Map;

/**
 * argoproj.io/v1alpha1 AnalysisTemplate or ClusterAnalysisTemplate as Jackson binds it (Argo
 * Rollouts' {@code analysis_types.go}). Providers whose settings kubesim only quotes are
 * free-form trees.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonDeserialize(using = JsonDeserializer.None.class) // not fabric8's by-kind dispatch of KubernetesResource
public final class AnalysisTemplateResource extends KubernetesObject {
    private Spec spec;

    public Spec getSpec() {
        return spec;
    }

    public void setSpec(Spec spec) {
        this.spec = spec;
    }

    /** {@code AnalysisTemplateSpec}. */
    public record Spec(List<Metric> metrics, List<Argument> args, List<RolloutResource.DryRun> dryRun,
                       List<RolloutResource.MeasurementRetention> measurementRetention,
                       List<RolloutResource.TemplateRef> templates) {
    }

    /** {@code Metric}: interval and initialDelay are Go duration strings; the limits IntOrStrings. */
    public record Metric(String name, String interval, String initialDelay, IntOrString count,
                         String successCondition, String failureCondition, IntOrString failureLimit,
                         IntOrString inconclusiveLimit, IntOrString consecutiveErrorLimit, Provider provider,
                         IntOrString consecutiveSuccessLimit) {
    }

    /** {@code MetricProvider}: exactly one provider. */
    public record Provider(Prometheus prometheus, JsonNode kayenta, JsonNode web, JsonNode datadog, JsonNode wavefront,
                           JsonNode newRelic, JsonNode job, JsonNode cloudWatch, JsonNode graphite, JsonNode influxdb,
                           JsonNode skywalking, Map<String, JsonNode> plugin) {
    }

    /** {@code PrometheusMetric}. */
    public record Prometheus(String address, String query, JsonNode authentication, Long timeout, Boolean insecure,
                             JsonNode headers, JsonNode rangeQuery) {
    }

    /** {@code Argument} of a template: a default value, or one from a secret or a field. */
    public record Argument(String name, String value, JsonNode valueFrom) {
    }
}
