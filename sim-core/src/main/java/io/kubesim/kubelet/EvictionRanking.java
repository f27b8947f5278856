package io.kubesim.kubelet;

import java.util.Comparator;

/**
 * The order in which the kubelet evicts pods under memory pressure (k8s-semantics.md 4.5,
 * eviction/helpers.go rankMemoryPressure): pods whose usage exceeds their request first, then
 * lower priority first, then the larger excess of usage over request first. QoS class is not a
 * key; BestEffort pods simply always exceed their request of 0.
 */
final class EvictionRanking {
    /** What the ranking looks at for one pod. */
    record Candidate(String name, double memoryUsage, long memoryRequest, int priority) {
        boolean exceedsRequest() {
            return memoryUsage > memoryRequest;
        }

        double excess() {
            return memoryUsage - memoryRequest;
        }
    }

    /** First in this order is evicted first. */
    static final Comparator<Candidate> MEMORY = Comparator
            .comparing((Candidate c) -> !c.exceedsRequest())
            .thenComparingInt(Candidate::priority)
            .thenComparing(Comparator.comparingDouble(Candidate::excess).reversed());

    private EvictionRanking() {
    }
}
