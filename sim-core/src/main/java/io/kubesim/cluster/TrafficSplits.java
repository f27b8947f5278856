package io.kubesim.cluster;

import java.util.HashMap;
import java.util.Map;

/**
 * The weighted routes traffic routers hold (an ingress-nginx canary Ingress, an Istio
 * VirtualService, an SMI TrafficSplit ...), as an Argo Rollout with {@code trafficRouting} sets
 * them (k8s-semantics.md 20.3): a share of the requests addressed to a stable Service goes to its
 * canary Service instead. Requests read it per request; lookups only, never iterated.
 */
public final class TrafficSplits {
    /**
     * A route's split.
     *
     * @param canaryService the canary Service's key ({@code namespace/name})
     * @param weight        the canary's share in percent, 0..100
     * @param mesh          whether the router sits in every caller's path (a service mesh) rather than
     *                      only at the edge (an ingress controller): then calls between Services are split too
     */
    public record Split(String canaryService, int weight, boolean mesh) {
    }

    private final Map<String, Split> byStableService = new HashMap<>();

    /** Sets the split of requests to {@code stableService} (a weight of 0 keeps the route, all to stable). */
    public void set(String stableService, Split split) {
        byStableService.put(stableService, split);
    }

    public void remove(String stableService) {
        byStableService.remove(stableService);
    }

    /** The split of requests addressed to this Service, or null when no router splits them. */
    public Split of(String serviceKey) {
        return byStableService.isEmpty() ? null : byStableService.get(serviceKey);
    }

    public boolean isEmpty() {
        return byStableService.isEmpty();
    }
}
