package io.kubesim.cluster;

import io.kubesim.api.LabelSelector;

/**
 * One workload as its {@code /scale} subresource shows it (autoscaling/v1 Scale): the replicas it
 * asks for, the replicas it has, and the selector of its pods. Read when looked up through
 * {@link ScaleSubresources}; {@link #setReplicas} writes {@code spec.replicas} back through the
 * store, as a PUT on {@code /scale} does, so the workload's own controller sees the change.
 */
public interface Scale {
    /** The workload itself (the object events and outputs name). */
    ApiObject target();

    /** {@code scale.spec.replicas}: the workload's {@code spec.replicas}. */
    int specReplicas();

    /** {@code scale.status.replicas}: the workload's {@code status.replicas}. */
    int statusReplicas();

    /** {@code scale.status.selector}: which pods are the workload's. */
    LabelSelector selector();

    /** Writes {@code spec.replicas} and updates the object in its store. */
    void setReplicas(int replicas);
}
