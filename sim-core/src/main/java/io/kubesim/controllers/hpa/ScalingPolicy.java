package io.kubesim.controllers.hpa;

/** One HPAScalingPolicy: at most {@code value} pods or percent per {@code periodSeconds}. */
public record ScalingPolicy(Type type, int value, int periodSeconds) {
    public enum Type { PODS, PERCENT }
}
