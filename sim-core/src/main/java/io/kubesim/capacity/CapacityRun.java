package io.kubesim.capacity;

import java.util.List;

/**
 * One simulation the planner made: the pool's size, which failure case, which replication (from
 * 1), what happened and what of the SLO this run alone broke (empty: met).
 */
public record CapacityRun(int nodes, FailureCase failure, RunOutcome outcome, List<String> violations,
                          int replication) {
    public CapacityRun {
        violations = List.copyOf(violations);
    }

    /** A run of a search without replications. */
    public CapacityRun(int nodes, FailureCase failure, RunOutcome outcome, List<String> violations) {
        this(nodes, failure, outcome, violations, 1);
    }

    public boolean met() {
        return violations.isEmpty();
    }
}
