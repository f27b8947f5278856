package io.kubesim.sim;

import io.kubesim.api.Collections2;
import io.kubesim.autoscaler.ClusterAutoscalerConfig;
import java.util.Map;

/**
 * The scenario's cluster autoscaler: its flags ({@code controlPlane.clusterAutoscaler}) and the
 * node pools it may resize ({@code nodePools[].autoscaling}). Absent (null in the spec) when no
 * pool is autoscaled.
 *
 * @param bounds min and max node count by pool name
 */
public record ClusterAutoscalerSpec(ClusterAutoscalerConfig config, Map<String, Bounds> bounds) {
    public ClusterAutoscalerSpec {
        bounds = Collections2.sortedCopy(bounds);
    }

    /** A pool's size limits (upstream node group MinSize/MaxSize). */
    public record Bounds(int minCount, int maxCount) {
    }
}
