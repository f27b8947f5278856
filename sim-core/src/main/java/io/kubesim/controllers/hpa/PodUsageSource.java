package io.kubesim.controllers.hpa;

import io.kubesim.cluster.Pod;
import java.util.Collection;

/**
 * The kubelets' resource-metrics endpoints as metrics-server scrapes them: every pod a live kubelet
 * runs that is bound and not finished, with its running containers' CPU (millicores) and working
 * set (bytes), and the same for each of {@code containers} the pod runs. A pod (or container) with
 * nothing running reports nothing. Implemented by {@code Kubelets::scrape}, which walks the
 * kubelets' own pods rather than looking each pod of the store up.
 */
@FunctionalInterface
public interface PodUsageSource {
    void scrape(long now, Collection<String> containers, Sink sink);

    /** Receives one scrape's points; {@code container} is empty for the pod as a whole. */
    @FunctionalInterface
    interface Sink {
        void point(Pod pod, String container, long cpuMillis, long memoryBytes);
    }
}
