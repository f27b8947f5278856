package io.kubesim.controllers.hpa;

import io.kubesim.cluster.Pod;
import java.util.Collection;

/**
 * The kubelets' resource-metrics endpoints as metrics-server scrapes them, one pod at a time: when
 * a live kubelet runs {@code pod} with something running, its running containers' CPU
 * (millicores) and working set (bytes), then the same for each of {@code containers} the pod
 * runs; nothing for a pod (or container) with nothing running. Implemented over
 * {@code Kubelets::report}.
 */
@FunctionalInterface
public interface PodUsageSource {
    void report(Pod pod, long now, Collection<String> containers, Sink sink);

    /** Receives a scrape's points; {@code container} is empty for the pod as a whole. */
    @FunctionalInterface
    interface Sink {
        void point(Pod pod, String container, long cpuMillis, long memoryBytes);
    }
}
