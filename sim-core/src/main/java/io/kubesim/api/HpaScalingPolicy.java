package io.kubesim.api;

/** One HPAScalingPolicy of an HPA's behavior (k8s-semantics.md 1.9): at most {@code value} pods or percent per {@code periodSeconds}. */
public record HpaScalingPolicy(Type type, int value, int periodSeconds) {
    public enum Type { PODS, PERCENT }
}
