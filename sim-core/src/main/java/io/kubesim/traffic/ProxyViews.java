package io.kubesim.traffic;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.EndpointSlice;
import io.kubesim.cluster.WatchEventType;
import java.util.ArrayList;
import java.util.List;

/**
 * The endpoints as the load balancers see them: {@value #KUBE_PROXY} (traffic to a Service) and
 * {@value #INGRESS} (traffic through an ingress controller). Each keeps its own copy of every
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

    private final ClusterStore store;
    private final List<BalancerEndpoints> balancers = new ArrayList<>(2);

    public ProxyViews(ClusterStore store, NetworkSpec network) {
        this.store = store;
        balancers.add(new BalancerEndpoints(store.sim(), KUBE_PROXY, network.kubeProxyDelay(), "network/" + KUBE_PROXY));
        balancers.add(new BalancerEndpoints(store.sim(), INGRESS, network.ingressDelay(), "network/" + INGRESS));
    }

    /** Registers the watch on EndpointSlices; slices already stored reach the views like new ones. */
    public void start() {
        store.endpointSlices().watch(this::onSlice);
        for (EndpointSlice s : new ArrayList<>(store.endpointSlices().list())) {
            onSlice(WatchEventType.ADDED, s);
        }
    }

    /**
     * Runs {@code r} just before any balancer applies a change to its views: the fluid traffic
     * model settles the traffic up to that instant under the old view.
     */
    public void beforeChange(Runnable r) {
        for (BalancerEndpoints b : balancers) {
            b.beforeChange(r);
        }
    }

    /**
     * The live view of a Service by one balancer.
     *
     * @param balancer   {@value #KUBE_PROXY} or {@value #INGRESS}
     * @param serviceKey {@code namespace/name} of the Service
     */
    public ServiceEndpointView view(String balancer, String serviceKey) {
        for (BalancerEndpoints b : balancers) {
            if (b.name().equals(balancer)) {
                return b.view(serviceKey);
            }
        }
        throw new IllegalArgumentException("unknown load balancer \"" + balancer + "\"; expected " + KUBE_PROXY
                + " or " + INGRESS);
    }

    private void onSlice(WatchEventType type, EndpointSlice slice) {
        String serviceKey = slice.serviceKey();
        if (serviceKey == null) {
            return;
        }
        List<Endpoint> content = type == WatchEventType.DELETED || !store.endpointSlices().contains(slice)
                ? null : toEndpoints(slice);
        for (BalancerEndpoints b : balancers) {
            b.sliceChanged(serviceKey, slice.name(), content);
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
