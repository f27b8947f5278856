package io.kubesim.traffic;

import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;

/**
 * The network's timing, as the scenario states it (documented defaults from k8s-semantics.md 5:
 * EndpointSlice update about 0.1–1 s after a pod status change, kube-proxy programming about 1–2 s
 * after that; an ingress controller typically a little slower).
 *
 * @param endpointSliceDelay from a pod change to the EndpointSlice controller's write
 * @param kubeProxyDelay     from an EndpointSlice write to kube-proxy's rules
 * @param ingressDelay       from an EndpointSlice write to the ingress controller's upstreams
 * @param dnsDelay           from an EndpointSlice write to the answer a client gets when it looks up
 *                           a headless Service (CoreDNS's watch, then the record's TTL: a client's
 *                           cached answer is up to the TTL old, 5 s by default in CoreDNS's
 *                           kubernetes plugin)
 * @param proxyMode          how kube-proxy picks the pod of a new connection (iptables by default)
 * @param meshDelay          from an EndpointSlice write to the mesh proxies' endpoints (istiod's
 *                           debounce, 100 ms, then its push over EDS)
 */
public record NetworkSpec(DurationDistribution endpointSliceDelay, DurationDistribution kubeProxyDelay,
                          DurationDistribution ingressDelay, DurationDistribution dnsDelay, ProxyMode proxyMode,
                          DurationDistribution meshDelay) {
    /** istiod debounces endpoint changes for 100 ms, then pushes them to every proxy: within about a second. */
    public static final DurationDistribution DEFAULT_MESH_DELAY =
            new DurationDistribution.Uniform(SimTime.millis(100), SimTime.seconds(1));

    /** CoreDNS picks a slice change up well within a second, and its answers live 5 s (TTL). */
    public static final DurationDistribution DEFAULT_DNS_DELAY =
            new DurationDistribution.Uniform(SimTime.millis(100), SimTime.seconds(5));

    public static final NetworkSpec DEFAULT = new NetworkSpec(
            new DurationDistribution.Uniform(SimTime.millis(100), SimTime.seconds(1)),
            new DurationDistribution.Uniform(SimTime.seconds(1), SimTime.seconds(2)),
            new DurationDistribution.Uniform(SimTime.seconds(1), SimTime.seconds(3)),
            DEFAULT_DNS_DELAY, ProxyMode.IPTABLES, DEFAULT_MESH_DELAY);

    /** The network with the default DNS delay and kube-proxy mode. */
    public NetworkSpec(DurationDistribution endpointSliceDelay, DurationDistribution kubeProxyDelay,
                       DurationDistribution ingressDelay) {
        this(endpointSliceDelay, kubeProxyDelay, ingressDelay, DEFAULT_DNS_DELAY);
    }

    /** The network with kube-proxy in iptables mode. */
    public NetworkSpec(DurationDistribution endpointSliceDelay, DurationDistribution kubeProxyDelay,
                       DurationDistribution ingressDelay, DurationDistribution dnsDelay) {
        this(endpointSliceDelay, kubeProxyDelay, ingressDelay, dnsDelay, ProxyMode.IPTABLES);
    }

    /** The network with the default mesh delay. */
    public NetworkSpec(DurationDistribution endpointSliceDelay, DurationDistribution kubeProxyDelay,
                       DurationDistribution ingressDelay, DurationDistribution dnsDelay, ProxyMode proxyMode) {
        this(endpointSliceDelay, kubeProxyDelay, ingressDelay, dnsDelay, proxyMode, DEFAULT_MESH_DELAY);
    }
}
