package io.kubesim.autoscaler;

import io.kubesim.engine.SimTime;

/**
 * The cluster autoscaler's flags, times in microseconds; defaults from k8s-semantics.md section 8.
 *
 * @param expander how to pick among the groups that can help: {@code least-waste} or {@code random}
 */
public record ClusterAutoscalerConfig(long scanInterval, boolean scaleDownEnabled, long scaleDownDelayAfterAdd,
                                      long scaleDownDelayAfterDelete, long scaleDownDelayAfterFailure,
                                      long scaleDownUnneededTime, double scaleDownUtilizationThreshold,
                                      long maxNodeProvisionTime, long maxGracefulTerminationSec,
                                      int maxEmptyBulkDelete, String expander) {
    public static final String LEAST_WASTE = "least-waste";
    public static final String RANDOM = "random";

    /** Section 8 defaults; scale-down-delay-after-delete defaults to the scan interval. */
    public static final ClusterAutoscalerConfig DEFAULT = new ClusterAutoscalerConfig(SimTime.seconds(10), true,
            SimTime.seconds(600), SimTime.seconds(10), SimTime.seconds(180), SimTime.seconds(600), 0.5,
            SimTime.seconds(900), 600, 10, RANDOM);

    public ClusterAutoscalerConfig {
        if (scanInterval <= 0) {
            throw new IllegalArgumentException("scanInterval must be positive");
        }
        if (!LEAST_WASTE.equals(expander) && !RANDOM.equals(expander)) {
            throw new IllegalArgumentException("expander must be least-waste or random");
        }
    }
}
