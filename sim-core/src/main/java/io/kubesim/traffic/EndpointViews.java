package io.kubesim.traffic;

/** Finds the view a balancer has of a Service's endpoints. */
@FunctionalInterface
public interface EndpointViews {
    /**
     * @param viaIngress the ingress controller's view (true) or kube-proxy's (false)
     * @param serviceKey {@code namespace/name}
     */
    EndpointView view(boolean viaIngress, String serviceKey);

    /**
     * The service mesh's view (Envoy's endpoints as its control plane pushes them); by default
     * kube-proxy's, for callers that do not tell them apart.
     */
    default EndpointView meshView(String serviceKey) {
        return view(false, serviceKey);
    }
}
