package io.kubesim.capacity;

import java.util.List;

/**
 * One simulation the planner made: the pool's size, which failure case, what happened and what
 * of the SLO it broke (empty: met).
 */
public record CapacityRun(int nodes, FailureCase failure, RunOutcome outcome, List<String> violations) {
    public CapacityRun {
        violations = List.copyOf(violations);
    }

    public boolean met() {
        return violations.isEmpty();
    }
}
