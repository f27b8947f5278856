package io.kubesim.scenarios.scenario;

import io.kubesim.controllers.NodeLifecycleConfig;
import io.kubesim.controllers.hpa.HpaConfig;

/**
 * Reads {@code controlPlane}: kube-controller-manager settings a scenario may change, each
 * defaulting to {@link NodeLifecycleConfig#DEFAULT}'s, and the HPA controller's and
 * metrics-server's, defaulting to {@link HpaConfig#DEFAULTS}'s.
 */
final class ControlPlaneReader {
    private ControlPlaneReader() {
    }

    static NodeLifecycleConfig read(ScenarioNode n) {
        NodeLifecycleConfig c = NodeLifecycleConfig.DEFAULT;
        if (!n.isPresent()) {
            return c;
        }
        n.object("ControlPlane");
        ScenarioNode grace = n.get("nodeMonitorGracePeriod");
        return grace.isPresent() ? c.withNodeMonitorGracePeriod(grace.positiveDuration()) : c;
    }

    /** The {@code horizontalPodAutoscaler*} and {@code metricResolution} settings of {@code controlPlane}. */
    static HpaConfig readHpa(ScenarioNode n) {
        HpaConfig d = HpaConfig.DEFAULTS;
        if (!n.isPresent()) {
            return d;
        }
        n.object("ControlPlane");
        ScenarioNode tolerance = n.get("horizontalPodAutoscalerTolerance");
        double tol = d.tolerance();
        if (tolerance.isPresent()) {
            tol = tolerance.nonNegativeNumber("a tolerance (a fraction such as 0.1)");
            if (tol >= 1) {
                throw tolerance.error("expected a tolerance below 1 (a fraction such as 0.1), got " + tol);
            }
        }
        return new HpaConfig(
                duration(n, "horizontalPodAutoscalerSyncPeriod", d.syncPeriod(), true), tol,
                duration(n, "horizontalPodAutoscalerDownscaleStabilization", d.downscaleStabilization(), false),
                duration(n, "horizontalPodAutoscalerCpuInitializationPeriod", d.cpuInitializationPeriod(), false),
                duration(n, "horizontalPodAutoscalerInitialReadinessDelay", d.initialReadinessDelay(), false),
                duration(n, "metricResolution", d.metricResolution(), true));
    }

    private static long duration(ScenarioNode n, String field, long dflt, boolean positive) {
        ScenarioNode v = n.get(field);
        if (!v.isPresent()) {
            return dflt;
        }
        return positive ? v.positiveDuration() : v.duration();
    }
}
