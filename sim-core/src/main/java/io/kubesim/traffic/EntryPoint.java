package io.kubesim.traffic;

import io.kubesim.app.ClientSpec;

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
 * @param client     the outside clients' connections, timeouts and retries, or null for the default
 *                   ({@link ClientSpec#OPEN_LOOP}; {@link ClientSpec#KEEP_ALIVE} for closed-loop users)
 * @param clients    how many independent clients share open-loop arrivals, each with its own
 *                   connections (closed-loop users are a client each)
 * @param viaMesh    a service-mesh proxy (Envoy: an Istio ingress gateway or the client's sidecar)
 *                   routes, with its own endpoint view, per-request balancing and retries
 * @param loadBalance how an ingress picks a pod per request ({@code round_robin}, its default, or
 *                   {@code ewma}); null for the balancer's default
 */
public record EntryPoint(String name, String service, boolean viaIngress, ArrivalSpec arrivals, int retries,
                         long timeout, ClientSpec client, int clients, boolean viaMesh, LoadBalance loadBalance) {
    /** ingress-nginx's {@code proxy-read-timeout}: 60 s (k8s-semantics.md 17.7). */
    public static final long INGRESS_READ_TIMEOUT = io.kubesim.engine.SimTime.seconds(60);

    /** ingress-nginx's {@code proxy-connect-timeout}: 5 s (k8s-semantics.md 17.7). */
    public static final long INGRESS_CONNECT_TIMEOUT = io.kubesim.engine.SimTime.seconds(5);

    /** ingress-nginx: {@code proxy-next-upstream-tries} 3, i.e. two retries after the first try. */
    public static final int DEFAULT_INGRESS_RETRIES = 2;
    /** Istio's default retry policy: {@code attempts: 2} (k8s-semantics.md 17.8). */
    public static final int DEFAULT_MESH_RETRIES = 2;

    public EntryPoint {
        if (retries < 0 || timeout < 0 || clients < 1 || (viaIngress && viaMesh)) {
            throw new IllegalArgumentException("retries and timeout must not be negative, clients at least 1, one balancer");
        }
    }

    /** An entry point with its balancer's default picking. */
    public EntryPoint(String name, String service, boolean viaIngress, ArrivalSpec arrivals, int retries, long timeout,
                      ClientSpec client, int clients, boolean viaMesh) {
        this(name, service, viaIngress, arrivals, retries, timeout, client, clients, viaMesh, null);
    }

    /** An entry point reached through kube-proxy or an ingress. */
    public EntryPoint(String name, String service, boolean viaIngress, ArrivalSpec arrivals, int retries, long timeout,
                      ClientSpec client, int clients) {
        this(name, service, viaIngress, arrivals, retries, timeout, client, clients, false);
    }

    /** An entry point with the default clients. */
    public EntryPoint(String name, String service, boolean viaIngress, ArrivalSpec arrivals, int retries, long timeout) {
        this(name, service, viaIngress, arrivals, retries, timeout, null, 1, false);
    }

    /** The clients' settings: as given, or the default for its arrivals. */
    public ClientSpec effectiveClient() {
        if (client != null) {
            return client;
        }
        return arrivals instanceof ArrivalSpec.ClosedLoop ? ClientSpec.KEEP_ALIVE : ClientSpec.OPEN_LOOP;
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
