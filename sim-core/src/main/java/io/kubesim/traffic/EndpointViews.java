package io.kubesim.traffic;

/** Finds the view a balancer has of a Service's endpoints. */
@FunctionalInterface
public interface EndpointViews {
    /**
     * @param viaIngress the ingress controller's view (true) or kube-proxy's (false)
     * @param serviceKey {@code namespace/name}
     */
    EndpointView view(boolean viaIngress, String serviceKey);
}
