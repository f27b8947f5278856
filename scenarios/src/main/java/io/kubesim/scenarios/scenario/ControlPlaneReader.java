package io.kubesim.scenarios.scenario;

import io.kubesim.controllers.NodeLifecycleConfig;

/**
 * Reads {@code controlPlane}: kube-controller-manager settings a scenario may change, each
 * defaulting to {@link NodeLifecycleConfig#DEFAULT}'s.
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
}
