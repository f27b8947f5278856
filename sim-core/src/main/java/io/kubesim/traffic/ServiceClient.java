package io.kubesim.traffic;

import io.kubesim.app.ClientSpec;
import io.kubesim.app.RetryPolicy;

/**
 * One client's way to a Service: its view of the endpoints, the balancer that picks among them,
 * its connections, its timeouts and retries. A caller pod has one per Service it calls; an entry
 * point one per outside client (or virtual user).
 *
 * <p>Through a proxy (an ingress controller, a sidecar) there are two loops of retries: the
 * proxy's own ({@link #proxyRetry}: next upstream on a connection error), inside the client's
 * ({@link ClientSpec#retry()}).
 */
final class ServiceClient {
    final ServiceTraffic stats;
    final ClientSpec spec;
    final EndpointView view;
    final EndpointPicker picker;
    final ClientIdentity identity;
    /** The calling pod as NetworkPolicies see it; null for clients outside the cluster (entry points). */
    NetworkPolicies.Party source;
    /** The proxy's retries of one client attempt; {@link RetryPolicy#NONE} through kube-proxy. */
    final RetryPolicy proxyRetry;
    /** How long the proxy waits for a pod to accept a connection (0: the client's connect timeout applies). */
    final long proxyConnectTimeout;
    /** Null when every request opens its own connection. */
    final ConnectionPool pool;
    /** Null without a retry budget. */
    final RetryBudgetTally budget;

    /** The balancer's own request timeout (an ingress's), 0 for none. */
    final long balancerTimeout;
    /** What the calling pod answers when a call of this client fails; null for an entry point's clients. */
    final io.kubesim.app.OnFailure onFailure;
    /** Through a service mesh's proxy (Envoy): its failures answer 503 with a response flag. */
    final boolean mesh;

    ServiceClient(ServiceTraffic stats, ClientSpec spec, EndpointView view, EndpointPicker picker,
                  ClientIdentity identity, RetryPolicy proxyRetry, long proxyConnectTimeout, long balancerTimeout) {
        this(stats, spec, view, picker, identity, proxyRetry, proxyConnectTimeout, balancerTimeout, null, false);
    }

    ServiceClient(ServiceTraffic stats, ClientSpec spec, EndpointView view, EndpointPicker picker,
                  ClientIdentity identity, RetryPolicy proxyRetry, long proxyConnectTimeout, long balancerTimeout,
                  io.kubesim.app.OnFailure onFailure, boolean mesh) {
        this.onFailure = onFailure;
        this.mesh = mesh;
        this.balancerTimeout = balancerTimeout;
        this.stats = stats;
        this.spec = spec;
        this.view = view;
        this.picker = picker;
        this.identity = identity;
        this.proxyRetry = proxyRetry;
        this.proxyConnectTimeout = proxyConnectTimeout;
        // A proxy balances each request itself over its own upstream connections: the client's
        // connection ends at the proxy and pins nothing.
        this.pool = spec.connections() == ClientSpec.Connections.PER_REQUEST || picker.perRequest()
                ? null : new ConnectionPool(spec);
        this.budget = spec.retry().budget() == null ? null : new RetryBudgetTally(spec.retry().budget());
    }

    /** The FIFOs its calls' timeouts and its tries' timeouts wait in (one delay each); made at first use. */
    private io.kubesim.engine.FixedDelayTimers callTimeouts;
    private io.kubesim.engine.FixedDelayTimers perTryTimeouts;

    /** The timers of this client's call timeouts, which all wait {@code delay}. */
    io.kubesim.engine.FixedDelayTimers callTimeouts(io.kubesim.engine.Simulation sim, long delay) {
        callTimeouts = timers(callTimeouts, sim, delay);
        return callTimeouts;
    }

    /** The timers of this client's per-try timeouts ({@code retry.perTryTimeout}). */
    io.kubesim.engine.FixedDelayTimers perTryTimeouts(io.kubesim.engine.Simulation sim) {
        perTryTimeouts = timers(perTryTimeouts, sim, spec.retry().perTryTimeout());
        return perTryTimeouts;
    }

    /** {@code kept} while it has that delay; else the simulation's FIFO for it (looked up by a boxed key). */
    private static io.kubesim.engine.FixedDelayTimers timers(io.kubesim.engine.FixedDelayTimers kept,
                                                             io.kubesim.engine.Simulation sim, long delay) {
        return kept != null && kept.delay() == delay ? kept : sim.fixedDelayTimers(delay);
    }

    /**
     * gRPC's {@code round_robin} over the addresses the client resolves (a headless Service's
     * pods): a connection per pod, each request to the next pod in turn.
     */
    boolean roundRobin;
    /** The next turn of {@link #roundRobin}. */
    int nextTurn;

    /**
     * How this client reaches another Service the same way (same balancer kind, connections and
     * retries): a traffic router sending part of its requests to a canary Service. Null when the
     * client cannot be redirected.
     */
    java.util.function.Function<String, ServiceClient> redirect;
    private java.util.Map<String, ServiceClient> redirected;

    /** This client's twin towards {@code serviceKey} (made once). */
    ServiceClient towards(String serviceKey) {
        if (redirected == null) {
            redirected = new java.util.HashMap<>();
        }
        return redirected.computeIfAbsent(serviceKey, redirect);
    }

    /** The request timeout the target's application gives its clients, as last seen (entry points). */
    long appTimeout = io.kubesim.app.ServingModel.DEFAULT.timeout();

    /**
     * An entry request's timeout when the target's application gives its clients
     * {@code appTimeout}: the client's own if it has one, shortened by the balancer's.
     */
    long requestTimeout(long appTimeout) {
        long t = spec.timeout() > 0 ? spec.timeout() : appTimeout;
        return balancerTimeout > 0 ? Math.min(t, balancerTimeout) : t;
    }

    /** How long a connect to an address that does not answer takes to fail. */
    long connectWait() {
        return proxyConnectTimeout > 0 ? proxyConnectTimeout : spec.connectWait();
    }
}
