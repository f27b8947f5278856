package io.kubesim.capacity;

import java.util.List;

/**
 * The verdict on one failure case at one size: what its runs (one per replication) broke of the
 * SLO, judged together at the search's confidence (empty: met).
 */
public record SizeVerdict(int nodes, FailureCase failure, List<String> violations) {
    public SizeVerdict {
        violations = List.copyOf(violations);
    }

    public boolean met() {
        return violations.isEmpty();
    }
}
