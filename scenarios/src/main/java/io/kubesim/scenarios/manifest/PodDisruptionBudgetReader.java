package io.kubesim.scenarios.manifest;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
import io.kubesim.api.IntOrPercent;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;

/**
 * Reads a PodDisruptionBudget (policy/v1, and policy/v1beta1 with its one difference: an empty
 * selector selects no pod there, every pod of the namespace in v1). Validation follows the API
 * server's (ValidatePodDisruptionBudgetSpec): minAvailable and maxUnavailable not both set, each
 * a non-negative integer or a percentage of at most 100 %; a known unhealthyPodEvictionPolicy.
 */
final class PodDisruptionBudgetReader {
    static final String V1BETA1 = "policy/v1beta1";
    private static final String IF_HEALTHY_BUDGET = "IfHealthyBudget";
    private static final String ALWAYS_ALLOW = "AlwaysAllow";

    private PodDisruptionBudgetReader() {
    }

    static Manifest.PodDisruptionBudgetManifest read(ObjectContext ctx, ApiKind kind, PodDisruptionBudget pdb,
                                                     ObjectMetaReader.Meta meta) {
        PodDisruptionBudgetSpec spec = pdb.getSpec();
        if (spec == null) {
            throw ctx.error("", "a PodDisruptionBudget needs a spec with minAvailable or maxUnavailable");
        }
        if (spec.getMinAvailable() != null && spec.getMaxUnavailable() != null) {
            throw ctx.error("/spec/maxUnavailable", "minAvailable and maxUnavailable cannot be both set");
        }
        if (spec.getMinAvailable() == null && spec.getMaxUnavailable() == null) {
            throw ctx.errorAtKey("/spec", "a PodDisruptionBudget needs minAvailable or maxUnavailable (kubesim does "
                    + "not model one with neither)");
        }
        IntOrPercent min = spec.getMinAvailable() == null ? null
                : percentAtMost100(ctx, "/spec/minAvailable", spec.getMinAvailable());
        IntOrPercent max = spec.getMaxUnavailable() == null ? null
                : percentAtMost100(ctx, "/spec/maxUnavailable", spec.getMaxUnavailable());
        LabelSelector selector = SelectorReader.labelSelector(ctx, "/spec/selector", spec.getSelector());
        if (selector != null && selector.isEmpty() && kind.apiVersion().equals(V1BETA1)) {
            selector = null;
        }
        String policy = spec.getUnhealthyPodEvictionPolicy();
        if (policy != null && !policy.equals(IF_HEALTHY_BUDGET) && !policy.equals(ALWAYS_ALLOW)) {
            throw ctx.error("/spec/unhealthyPodEvictionPolicy", "expected " + IF_HEALTHY_BUDGET + " or " + ALWAYS_ALLOW
                    + ", got \"" + policy + "\"");
        }
        return new Manifest.PodDisruptionBudgetManifest(meta.namespace(), meta.name(), meta.labels(), selector, min, max,
                ALWAYS_ALLOW.equals(policy), ctx.origin());
    }

    private static IntOrPercent percentAtMost100(ObjectContext ctx, String pointer,
                                                 io.fabric8.kubernetes.api.model.IntOrString v) {
        IntOrPercent p = WorkloadReader.intOrPercent(ctx, pointer, v);
        if (p.percent() && p.value() > 100) {
            throw ctx.error(pointer, "must not be greater than 100%, got " + p);
        }
        return p;
    }
}
