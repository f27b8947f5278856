package io.kubesim.scenarios.manifest;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import io.kubesim.api.HpaMetric;
import io.kubesim.api.HpaScalingPolicy;
import io.kubesim.api.HpaScalingRules;
import io.kubesim.api.Manifest;
import io.kubesim.api.Resources;
import io.kubesim.scenarios.Quantities;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a HorizontalPodAutoscaler: autoscaling/v2 (and v2beta2, the same shape; v2beta1 after
 * {@link HorizontalPodAutoscalerConversion}), and autoscaling/v1 with
 * {@code targetCPUUtilizationPercentage}. Validation follows the API server's
 * (ValidateHorizontalPodAutoscaler): maxReplicas ≥ 1, minReplicas between 1 and maxReplicas, a
 * known metric type with its source, Utilization or AverageValue targets on Resource metrics, and
 * behavior policies with positive values and periods of at most 1800 s. Defaults as
 * pkg/apis/autoscaling/v2/defaults.go (k8s-semantics.md 1.1, 1.9). A target of a kind kubesim
 * does not run is a warning, and the HPA does nothing in the run; targets of the kinds it runs
 * (Deployment, ReplicaSet, ReplicationController ...) are looked up after the load.
 */
final class HorizontalPodAutoscalerReader {
    static final String V1 = "autoscaling/v1";
    private static final int MAX_PERIOD_SECONDS = 1800;
    private static final int MAX_WINDOW_SECONDS = 3600;

    private HorizontalPodAutoscalerReader() {
    }

    static Manifest.HorizontalPodAutoscalerManifest v1(ObjectContext ctx,
            io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler hpa, ObjectMetaReader.Meta meta) {
        var spec = hpa.getSpec();
        if (spec == null) {
            throw ctx.errorAtKey("", "a HorizontalPodAutoscaler needs a spec with scaleTargetRef and maxReplicas");
        }
        var ref = spec.getScaleTargetRef();
        String target = target(ctx, ref == null ? null : ref.getKind(), ref == null ? null : ref.getName());
        int[] range = range(ctx, spec.getMinReplicas(), spec.getMaxReplicas());
        List<HpaMetric> metrics = List.of(HpaMetric.DEFAULT_CPU);
        Integer pct = spec.getTargetCPUUtilizationPercentage();
        if (pct != null) {
            if (pct < 1) {
                throw ctx.error("/spec/targetCPUUtilizationPercentage", "must be greater than 0, got " + pct);
            }
            metrics = List.of(new HpaMetric(HpaMetric.Type.RESOURCE, Resources.CPU, "", HpaMetric.Target.UTILIZATION,
                    pct, "Resource"));
        }
        return new Manifest.HorizontalPodAutoscalerManifest(meta.namespace(), meta.name(), ref.getKind(), target,
                range[0], range[1], metrics, null, null, ctx.origin(), ref.getApiVersion());
    }

    static Manifest.HorizontalPodAutoscalerManifest v2(ObjectContext ctx, HorizontalPodAutoscaler hpa,
                                                       ObjectMetaReader.Meta meta) {
        HorizontalPodAutoscalerSpec spec = hpa.getSpec();
        if (spec == null) {
            throw ctx.errorAtKey("", "a HorizontalPodAutoscaler needs a spec with scaleTargetRef and maxReplicas");
        }
        var ref = spec.getScaleTargetRef();
        String target = target(ctx, ref == null ? null : ref.getKind(), ref == null ? null : ref.getName());
        int[] range = range(ctx, spec.getMinReplicas(), spec.getMaxReplicas());
        List<HpaMetric> metrics = new ArrayList<>();
        List<MetricSpec> specs = spec.getMetrics() == null ? List.of() : spec.getMetrics();
        for (int i = 0; i < specs.size(); i++) {
            metrics.add(metric(ctx, "/spec/metrics/" + i, specs.get(i)));
        }
        if (metrics.isEmpty()) {
            metrics.add(HpaMetric.DEFAULT_CPU);
        }
        HpaScalingRules up = null;
        HpaScalingRules down = null;
        if (spec.getBehavior() != null) {
            up = rules(ctx, "/spec/behavior/scaleUp", spec.getBehavior().getScaleUp(), HpaScalingRules.defaultScaleUp());
            down = rules(ctx, "/spec/behavior/scaleDown", spec.getBehavior().getScaleDown(),
                    HpaScalingRules.defaultScaleDown(HpaScalingRules.CONTROLLER_DEFAULT));
        }
        return new Manifest.HorizontalPodAutoscalerManifest(meta.namespace(), meta.name(), ref.getKind(), target,
                range[0], range[1], metrics, up, down, ctx.origin(), ref.getApiVersion());
    }

    private static String target(ObjectContext ctx, String kind, String name) {
        if (kind == null || kind.isEmpty()) {
            throw ctx.errorAtKey("/spec/scaleTargetRef", "scaleTargetRef needs a kind");
        }
        if (name == null || name.isEmpty()) {
            throw ctx.errorAtKey("/spec/scaleTargetRef", "scaleTargetRef needs a name");
        }
        if (!ApiKind.isModelled(kind)) {
            // The API server accepts any kind with a scale subresource (a CRD such as an Argo Rollout ...);
            // targets of the kinds kubesim runs are checked against the input after the load (ScaleTargetCheck).
            ctx.warn("/spec/scaleTargetRef/kind", "kubesim does not run " + kind + " objects: this "
                    + "HorizontalPodAutoscaler's target " + kind + " \"" + name + "\" is not simulated, so it does "
                    + "nothing and reports FailedGetScale at each sync");
        }
        return name;
    }

    private static int[] range(ObjectContext ctx, Integer min, Integer max) {
        if (max == null) {
            throw ctx.errorAtKey("/spec", "a HorizontalPodAutoscaler needs maxReplicas");
        }
        if (max < 1) {
            throw ctx.error("/spec/maxReplicas", "must be greater than 0, got " + max);
        }
        int lo = min == null ? 1 : min;
        if (lo < 1) {
            throw ctx.error("/spec/minReplicas", "must be greater than or equal to 1, got " + lo);
        }
        if (lo > max) {
            throw ctx.error("/spec/maxReplicas", "must be greater than or equal to minReplicas (" + lo + "), got " + max);
        }
        return new int[] {lo, max};
    }

    private static HpaMetric metric(ObjectContext ctx, String p, MetricSpec m) {
        String type = m.getType();
        if (type == null) {
            throw ctx.errorAtKey(p, "a metric needs a type (Resource, ContainerResource, Pods, Object or External)");
        }
        switch (type) {
            case "Resource" -> {
                if (m.getResource() == null) {
                    throw ctx.errorAtKey(p, "a Resource metric needs a resource");
                }
                return resource(ctx, p + "/resource", HpaMetric.Type.RESOURCE, m.getResource().getName(), "",
                        m.getResource().getTarget());
            }
            case "ContainerResource" -> {
                var c = m.getContainerResource();
                if (c == null) {
                    throw ctx.errorAtKey(p, "a ContainerResource metric needs a containerResource");
                }
                if (c.getContainer() == null || c.getContainer().isEmpty()) {
                    throw ctx.errorAtKey(p + "/containerResource", "a ContainerResource metric needs a container");
                }
                return resource(ctx, p + "/containerResource", HpaMetric.Type.CONTAINER_RESOURCE, c.getName(),
                        c.getContainer(), c.getTarget());
            }
            case "Pods", "Object", "External" -> {
                ctx.warn(p + "/type", "the " + type + " metric has no source in kubesim: it counts as an invalid "
                        + "metric (the HPA scales on its other metrics, never down)");
                return new HpaMetric(HpaMetric.Type.NOT_SIMULATED, "", "", HpaMetric.Target.AVERAGE_VALUE, 0, type);
            }
            default -> throw ctx.error(p + "/type", "expected Resource, ContainerResource, Pods, Object or External, got \""
                    + type + "\"");
        }
    }

    private static HpaMetric resource(ObjectContext ctx, String p, HpaMetric.Type type, String name, String container,
                                      MetricTarget target) {
        if (name == null || name.isEmpty()) {
            throw ctx.errorAtKey(p, "a resource metric needs a name (cpu or memory)");
        }
        if (!name.equals(Resources.CPU) && !name.equals(Resources.MEMORY)) {
            throw ctx.error(p + "/name", "kubesim measures cpu and memory, got \"" + name + "\"");
        }
        if (target == null || target.getType() == null) {
            throw ctx.errorAtKey(p, "a resource metric needs a target with a type (Utilization or AverageValue)");
        }
        String source = type == HpaMetric.Type.RESOURCE ? "Resource" : "ContainerResource";
        switch (target.getType()) {
            case "Utilization" -> {
                Integer u = target.getAverageUtilization();
                if (u == null) {
                    throw ctx.errorAtKey(p + "/target", "a Utilization target needs averageUtilization");
                }
                if (u < 1) {
                    throw ctx.error(p + "/target/averageUtilization", "must be greater than 0, got " + u);
                }
                return new HpaMetric(type, name, container, HpaMetric.Target.UTILIZATION, u, source);
            }
            case "AverageValue" -> {
                if (target.getAverageValue() == null) {
                    throw ctx.errorAtKey(p + "/target", "an AverageValue target needs averageValue");
                }
                String vp = p + "/target/averageValue";
                // As written; a target converted from autoscaling/v2beta1 has no node at this path.
                String text = ctx.node(vp).isMissingNode()
                        ? target.getAverageValue().getAmount() + target.getAverageValue().getFormat()
                        : ctx.node(vp).asText();
                long v;
                try {
                    BigDecimal amount = Quantities.parse(text);
                    v = name.equals(Resources.CPU) ? Quantities.milliValue(amount) : Quantities.value(amount);
                } catch (IllegalArgumentException e) {
                    throw ctx.error(vp, "expected a quantity such as 500m or 512Mi, got \"" + text
                            + "\" (" + e.getMessage() + ")");
                }
                if (v <= 0) {
                    throw ctx.error(vp, "must be positive, got " + text);
                }
                return new HpaMetric(type, name, container, HpaMetric.Target.AVERAGE_VALUE, v, source);
            }
            default -> throw ctx.error(p + "/target/type", "expected Utilization or AverageValue for a resource metric, "
                    + "got \"" + target.getType() + "\"");
        }
    }

    private static HpaScalingRules rules(ObjectContext ctx, String p, HPAScalingRules r, HpaScalingRules defaults) {
        if (r == null) {
            return defaults;
        }
        int window = defaults.stabilizationWindowSeconds();
        if (r.getStabilizationWindowSeconds() != null) {
            window = r.getStabilizationWindowSeconds();
            if (window < 0 || window > MAX_WINDOW_SECONDS) {
                throw ctx.error(p + "/stabilizationWindowSeconds", "must be between 0 and " + MAX_WINDOW_SECONDS
                        + ", got " + window);
            }
        }
        HpaScalingRules.SelectPolicy select = defaults.selectPolicy();
        if (r.getSelectPolicy() != null) {
            select = switch (r.getSelectPolicy()) {
                case "Max" -> HpaScalingRules.SelectPolicy.MAX;
                case "Min" -> HpaScalingRules.SelectPolicy.MIN;
                case "Disabled" -> HpaScalingRules.SelectPolicy.DISABLED;
                default -> throw ctx.error(p + "/selectPolicy", "expected Max, Min or Disabled, got \""
                        + r.getSelectPolicy() + "\"");
            };
        }
        List<HpaScalingPolicy> policies = defaults.policies();
        if (r.getPolicies() != null) {
            policies = new ArrayList<>();
            for (int i = 0; i < r.getPolicies().size(); i++) {
                policies.add(policy(ctx, p + "/policies/" + i, r.getPolicies().get(i)));
            }
            if (policies.isEmpty() && select != HpaScalingRules.SelectPolicy.DISABLED) {
                throw ctx.error(p + "/policies", "must specify at least one Policy");
            }
        }
        return new HpaScalingRules(window, select, policies);
    }

    private static HpaScalingPolicy policy(ObjectContext ctx, String p, HPAScalingPolicy policy) {
        HpaScalingPolicy.Type type;
        if ("Pods".equals(policy.getType())) {
            type = HpaScalingPolicy.Type.PODS;
        } else if ("Percent".equals(policy.getType())) {
            type = HpaScalingPolicy.Type.PERCENT;
        } else {
            throw ctx.error(p + "/type", "expected Pods or Percent, got \"" + policy.getType() + "\"");
        }
        Integer value = policy.getValue();
        if (value == null || value <= 0) {
            throw ctx.error(p + "/value", "must be greater than zero, got " + value);
        }
        Integer period = policy.getPeriodSeconds();
        if (period == null || period <= 0 || period > MAX_PERIOD_SECONDS) {
            throw ctx.error(p + "/periodSeconds", "must be between 1 and " + MAX_PERIOD_SECONDS + ", got " + period);
        }
        return new HpaScalingPolicy(type, value, period);
    }
}
