package io.kubesim.api;

import java.util.List;

/**
 * One direction of an HPA's {@code spec.behavior} with the API defaults filled in
 * (k8s-semantics.md 1.9): scale-up window 0 s, Max of 4 pods and 100 % per 15 s; scale-down window
 * the controller's downscale stabilization, Max of 100 % per 15 s.
 *
 * @param stabilizationWindowSeconds {@link #CONTROLLER_DEFAULT} when omitted on scale-down: the
 *                                   controller's {@code --horizontal-pod-autoscaler-downscale-stabilization}
 */
public record HpaScalingRules(int stabilizationWindowSeconds, SelectPolicy selectPolicy, List<HpaScalingPolicy> policies) {
    public enum SelectPolicy { MAX, MIN, DISABLED }

    /** A scale-down window left to the controller's flag. */
    public static final int CONTROLLER_DEFAULT = -1;

    public HpaScalingRules {
        policies = List.copyOf(policies);
    }

    public static HpaScalingRules defaultScaleUp() {
        return new HpaScalingRules(0, SelectPolicy.MAX, List.of(
                new HpaScalingPolicy(HpaScalingPolicy.Type.PODS, 4, 15),
                new HpaScalingPolicy(HpaScalingPolicy.Type.PERCENT, 100, 15)));
    }

    public static HpaScalingRules defaultScaleDown(int downscaleStabilizationSeconds) {
        return new HpaScalingRules(downscaleStabilizationSeconds, SelectPolicy.MAX,
                List.of(new HpaScalingPolicy(HpaScalingPolicy.Type.PERCENT, 100, 15)));
    }

    /** The same rules with a {@link #CONTROLLER_DEFAULT} window resolved to {@code seconds}. */
    public HpaScalingRules withDefaultWindow(int seconds) {
        return stabilizationWindowSeconds == CONTROLLER_DEFAULT
                ? new HpaScalingRules(seconds, selectPolicy, policies) : this;
    }

    /** The longest policy period: older scale events no longer matter. */
    public int longestPeriodSeconds() {
        int p = 0;
        for (HpaScalingPolicy policy : policies) {
            p = Math.max(p, policy.periodSeconds());
        }
        return p;
    }
}
