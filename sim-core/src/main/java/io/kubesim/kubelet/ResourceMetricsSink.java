package io.kubesim.kubelet;

import io.kubesim.cluster.Pod;

/**
 * Receives what the kubelets' resource-metrics endpoints report in one scrape
 * ({@link Kubelets#scrape}): a pod's, or one of its containers', CPU in millicores and working set
 * in bytes; {@code container} is empty for the pod as a whole.
 */
@FunctionalInterface
public interface ResourceMetricsSink {
    void point(Pod pod, String container, long cpuMillis, long memoryBytes);
}
