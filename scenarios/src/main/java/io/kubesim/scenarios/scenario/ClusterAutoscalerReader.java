package io.kubesim.scenarios.scenario;

import io.kubesim.autoscaler.ClusterAutoscalerConfig;
import io.kubesim.engine.SimTime;
import io.kubesim.sim.ClusterAutoscalerSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the cluster autoscaler: {@code cluster.nodePools[].autoscaling} ({@code minCount},
 * {@code maxCount}; the pool's {@code count} is its initial size and must lie between them) and
 * {@code controlPlane.clusterAutoscaler} (the flags, defaults from k8s-semantics.md section 8).
 * Returns null when no pool is autoscaled.
 */
final class ClusterAutoscalerReader {
    private ClusterAutoscalerReader() {
    }

    static ClusterAutoscalerSpec read(ScenarioNode cluster, ScenarioNode controlPlane) {
        Map<String, ClusterAutoscalerSpec.Bounds> bounds = new LinkedHashMap<>();
        for (ScenarioNode p : cluster.required("nodePools").items()) {
            ScenarioNode a = p.get("autoscaling");
            if (!a.isPresent()) {
                continue;
            }
            a.object("NodePoolAutoscaling");
            int min = a.get("minCount").isPresent() ? a.get("minCount").intInRange(0, 100_000) : 0;
            ScenarioNode maxNode = a.required("maxCount");
            int max = maxNode.intInRange(0, 100_000);
            if (max < min) {
                throw maxNode.error("maxCount (" + max + ") must be at least minCount (" + min + ")");
            }
            if (max == 0) {
                throw maxNode.error("maxCount must be at least 1 for an autoscaled pool");
            }
            ScenarioNode countNode = p.required("count");
            long count = countNode.integer();
            if (count < min || count > max) {
                throw countNode.error("count (" + count + ") must lie within the pool's autoscaling minCount "
                        + min + " and maxCount " + max);
            }
            bounds.put(p.required("name").text(), new ClusterAutoscalerSpec.Bounds(min, max));
        }
        ClusterAutoscalerConfig config = config(controlPlane.isPresent() ? controlPlane.get("clusterAutoscaler")
                : controlPlane);
        return bounds.isEmpty() ? null : new ClusterAutoscalerSpec(config, bounds);
    }

    private static ClusterAutoscalerConfig config(ScenarioNode n) {
        ClusterAutoscalerConfig d = ClusterAutoscalerConfig.DEFAULT;
        if (!n.isPresent()) {
            return d;
        }
        n.object("ClusterAutoscaler");
        long scan = n.get("scanInterval").isPresent() ? n.get("scanInterval").positiveDuration() : d.scanInterval();
        boolean enabled = n.get("scaleDownEnabled").isPresent() ? n.get("scaleDownEnabled").bool() : d.scaleDownEnabled();
        long afterAdd = nonNegative(n, "scaleDownDelayAfterAdd", d.scaleDownDelayAfterAdd());
        // section 8: scale-down-delay-after-delete defaults to the scan interval
        long afterDelete = nonNegative(n, "scaleDownDelayAfterDelete", scan);
        long afterFailure = nonNegative(n, "scaleDownDelayAfterFailure", d.scaleDownDelayAfterFailure());
        long unneeded = nonNegative(n, "scaleDownUnneededTime", d.scaleDownUnneededTime());
        double threshold = d.scaleDownUtilizationThreshold();
        ScenarioNode t = n.get("scaleDownUtilizationThreshold");
        if (t.isPresent()) {
            threshold = t.nonNegativeNumber("a fraction from 0 to 1");
            if (threshold > 1) {
                throw t.error("expected a fraction from 0 to 1, got " + t.scalarText());
            }
        }
        long provision = n.get("maxNodeProvisionTime").isPresent() ? n.get("maxNodeProvisionTime").positiveDuration()
                : d.maxNodeProvisionTime();
        long graceful = d.maxGracefulTerminationSec();
        ScenarioNode g = n.get("maxGracefulTermination");
        if (g.isPresent()) {
            long micros = g.duration();
            if (micros < 0) {
                throw g.error("expected a duration of 0 or more, got " + g.scalarText());
            }
            graceful = micros / SimTime.MICROS_PER_SECOND;
        }
        int bulk = n.get("maxEmptyBulkDelete").isPresent() ? n.get("maxEmptyBulkDelete").intInRange(1, 100_000)
                : d.maxEmptyBulkDelete();
        String expander = d.expander();
        ScenarioNode e = n.get("expander");
        if (e.isPresent()) {
            expander = e.text();
            List<String> known = List.of(ClusterAutoscalerConfig.RANDOM, ClusterAutoscalerConfig.LEAST_WASTE);
            if (!known.contains(expander)) {
                throw e.error("unknown expander \"" + expander + "\": expected one of " + String.join(", ", known));
            }
        }
        return new ClusterAutoscalerConfig(scan, enabled, afterAdd, afterDelete, afterFailure, unneeded, threshold,
                provision, graceful, bulk, expander);
    }

    private static long nonNegative(ScenarioNode parent, String field, long dflt) {
        ScenarioNode n = parent.get(field);
        if (!n.isPresent()) {
            return dflt;
        }
        long v = n.duration();
        if (v < 0) {
            throw n.error("expected a duration of 0 or more, got " + n.scalarText());
        }
        return v;
    }
}
