package io.kubesim.controllers.hpa;

/**
 * One pod's sample from the metrics API: the value (millicores for cpu, bytes for memory), when it
 * was taken and over what window, which the CPU readiness rule of k8s-semantics.md 1.2 compares
 * against the pod's Ready transition. Times in microseconds of simulated time.
 */
public record MetricSample(long value, long timestamp, long window) {}
