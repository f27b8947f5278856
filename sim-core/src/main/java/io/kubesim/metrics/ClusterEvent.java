package io.kubesim.metrics;

/**
 * One Kubernetes-style event, worded as upstream words it.
 *
 * @param time    virtual microseconds
 * @param warning {@code type: Warning} (else Normal)
 * @param object  {@code kind/namespace/name}
 * @param source  the component that reported it (default-scheduler, kubelet, deployment-controller ...)
 */
public record ClusterEvent(long time, boolean warning, String reason, String object, String message, String source) {
    public String type() {
        return warning ? "Warning" : "Normal";
    }
}
