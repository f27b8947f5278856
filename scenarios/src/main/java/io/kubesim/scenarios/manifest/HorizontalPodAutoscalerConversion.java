package io.kubesim.scenarios.manifest;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ContainerResourceMetricSource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ExternalMetricSource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricIdentifier;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ObjectMetricSource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.PodsMetricSource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ResourceMetricSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts an autoscaling/v2beta1 HorizontalPodAutoscaler to autoscaling/v2, as the API server
 * does when it stores one (pkg/apis/autoscaling/v2beta1/conversion.go; k8s-semantics.md 16.5):
 * {@code targetAverageUtilization} becomes a Utilization target, else {@code targetAverageValue}
 * an AverageValue target; Pods, Object and External metrics keep their name and selector, with a
 * Value target when {@code targetValue} is set and an AverageValue target otherwise. The v2
 * defaults (minReplicas 1, cpu at 80 % when there is no metric) then apply as for any v2 object.
 * The positions of the fields are unchanged ({@code spec.metrics[i].resource}), so errors found
 * after conversion still point at the metric the user wrote.
 */
final class HorizontalPodAutoscalerConversion {
    private HorizontalPodAutoscalerConversion() {
    }

    static HorizontalPodAutoscaler toV2(io.fabric8.kubernetes.api.model.autoscaling.v2beta1.HorizontalPodAutoscaler old) {
        var spec = old.getSpec();
        HorizontalPodAutoscaler hpa = new HorizontalPodAutoscaler();
        hpa.setMetadata(old.getMetadata());
        if (spec == null) {
            return hpa;
        }
        HorizontalPodAutoscalerSpec s = new HorizontalPodAutoscalerSpec();
        var ref = spec.getScaleTargetRef();
        if (ref != null) {
            s.setScaleTargetRef(new CrossVersionObjectReference(ref.getApiVersion(), ref.getKind(), ref.getName()));
        }
        s.setMinReplicas(spec.getMinReplicas());
        s.setMaxReplicas(spec.getMaxReplicas());
        if (spec.getMetrics() != null) {
            List<MetricSpec> metrics = new ArrayList<>();
            for (var m : spec.getMetrics()) {
                metrics.add(metric(m));
            }
            s.setMetrics(metrics);
        }
        hpa.setSpec(s);
        return hpa;
    }

    private static MetricSpec metric(io.fabric8.kubernetes.api.model.autoscaling.v2beta1.MetricSpec m) {
        MetricSpec out = new MetricSpec();
        out.setType(m.getType());
        if (m.getResource() != null) {
            var r = m.getResource();
            out.setResource(new ResourceMetricSource(r.getName(),
                    averageTarget(r.getTargetAverageUtilization(), r.getTargetAverageValue())));
        }
        if (m.getContainerResource() != null) {
            var c = m.getContainerResource();
            out.setContainerResource(new ContainerResourceMetricSource(c.getContainer(), c.getName(),
                    averageTarget(c.getTargetAverageUtilization(), c.getTargetAverageValue())));
        }
        if (m.getPods() != null) {
            var p = m.getPods();
            out.setPods(new PodsMetricSource(new MetricIdentifier(p.getMetricName(), p.getSelector()),
                    target("AverageValue", null, p.getTargetAverageValue(), null)));
        }
        if (m.getObject() != null) {
            var o = m.getObject();
            var t = o.getTarget();
            out.setObject(new ObjectMetricSource(
                    t == null ? null : new CrossVersionObjectReference(t.getApiVersion(), t.getKind(), t.getName()),
                    new MetricIdentifier(o.getMetricName(), o.getSelector()),
                    o.getAverageValue() != null ? target("AverageValue", null, o.getAverageValue(), null)
                            : target("Value", null, null, o.getTargetValue())));
        }
        if (m.getExternal() != null) {
            var e = m.getExternal();
            out.setExternal(new ExternalMetricSource(new MetricIdentifier(e.getMetricName(), e.getMetricSelector()),
                    e.getTargetValue() != null ? target("Value", null, null, e.getTargetValue())
                            : target("AverageValue", null, e.getTargetAverageValue(), null)));
        }
        return out;
    }

    /** A resource target: Utilization when a utilization is set, else AverageValue, else none. */
    private static MetricTarget averageTarget(Integer utilization, Quantity averageValue) {
        if (utilization != null) {
            return target("Utilization", utilization, null, null);
        }
        if (averageValue != null) {
            return target("AverageValue", null, averageValue, null);
        }
        return null;
    }

    private static MetricTarget target(String type, Integer utilization, Quantity averageValue, Quantity value) {
        MetricTarget t = new MetricTarget();
        t.setType(type);
        t.setAverageUtilization(utilization);
        t.setAverageValue(averageValue);
        t.setValue(value);
        return t;
    }
}
