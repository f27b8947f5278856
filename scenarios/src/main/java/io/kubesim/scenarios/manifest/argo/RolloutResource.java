package io.kubesim.scenarios.manifest.argo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.kubesim.scenarios.manifest.KubernetesObject;
import java.util.List;
import java.util.Map;

/**
 * argoproj.io/v1alpha1 Rollout as Jackson binds it: the fields of Argo Rollouts'
 * {@code pkg/apis/rollouts/v1alpha1/types.go}, for the schema check (unknown fields, wrong types)
 * and the binder. Router and step internals kubesim does not read are free-form trees.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonDeserialize(using = JsonDeserializer.None.class) // not fabric8's by-kind dispatch of KubernetesResource
public final class RolloutResource extends KubernetesObject {
    private Spec spec;

    public Spec getSpec() {
        return spec;
    }

    public void setSpec(Spec spec) {
        this.spec = spec;
    }

    /** {@code RolloutSpec}. */
    public record Spec(Integer replicas, LabelSelector selector, PodTemplateSpec template, ObjectRef workloadRef,
                       Integer minReadySeconds, RollbackWindow rollbackWindow, Strategy strategy,
                       Integer revisionHistoryLimit, Boolean paused, Integer progressDeadlineSeconds,
                       Boolean progressDeadlineAbort, String restartAt, AnalysisRunStrategy analysis) {
    }

    /** {@code ObjectRef} of {@code spec.workloadRef}. */
    public record ObjectRef(String apiVersion, String kind, String name, String scaleDown) {
    }

    /** {@code RollbackWindowSpec}. */
    public record RollbackWindow(Integer revisions) {
    }

    /** {@code AnalysisRunStrategy}: how many finished AnalysisRuns to keep. */
    public record AnalysisRunStrategy(Integer successfulRunHistoryLimit, Integer unsuccessfulRunHistoryLimit) {
    }

    /** {@code RolloutStrategy}: one of the two. */
    public record Strategy(BlueGreen blueGreen, Canary canary) {
    }

    /** {@code BlueGreenStrategy}. */
    public record BlueGreen(String activeService, String previewService, Integer previewReplicaCount,
                            Boolean autoPromotionEnabled, Integer autoPromotionSeconds, IntOrString maxUnavailable,
                            Integer scaleDownDelaySeconds, Integer scaleDownDelayRevisionLimit,
                            Analysis prePromotionAnalysis, AntiAffinity antiAffinity, Analysis postPromotionAnalysis,
                            PodTemplateMetadata previewMetadata, PodTemplateMetadata activeMetadata,
                            Integer abortScaleDownDelaySeconds) {
    }

    /** {@code CanaryStrategy}. */
    public record Canary(String canaryService, String stableService, List<Step> steps, TrafficRouting trafficRouting,
                         IntOrString maxUnavailable, IntOrString maxSurge, BackgroundAnalysis analysis,
                         AntiAffinity antiAffinity, PodTemplateMetadata canaryMetadata,
                         PodTemplateMetadata stableMetadata, Integer scaleDownDelaySeconds,
                         Integer scaleDownDelayRevisionLimit, Integer abortScaleDownDelaySeconds,
                         Boolean dynamicStableScale, PingPong pingPong, Integer minPodsPerReplicaSet) {
    }

    /** {@code AntiAffinity}: exactly one of the two. */
    public record AntiAffinity(Preferred preferredDuringSchedulingIgnoredDuringExecution,
                               JsonNode requiredDuringSchedulingIgnoredDuringExecution) {
    }

    /** {@code PreferredDuringSchedulingIgnoredDuringExecution}. */
    public record Preferred(Integer weight) {
    }

    /** {@code PingPongSpec}. */
    public record PingPong(String pingService, String pongService) {
    }

    /** {@code PodTemplateMetadata}: labels and annotations put on the canary/stable/preview/active pods. */
    public record PodTemplateMetadata(Map<String, String> labels, Map<String, String> annotations) {
    }

    /**
     * {@code RolloutTrafficRouting}. The routers' own settings (VirtualService names, ingress
     * names ...) are kept as trees: kubesim only needs which router it is.
     */
    public record TrafficRouting(JsonNode istio, JsonNode nginx, JsonNode alb, JsonNode smi, JsonNode ambassador,
                                 JsonNode appMesh, JsonNode traefik, List<ManagedRoute> managedRoutes,
                                 JsonNode apisix, Map<String, JsonNode> plugins, Integer maxTrafficWeight) {
    }

    /** {@code MangedRoutes} (sic, upstream). */
    public record ManagedRoute(String name) {
    }

    /** {@code CanaryStep}: exactly one field set. */
    public record Step(Integer setWeight, Pause pause, JsonNode experiment, Analysis analysis,
                       SetCanaryScale setCanaryScale, JsonNode setHeaderRoute, JsonNode setMirrorRoute,
                       JsonNode plugin) {
    }

    /** {@code RolloutPause}: an integer (seconds) or a duration string; none waits for a promote. */
    public record Pause(IntOrString duration) {
    }

    /** {@code SetCanaryScale}. */
    public record SetCanaryScale(Integer weight, Integer replicas, Boolean matchTrafficWeight) {
    }

    /** {@code RolloutAnalysis} (a step, or blue-green pre/post-promotion analysis). */
    public record Analysis(List<TemplateRef> templates, List<Argument> args, List<DryRun> dryRun,
                           List<MeasurementRetention> measurementRetention, PodTemplateMetadata analysisRunMetadata) {
    }

    /** {@code RolloutAnalysisBackground}: {@link Analysis} inlined, with the step it starts at. */
    public record BackgroundAnalysis(List<TemplateRef> templates, List<Argument> args, List<DryRun> dryRun,
                                     List<MeasurementRetention> measurementRetention,
                                     PodTemplateMetadata analysisRunMetadata, Integer startingStep) {
        public Analysis analysis() {
            return new Analysis(templates, args, dryRun, measurementRetention, analysisRunMetadata);
        }
    }

    /** {@code AnalysisTemplateRef}. */
    public record TemplateRef(String templateName, Boolean clusterScope) {
    }

    /** {@code AnalysisRunArgument}: a value, or one taken from the pod template hash or a field. */
    public record Argument(String name, String value, ArgumentValueFrom valueFrom) {
    }

    /** {@code ArgumentValueFrom}. */
    public record ArgumentValueFrom(String podTemplateHashValue, FieldRef fieldRef) {
    }

    /** {@code FieldRef}. */
    public record FieldRef(String fieldPath) {
    }

    /** {@code DryRun}. */
    public record DryRun(String metricName) {
    }

    /** {@code MeasurementRetention}. */
    public record MeasurementRetention(String metricName, Integer limit) {
    }
}
