package io.kubesim.api;

import java.util.List;
import java.util.Map;

/**
 * A Rollout's reference to AnalysisTemplates (a canary step, background analysis, or blue-green
 * pre/post-promotion analysis; k8s-semantics.md 20.6).
 *
 * @param args         {@code args[].value} by name (values from fieldRef or secrets are not resolved)
 * @param startingStep background analysis only: the step index it starts at (0 otherwise)
 */
public record RolloutAnalysis(List<TemplateRef> templates, Map<String, String> args, int startingStep) {
    public RolloutAnalysis {
        templates = List.copyOf(templates);
        args = Collections2.sortedCopy(args);
    }

    /** {@code templateName} (a namespaced AnalysisTemplate) or, with {@code clusterScope}, a ClusterAnalysisTemplate. */
    public record TemplateRef(String templateName, boolean clusterScope) {
    }
}
