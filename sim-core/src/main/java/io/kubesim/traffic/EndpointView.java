package io.kubesim.traffic;

import java.util.List;

/**
 * What one load balancer (kube-proxy, an ingress controller) currently believes a Service's
 * endpoints are. It lags the EndpointSlices by that balancer's propagation delay, which is why a
 * pod removed from a Service can still receive requests for a while.
 */
public interface EndpointView {
    /**
     * The endpoints traffic may go to now, as kube-proxy's CategorizeEndpoints picks them
     * (k8s-semantics.md 5): the ready ones, or if there are none the serving-and-terminating ones;
     * empty when there are neither.
     */
    List<Endpoint> routable();
}
