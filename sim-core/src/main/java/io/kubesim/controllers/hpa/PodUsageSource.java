package io.kubesim.controllers.hpa;

import io.kubesim.cluster.Pod;

/**
 * The kubelets' resource-metrics endpoint as metrics-server reads it: a pod's (or one of its
 * containers') CPU in millicores and working set in bytes into {@code out}, or null when there is
 * nothing to report. Implemented by {@code Kubelets::podUsage}.
 */
@FunctionalInterface
public interface PodUsageSource {
    long[] podUsage(Pod pod, String container, long now, long[] out);
}
