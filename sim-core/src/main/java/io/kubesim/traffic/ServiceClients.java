package io.kubesim.traffic;

import io.kubesim.app.ClientSpec;
import io.kubesim.app.RetryOn;
import io.kubesim.app.RetryPolicy;
import io.kubesim.app.ServingModel;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.Service;
import io.kubesim.engine.Simulation;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Builds the clients of entry points and of calls between Services (exact mode): the balancer
 * that routes them (kube-proxy per new connection, one picker per Service; an ingress's or a
 * mesh's proxy per request, with its retries and connect timeout), the endpoint view it reads,
 * and the client's own connections, timeouts and retries.
 */
final class ServiceClients {
    private final Simulation sim;
    private final ClusterStore store;
    private final EndpointViews views;
    private final TrafficLedger ledger;
    private final ProxyMode proxyMode;
    private final boolean connectionPerRequest;
    private final ToIntFunction<String> connectionsOf;
    private final ToIntFunction<String> inFlightOf;
    private final Map<String, KubeProxyPicker> kubeProxy = new HashMap<>();
    private final Map<String, ProxyPicker> mesh = new HashMap<>();

    /**
     * @param connectionPerRequest every client opens a connection per request, whatever its settings
     * @param connectionsOf        a pod uid's open connections (IPVS {@code lc})
     * @param inFlightOf           a pod uid's requests in flight (Envoy's least request)
     */
    ServiceClients(ClusterStore store, EndpointViews views, TrafficLedger ledger, ProxyMode proxyMode,
                   boolean connectionPerRequest, ToIntFunction<String> connectionsOf, ToIntFunction<String> inFlightOf) {
        this.sim = store.sim();
        this.store = store;
        this.views = views;
        this.ledger = ledger;
        this.proxyMode = proxyMode;
        this.connectionPerRequest = connectionPerRequest;
        this.connectionsOf = connectionsOf;
        this.inFlightOf = inFlightOf;
    }

    /** An entry point's {@code count} clients: each has its own connections; they share the balancer. */
    ServiceClient[] forEntry(EntryPoint entry, int count) {
        return forEntry(entry, count, ledger.serviceKey(entry.service()), null);
    }

    /**
     * @param key   the Service the clients connect to
     * @param stats where their requests are counted (a redirected client keeps its original Service's)
     */
    private ServiceClient[] forEntry(EntryPoint entry, int count, String key, ServiceTraffic statsOf) {
        ServiceTraffic stats = statsOf != null ? statsOf : ledger.stats(key);
        EndpointView view = entry.viaMesh() ? views.meshView(key) : views.view(entry.viaIngress(), key);
        ClientSpec spec = connections(entry.effectiveClient());
        EndpointPicker picker;
        RetryPolicy proxyRetry;
        long proxyConnect;
        if (entry.viaMesh()) {
            picker = meshPicker(key);
            proxyRetry = MeshDefaults.retry(entry.retries());
            proxyConnect = MeshDefaults.CONNECT_TIMEOUT;
        } else if (entry.viaIngress()) {
            picker = new ProxyPicker(entry.loadBalance() == null ? LoadBalance.ROUND_ROBIN : entry.loadBalance(),
                    sim.random().stream("traffic/" + entry.name() + "/ingress"), inFlightOf);
            // proxy-next-upstream "error timeout": the next upstream after a connection error,
            // proxy-next-upstream-tries attempts in all (k8s-semantics.md 17.7).
            proxyRetry = new RetryPolicy(entry.retries(), 0, 0, 0, Set.of(RetryOn.CONNECT_FAILURE), true, null);
            proxyConnect = EntryPoint.INGRESS_CONNECT_TIMEOUT;
        } else {
            picker = kubeProxyPicker(key);
            proxyRetry = entry.retries() == 0 ? RetryPolicy.NONE
                    : new RetryPolicy(entry.retries(), 0, 0, 0, Set.of(RetryOn.REFUSED), false, null);
            proxyConnect = 0;
        }
        boolean roundRobin = spec.roundRobin() && !entry.viaIngress() && !entry.viaMesh() && headless(key);
        ServiceClient[] clients = new ServiceClient[count];
        for (int i = 0; i < count; i++) {
            clients[i] = new ServiceClient(stats, spec, view, picker,
                    new ClientIdentity(ClientIdentity.OUTSIDE, entry.name() + "#" + i), proxyRetry, proxyConnect,
                    entry.timeout(), null, entry.viaMesh());
            clients[i].roundRobin = roundRobin && clients[i].pool != null;
            int index = i;
            clients[i].redirect = other -> forEntry(entry, count, other, stats)[index];
        }
        return clients;
    }

    /** The client a pod ({@code caller}) uses for one of its calls. */
    ServiceClient forCall(Pod caller, ServingModel.Call call) {
        ServiceClient c = forCall(caller, call, ledger.serviceKey(call.service()), null);
        return c;
    }

    private ServiceClient forCall(Pod caller, ServingModel.Call call, String key, ServiceTraffic statsOf) {
        ServiceTraffic stats = statsOf != null ? statsOf : ledger.stats(key);
        ClientIdentity identity = new ClientIdentity(caller.nodeName() == null ? "" : caller.nodeName(),
                caller.metadata().uid());
        ClientSpec spec = connections(call.client());
        if (call.viaMesh()) {
            ServiceClient m = new ServiceClient(stats, spec, views.meshView(key), meshPicker(key), identity,
                    MeshDefaults.retry(MeshDefaults.RETRIES), MeshDefaults.CONNECT_TIMEOUT, 0, call.onFailure(), true);
            m.redirect = other -> forCall(caller, call, other, stats);
            m.source = NetworkPath.party(caller);
            return m;
        }
        ServiceClient c = new ServiceClient(stats, spec, views.view(false, key), kubeProxyPicker(key),
                identity, RetryPolicy.NONE, 0, 0, call.onFailure(), false);
        c.redirect = other -> forCall(caller, call, other, stats);
        c.source = NetworkPath.party(caller);
        // gRPC's round_robin resolves the pods of a headless Service; a ClusterIP is one address: pick_first.
        c.roundRobin = spec.roundRobin() && c.pool != null && headless(key);
        return c;
    }

    private ClientSpec connections(ClientSpec spec) {
        return connectionPerRequest ? spec.withConnections(ClientSpec.Connections.PER_REQUEST) : spec;
    }

    private ProxyPicker meshPicker(String serviceKey) {
        return mesh.computeIfAbsent(serviceKey, k -> new ProxyPicker(LoadBalance.LEAST_REQUEST,
                sim.random().stream("traffic/mesh/" + k), inFlightOf));
    }

    private KubeProxyPicker kubeProxyPicker(String serviceKey) {
        return kubeProxy.computeIfAbsent(serviceKey, k -> {
            Service s = store.services().get(k);
            return new KubeProxyPicker(sim, proxyMode, sim.random().stream("traffic/kube-proxy/" + k), connectionsOf,
                    s == null ? 0 : s.clientIpAffinityTimeout());
        });
    }

    private boolean headless(String serviceKey) {
        Service s = store.services().get(serviceKey);
        return s != null && s.headless();
    }
}
