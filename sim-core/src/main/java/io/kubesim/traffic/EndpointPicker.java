package io.kubesim.traffic;

import java.util.List;

/**
 * How a balancer picks the endpoint of a new connection (kube-proxy) or of each request (an
 * ingress controller, a sidecar proxy) among the endpoints it may route to.
 */
interface EndpointPicker {
    /**
     * The endpoint for {@code client}, from a non-empty {@code routable}; one whose pod uid is
     * {@code avoid} only when no other is there (null: avoid none).
     */
    Endpoint pick(List<Endpoint> routable, ClientIdentity client, String avoid);

    /** An attempt on {@code podUid} took {@code latency} (for latency-aware balancers). */
    default void observe(String podUid, long latency, long now) {
    }

    /** Whether it picks per request (a proxy) rather than per connection (kube-proxy). */
    default boolean perRequest() {
        return false;
    }
}
