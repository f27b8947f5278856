package io.kubesim.controllers.hpa;

import java.util.List;

/**
 * computeReplicasForMetrics (k8s-semantics.md 1.6): the largest valid proposal wins; if every
 * metric is invalid nothing happens; if some are invalid the HPA never scales below the current
 * count on partial information.
 */
public final class MetricProposals {
    private MetricProposals() {}

    /** The combined proposal, or -1 when nothing should happen this sync. */
    public static int combine(int current, List<Proposal> proposals) {
        int best = -1;
        boolean anyInvalid = false;
        for (Proposal p : proposals) {
            if (p.valid()) {
                best = Math.max(best, p.replicas());
            } else {
                anyInvalid = true;
            }
        }
        if (best < 0) {
            return -1;
        }
        if (anyInvalid && best < current) {
            return -1;
        }
        return best;
    }
}
