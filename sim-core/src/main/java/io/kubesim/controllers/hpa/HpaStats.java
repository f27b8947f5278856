package io.kubesim.controllers.hpa;

/**
 * What one HPA did over a run, for the summary.
 *
 * @param rescales            scale writes the HPA made (SuccessfulRescale events)
 * @param timeAtMaxSeconds    seconds during which the target's replicas equalled maxReplicas
 */
public record HpaStats(String name, int minReplicas, int maxReplicas, int rescales, int minReplicasObserved,
                       int maxReplicasObserved, double timeAtMaxSeconds) {}
