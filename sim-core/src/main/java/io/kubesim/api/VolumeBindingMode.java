package io.kubesim.api;

/** A StorageClass's {@code volumeBindingMode} (k8s-semantics.md 14.2); Immediate when unset. */
public enum VolumeBindingMode {
    IMMEDIATE, WAIT_FOR_FIRST_CONSUMER
}
