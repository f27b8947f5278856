package io.kubesim.scenarios.audit.checks;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesim.scenarios.audit.AuditObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The CPU utilization targets of an HPA in any of its apiVersions, as the API server converts them
 * to autoscaling/v2 (k8s-semantics.md 16.5): autoscaling/v1's targetCPUUtilizationPercentage
 * (80 when unset), v2beta1's targetAverageUtilization, v2's target.averageUtilization, and the
 * default cpu 80 % when no metric is written.
 */
final class HpaCpuTargets {
    /** A target and where it is written ({@code pointer} of the field, or of the HPA's spec when defaulted). */
    record Target(int percent, String pointer, boolean defaulted) {
    }

    private HpaCpuTargets() {
    }

    /** The {@code --set} override that makes {@code t} {@code percent}, in the HPA's own apiVersion. */
    static String set(AuditObject hpa, Target t, int percent) {
        String target = hpa.namespace() + "/horizontalpodautoscaler/" + hpa.name() + ":";
        if (!t.defaulted()) {
            return target + t.pointer().substring(1).replaceAll("/(\\d+)", "[$1]").replace('/', '.') + "=" + percent;
        }
        if (hpa.apiVersion().equals("autoscaling/v1")) {
            return target + "spec.targetCPUUtilizationPercentage=" + percent;
        }
        return target + "spec.metrics=[{type: Resource, resource: {name: cpu, target: {type: Utilization, "
                + "averageUtilization: " + percent + "}}}]";
    }

    static List<Target> of(AuditObject hpa) {
        List<Target> out = new ArrayList<>();
        if (hpa.apiVersion().equals("autoscaling/v1")) {
            JsonNode t = hpa.path("/spec/targetCPUUtilizationPercentage");
            out.add(t.canConvertToInt() ? new Target(t.asInt(), "/spec/targetCPUUtilizationPercentage", false)
                    : new Target(80, "/spec", true));
            return out;
        }
        JsonNode metrics = hpa.path("/spec/metrics");
        if (!metrics.isArray() || metrics.isEmpty()) {
            out.add(new Target(80, "/spec", true));
            return out;
        }
        for (int i = 0; i < metrics.size(); i++) {
            JsonNode m = metrics.get(i);
            if (!m.path("type").asText("").equals("Resource") || !m.path("resource").path("name").asText("").equals("cpu")) {
                continue;
            }
            JsonNode v2 = m.path("resource").path("target").path("averageUtilization");
            JsonNode beta1 = m.path("resource").path("targetAverageUtilization");
            if (v2.canConvertToInt()) {
                out.add(new Target(v2.asInt(), "/spec/metrics/" + i + "/resource/target/averageUtilization", false));
            } else if (beta1.canConvertToInt()) {
                out.add(new Target(beta1.asInt(), "/spec/metrics/" + i + "/resource/targetAverageUtilization", false));
            }
        }
        return out;
    }
}
