package io.kubesim.traffic;

/**
 * Where requests enter the cluster: a Service (reached through kube-proxy) or an ingress in front
 * of a Service (reached through the ingress controller's own view of the endpoints).
 *
 * @param name     a name for outputs, e.g. {@code frontend}
 * @param service  the target Service, {@code name} or {@code namespace/name}
 * @param viaIngress true: an ingress controller routes; false: kube-proxy routes
 */
public record EntryPoint(String name, String service, boolean viaIngress, ArrivalSpec arrivals) {
}
