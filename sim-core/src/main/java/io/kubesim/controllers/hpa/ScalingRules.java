package io.kubesim.controllers.hpa;

import java.util.List;

/**
 * One direction of {@code spec.behavior} with the API defaults filled in (k8s-semantics.md 1.9):
 * scale-up window 0 s, Max of 4 pods and 100 % per 15 s; scale-down window the controller's
 * downscale stabilization, Max of 100 % per 15 s.
 */
public record ScalingRules(int stabilizationWindowSeconds, SelectPolicy selectPolicy, List<ScalingPolicy> policies) {
    public enum SelectPolicy { MAX, MIN, DISABLED }

    public ScalingRules {
        policies = List.copyOf(policies);
    }

    public static ScalingRules defaultScaleUp() {
        return new ScalingRules(0, SelectPolicy.MAX, List.of(
                new ScalingPolicy(ScalingPolicy.Type.PODS, 4, 15),
                new ScalingPolicy(ScalingPolicy.Type.PERCENT, 100, 15)));
    }

    public static ScalingRules defaultScaleDown(int downscaleStabilizationSeconds) {
        return new ScalingRules(downscaleStabilizationSeconds, SelectPolicy.MAX,
                List.of(new ScalingPolicy(ScalingPolicy.Type.PERCENT, 100, 15)));
    }

    int longestPeriodSeconds() {
        int p = 0;
        for (ScalingPolicy policy : policies) {
            p = Math.max(p, policy.periodSeconds());
        }
        return p;
    }
}
