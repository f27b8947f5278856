package io.kubesim.api;

import java.util.List;
import java.util.Map;

/**
 * One rule of a Job's {@code podFailurePolicy} (k8s-semantics.md 13.5): an action and what it
 * matches, either exit codes ({@code onExitCodes}) or pod conditions ({@code onPodConditions}).
 *
 * @param action        FailJob, Ignore, Count or FailIndex
 * @param containerName {@code onExitCodes.containerName}; "" for any container
 * @param operator      {@code onExitCodes.operator} (In or NotIn); "" when the rule matches pod conditions
 * @param exitCodes     {@code onExitCodes.values}
 * @param podConditions {@code onPodConditions} as type → status (True, False, Unknown), key-sorted
 */
public record PodFailureRule(String action, String containerName, String operator, List<Integer> exitCodes,
                             Map<String, String> podConditions) {
    public PodFailureRule {
        containerName = containerName == null ? "" : containerName;
        operator = operator == null ? "" : operator;
        exitCodes = List.copyOf(exitCodes);
        podConditions = Collections2.sortedCopy(podConditions);
    }

    /** Whether the rule matches exit codes (else pod conditions). */
    public boolean onExitCodes() {
        return !operator.isEmpty();
    }
}
