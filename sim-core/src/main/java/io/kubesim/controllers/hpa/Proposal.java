package io.kubesim.controllers.hpa;

/**
 * One metric's replica proposal, or why there is none.
 *
 * @param replicas the proposed count (meaningless when {@link #valid()} is false)
 * @param utilization the utilization percent the HPA saw before rebalancing, or -1 for value targets
 * @param rawAverage the average per-pod value before rebalancing (reported in status)
 * @param error null when valid, else upstream's failure message
 */
public record Proposal(int replicas, int utilization, long rawAverage, String error) {

    public static Proposal invalid(String error) {
        return new Proposal(0, -1, 0, error);
    }

    public boolean valid() {
        return error == null;
    }
}
