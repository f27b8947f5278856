package io.kubesim.traffic;

/**
 * Where requests enter the cluster: a Service (reached through kube-proxy) or an ingress in front
 * of a Service (reached through the ingress controller's own view of the endpoints).
 *
 * @param name       a name for outputs, e.g. {@code frontend}
 * @param service    the target Service, {@code name} or {@code namespace/name}
 * @param viaIngress true: an ingress controller routes; false: kube-proxy routes
 * @param retries    how many other endpoints are tried after a refused connection (ingress-nginx
 *                   {@code proxy-next-upstream: error}, 3 tries in all by default); kube-proxy never retries
 * @param timeout    the balancer's own request timeout (ingress {@code proxy-read-timeout}), or 0
 *                   for none: a request ends with 504 when either it or the client's timeout passes
 */
public record EntryPoint(String name, String service, boolean viaIngress, ArrivalSpec arrivals, int retries,
                         long timeout) {
    /** ingress-nginx: {@code proxy-next-upstream-tries} 3, i.e. two retries after the first try. */
    public static final int DEFAULT_INGRESS_RETRIES = 2;

    public EntryPoint {
        if (retries < 0 || timeout < 0) {
            throw new IllegalArgumentException("retries and timeout must not be negative");
        }
    }

    /**
     * The timeout of a request from this entry point served by an app whose client gives up after
     * {@code clientTimeout}: that, shortened by the balancer's own timeout when it has one.
     */
    public long requestTimeout(long clientTimeout) {
        return timeout > 0 ? Math.min(clientTimeout, timeout) : clientTimeout;
    }

    /** An entry point with the balancer's default retries and no balancer timeout. */
    public EntryPoint(String name, String service, boolean viaIngress, ArrivalSpec arrivals) {
        this(name, service, viaIngress, arrivals, viaIngress ? DEFAULT_INGRESS_RETRIES : 0, 0);
    }
}
