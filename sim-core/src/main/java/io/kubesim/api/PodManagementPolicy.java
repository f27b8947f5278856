package io.kubesim.api;

/**
 * A StatefulSet's {@code spec.podManagementPolicy} (k8s-semantics.md 11.3): OrderedReady (the
 * default) creates pods one ordinal at a time, each waiting for the previous one to be Running and
 * Ready, and removes them in reverse; Parallel creates and removes every needed ordinal at once.
 */
public enum PodManagementPolicy {
    ORDERED_READY("OrderedReady"),
    PARALLEL("Parallel");

    private final String wireName;

    PodManagementPolicy(String wireName) {
        this.wireName = wireName;
    }

    /** The name as written in a manifest. */
    public String wireName() {
        return wireName;
    }
}
