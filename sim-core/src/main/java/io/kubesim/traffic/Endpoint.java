package io.kubesim.traffic;

/**
 * One endpoint of a Service as an EndpointSlice carries it (k8s-semantics.md 5):
 * {@code serving} is the pod's Ready condition, {@code terminating} its deletionTimestamp, and
 * {@code ready = publishNotReadyAddresses || (serving && !terminating)}.
 *
 * @param podKey {@code namespace/name} of the pod
 * @param podUid the pod's uid, to tell a replacement with the same name apart
 */
public record Endpoint(String podKey, String podUid, String nodeName, boolean ready, boolean serving,
                       boolean terminating) {
}
