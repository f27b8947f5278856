package io.kubesim.traffic;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.EndpointSlice;
import io.kubesim.cluster.Service;
import io.kubesim.cluster.WatchEventType;
import java.util.ArrayList;
import java.util.List;

/**
 * The endpoints as the load balancers see them: {@value #KUBE_PROXY} (traffic to a Service),
 * {@value #INGRESS} (traffic through an ingress controller) and {@value #DNS} (a client that
 * looks up a headless Service and connects to a pod's address itself). Each keeps its own copy of every
 * Service's endpoints, refreshed from the EndpointSlices after that balancer's propagation delay
 * ({@link NetworkSpec#kubeProxyDelay()}, {@link NetworkSpec#ingressDelay()}), sampled per slice
 * change from the streams {@code network/kube-proxy} and {@code network/ingress}. This lag is
 * why a pod removed from a Service still receives requests for a while.
 *
 * <p>Use: {@code views.start()} once, then keep {@code views.view(ProxyViews.KUBE_PROXY,
 * "default/web")}; the returned object is live and reflects the latest change applied.
 */
public final class ProxyViews {
    public static final String KUBE_PROXY = "kube-proxy";
    public static final String INGRESS = "ingress";
    /** A client's DNS answer for a headless Service: the pods' addresses, no kube-proxy between. */
    public static final String DNS = "dns";
    /** A service mesh's proxies (Envoy), fed ready endpoints by their control plane. */
    public static final String MESH = "mesh";

    private final ClusterStore store;
    private final List<BalancerEndpoints> balancers = new ArrayList<>(3);
    private final BalancerEndpoints kubeProxy;
    private final BalancerEndpoints dns;

    public ProxyViews(ClusterStore store, NetworkSpec network) {
        this(store, network, false);
    }

    /** @param mesh also keep the mesh proxies' view ({@value #MESH}), fed after {@link NetworkSpec#meshDelay()} */
    public ProxyViews(ClusterStore store, NetworkSpec network, boolean mesh) {
        this.store = store;
        kubeProxy = new BalancerEndpoints(store.sim(), KUBE_PROXY, network.kubeProxyDelay(), "network/" + KUBE_PROXY);
        balancers.add(kubeProxy);
        balancers.add(new BalancerEndpoints(store.sim(), INGRESS, network.ingressDelay(), "network/" + INGRESS));
        dns = new BalancerEndpoints(store.sim(), DNS, network.dnsDelay(), "network/" + DNS, true);
        balancers.add(dns);
        if (mesh) {
            balancers.add(new BalancerEndpoints(store.sim(), MESH, network.meshDelay(), "network/" + MESH, true));
        }
    }

    /**
     * What a client inside the cluster reaches when it names a Service: kube-proxy's view of a
     * Service with a cluster IP; for a headless Service ({@code clusterIP: None}), which has no
     * virtual IP and no kube-proxy rules, the DNS answer: the addresses of its ready pods, as
     * CoreDNS last published them to the client (k8s-semantics.md 17.5).
     */
    public ServiceEndpointView clientView(String serviceKey) {
        return isHeadless(serviceKey) ? dns.view(serviceKey) : kubeProxy.view(serviceKey);
    }

    private boolean isHeadless(String serviceKey) {
        Service s = store.services().get(serviceKey);
        return s != null && s.headless();
    }

    /**
     * Records each change a balancer applies to a view as a {@code ProxyUpdated} decision
     * ({@link ProxyChanges}), when {@code decisions} is enabled. Call before {@link #start()}.
     */
    public void recordChanges(io.kubesim.metrics.DecisionRecorder decisions) {
        if (decisions.enabled()) {
            ProxyChanges changes = new ProxyChanges(decisions);
            for (BalancerEndpoints b : balancers) {
                b.recordChanges(changes);
            }
        }
    }

    /** Registers the watch on EndpointSlices; slices already stored reach the views like new ones. */
    public void start() {
        store.endpointSlices().watch(this::onSlice);
        for (EndpointSlice s : new ArrayList<>(store.endpointSlices().list())) {
            onSlice(WatchEventType.ADDED, s);
        }
    }

    /**
     * Runs {@code r} with the view just before any balancer applies a change to it: the fluid
     * traffic model settles the traffic up to that instant under the old view.
     */
    public void beforeChange(java.util.function.Consumer<EndpointView> r) {
        for (BalancerEndpoints b : balancers) {
            b.beforeChange(r);
        }
    }

    /**
     * The live view of a Service by one balancer.
     *
     * @param balancer   {@value #KUBE_PROXY}, {@value #INGRESS}, {@value #DNS} or {@value #MESH}
     * @param serviceKey {@code namespace/name} of the Service
     */
    public ServiceEndpointView view(String balancer, String serviceKey) {
        for (BalancerEndpoints b : balancers) {
            if (b.name().equals(balancer)) {
                return b.view(serviceKey);
            }
        }
        throw new IllegalArgumentException("unknown load balancer \"" + balancer + "\"; expected " + KUBE_PROXY
                + ", " + INGRESS + " or " + DNS);
    }

    private void onSlice(WatchEventType type, EndpointSlice slice) {
        String serviceKey = slice.serviceKey();
        if (serviceKey == null) {
            return;
        }
        List<Endpoint> content = type == WatchEventType.DELETED || !store.endpointSlices().contains(slice)
                ? null : toEndpoints(slice);
        for (BalancerEndpoints b : balancers) {
            // Only headless Services have DNS records of their pods to follow.
            if (b != dns || isHeadless(serviceKey)) {
                b.sliceChanged(serviceKey, slice.name(), content);
            }
        }
    }

    private static List<Endpoint> toEndpoints(EndpointSlice slice) {
        String prefix = slice.metadata().namespace() + "/";
        List<Endpoint> out = new ArrayList<>(slice.endpoints().size());
        for (EndpointSlice.Endpoint e : slice.endpoints()) {
            out.add(new Endpoint(prefix + e.podName(), e.podUid(), e.nodeName(), e.ready(), e.serving(), e.terminating()));
        }
        return List.copyOf(out);
    }
}
