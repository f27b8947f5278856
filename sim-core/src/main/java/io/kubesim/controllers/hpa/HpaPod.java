package io.kubesim.controllers.hpa;

/**
 * A pod matched by the scale target's selector, reduced to what the HPA reads (k8s-semantics.md 1.2).
 *
 * @param name the pod's name (for messages)
 * @param deleting the pod has a deletionTimestamp
 * @param failed phase Failed
 * @param pending phase Pending
 * @param ready the Ready condition: null when the pod has none
 * @param startTime status.startTime, or -1 when unset
 * @param readyTransition the Ready condition's lastTransitionTime
 * @param request the summed container requests for the metric's resource, or -1 when a container lacks one
 * @param sample the metrics API's sample, or null when it returned none
 */
public record HpaPod(String name, boolean deleting, boolean failed, boolean pending, Boolean ready,
        long startTime, long readyTransition, long request, MetricSample sample) {

    /** A running, Ready pod started long ago with a sample: the common case in tests. */
    public static HpaPod ready(String name, long request, long usage, long now) {
        return new HpaPod(name, false, false, false, Boolean.TRUE, 0, 0, request,
                new MetricSample(usage, now, 60_000_000L));
    }
}
