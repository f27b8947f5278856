package io.kubesim.traffic;

import io.kubesim.app.ApplicationCatalog;
import io.kubesim.app.ClientSpec;
import io.kubesim.app.RetryPolicy;
import io.kubesim.app.ServingModel;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.WatchEventType;
import io.kubesim.engine.Simulation;
import io.kubesim.kubelet.AppLifecycleListener;
import io.kubesim.kubelet.PodLoadTarget;
import io.kubesim.metrics.Gauge;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Every request, simulated one by one (exact mode): a client (an entry point's outside client or
 * virtual user, or a pod calling another Service) sends it over a connection to a pod, the pod's
 * application serves, queues or refuses it, calls other Services while serving, and the outcome
 * is recorded with its cause and latency against the Service.
 *
 * <p>Connections follow k8s-semantics.md 17: kube-proxy picks the pod of a new connection (17.1,
 * 17.3) and every request on a kept-alive or multiplexed connection goes to that pod (17.2, 17.6);
 * a proxy (an ingress controller) picks per request. On the wire (17.5) a pod alive but not
 * listening refuses at once, an address that no longer answers (node down, pod gone) lets the
 * connect time out, and a request on a connection to a vanished node hangs until its timeout.
 * Clients retry what their policy says, with back-off and a budget.
 *
 * <p>The application's state comes from the kubelet through {@link AppLifecycleListener}: a pod
 * accepts connections between "listening" and SIGTERM, and fails what it holds when its process
 * ends. The balancers' views lag the EndpointSlices, so new connections keep arriving at pods that
 * have already been told to stop: the failure the traffic model exists to predict.
 */
public final class ExactTraffic implements TrafficModel {
    /**
     * How long a sender keeps retransmitting on an established connection whose peer vanished
     * before it gives up ({@code tcp_retries2} 15, about 924 s; k8s-semantics.md 17.5): a
     * multiplexed connection to a dead node is dropped after that.
     */
    static final long TCP_RETRANSMIT_GIVE_UP = io.kubesim.engine.SimTime.seconds(924);

    private final Simulation sim;
    private final ClusterStore store;
    /** Traffic routers' weighted routes, and the stream that draws each request's side. */
    private final io.kubesim.cluster.TrafficSplits splits;
    private final RandomGenerator splitPick;
    private final ApplicationCatalog applications;
    private final TrafficLedger ledger;
    private final Map<String, PodServer> servers = new LinkedHashMap<>();
    /** Servers whose load changed since the last {@link #visitLoadChanges}, in the order they changed. */
    private List<PodServer> loadChanges = new ArrayList<>();
    private final ServiceClients clients;
    /** The NetworkPolicies between clients and pods; none until {@link #enforce} is called. */
    private NetworkPath network;
    private final RandomGenerator callRng;
    private final RandomGenerator serviceRng;
    private final RandomGenerator retryRng;
    private final RandomGenerator connectionRng;
    private final RandomGenerator errorRng;
    private long lostInFlight;
    /** {@link #callClient} as the factory {@link PodServer#client} takes: made once, not at every call. */
    private final java.util.function.BiFunction<PodServer, Integer, ServiceClient> callClients = this::callClient;

    public ExactTraffic(ClusterStore store, ApplicationCatalog applications, EndpointViews views,
                        TrafficLedger ledger) {
        this(store, applications, views, ledger, ProxyMode.IPTABLES, false);
    }

    /**
     * @param proxyMode            how kube-proxy picks the pod of a new connection
     * @param connectionPerRequest every client opens a connection per request, whatever its
     *                             settings: the fluid mode's balancing, to compare the two
     */
    public ExactTraffic(ClusterStore store, ApplicationCatalog applications, EndpointViews views,
                        TrafficLedger ledger, ProxyMode proxyMode, boolean connectionPerRequest) {
        this.sim = store.sim();
        this.store = store;
        this.splits = store.trafficSplits();
        this.splitPick = sim.random().stream("traffic/routers");
        this.applications = applications;
        this.ledger = ledger;
        this.clients = new ServiceClients(store, views, ledger, proxyMode, connectionPerRequest, this::connections,
                this::inFlight);
        this.callRng = sim.random().stream("traffic/calls");
        this.serviceRng = sim.random().stream("traffic/service-times");
        this.retryRng = sim.random().stream("traffic/retries");
        this.connectionRng = sim.random().stream("traffic/connections");
        this.errorRng = sim.random().stream("traffic/app-errors");
        this.network = new NetworkPath(store, NetworkPolicies.NONE);
    }

    /** Forgets the application of deleted pods. */
    @Override
    public void start() {
        store.pods().watch((type, pod) -> {
            if (type == WatchEventType.DELETED) {
                PodServer s = servers.remove(pod.metadata().uid());
                if (s != null) {
                    s.retired = true;
                    s.stopped();
                    ledger.pods().retired(pod, s.cpuMicros(), sim.now());
                }
            }
        });
    }

    /**
     * Starts the arrivals of an entry point, drawn from the stream {@code arrivals/<entry name>};
     * closed-loop users take their think times from that stream.
     */
    @Override
    public void addEntryPoint(EntryPoint entry) {
        RandomGenerator rng = sim.random().stream("arrivals/" + entry.name());
        if (entry.arrivals() instanceof ArrivalSpec.ClosedLoop users) {
            EntrySender sender = new EntrySender(entry, users.users());
            new ClosedLoopClients(sim, users, rng, (user, answered) -> sender.send(sender.clients[user], answered))
                    .start();
            return;
        }
        addEntryPoint(entry, ArrivalProcesses.of(entry.arrivals(), rng));
    }

    /** Starts the arrivals of an entry point; {@code arrivals} draws its times. */
    public void addEntryPoint(EntryPoint entry, ArrivalProcess arrivals) {
        EntrySender sender = new EntrySender(entry, entry.clients());
        RandomGenerator clientPick = sim.random().stream("traffic/" + entry.name());
        Runnable[] arrive = new Runnable[1];
        arrive[0] = () -> {
            ServiceClient c = sender.clients.length == 1 ? sender.clients[0]
                    : sender.clients[clientPick.nextInt(sender.clients.length)];
            sender.send(c, null);
            long next = arrivals.next(sim.now());
            if (next != Long.MAX_VALUE) {
                sim.scheduleAt(next, arrive[0]);
            }
        };
        long first = arrivals.next(sim.now() - 1);
        if (first != Long.MAX_VALUE) {
            sim.scheduleAt(Math.max(first, sim.now()), arrive[0]);
        }
    }

    /** An entry point's clients: each has its own connections; they share the balancer. */
    private final class EntrySender {
        private final ServiceClient[] clients;

        EntrySender(EntryPoint entry, int count) {
            this.clients = ExactTraffic.this.clients.forEntry(entry, count);
        }

        /** One request from client {@code c}, now; {@code answered} (or null) is told when it ends. */
        void send(ServiceClient c, LongConsumer answered) {
            Request r = new Request(c.stats, sim.now(), null, c.requestTimeout(c.appTimeout));
            r.answered = answered;
            r.client = c;
            if (c.budget != null) {
                c.budget.request(sim.now());
            }
            attempt(r);
        }
    }

    private int connections(String podUid) {
        PodServer s = servers.get(podUid);
        return s == null ? 0 : s.openConnections();
    }

    private int inFlight(String podUid) {
        PodServer s = servers.get(podUid);
        return s == null ? 0 : s.inFlight();
    }

    @Override
    public TrafficLedger ledger() {
        return ledger;
    }

    /** The stats of a Service ({@code namespace/name}), created on first use. */
    public ServiceTraffic stats(String serviceKey) {
        return ledger.stats(serviceKey);
    }

    @Override
    public void settle() {
        // Every request is an event: nothing is pending.
    }

    @Override
    public TrafficMode mode() {
        return TrafficMode.EXACT;
    }

    /** Enforces {@code policies} on every new connection and name lookup from now on. */
    public void enforce(NetworkPolicies policies) {
        this.network = new NetworkPath(store, policies);
    }

    /**
     * One attempt of {@code r}: on a pooled connection if its client has one, else on a new
     * connection to the endpoint its balancer picks.
     */
    private void attempt(Request r) {
        if (r.tries == 0 && !splits.isEmpty()) {
            split(r);
        }
        ServiceClient c = r.client;
        long now = sim.now();
        r.tries++;
        r.epoch++;
        r.tryStart = now;
        Endpoint turn = null;
        if (c.roundRobin) {
            List<Endpoint> endpoints = c.view.routable();
            if (endpoints.isEmpty()) {
                attemptFailed(r, RequestCause.NO_ENDPOINTS);
                return;
            }
            turn = endpoints.get(Math.floorMod(c.nextTurn++, endpoints.size()));
        }
        Connection conn = c.pool == null ? null : c.pool.acquire(turn == null ? ConnectionPool.ANY : turn.podUid(), now);
        PodServer server;
        if (conn != null) {
            server = conn.server;
            r.podKey = conn.podKey;
        } else {
            if (!network.resolves(c)) {
                failsAfter(r, NetworkPath.DNS_FAILURE, RequestCause.DNS_TIMEOUT);
                return;
            }
            List<Endpoint> endpoints = turn != null ? null : c.view.routable();
            if (turn == null && endpoints.isEmpty()) {
                attemptFailed(r, RequestCause.NO_ENDPOINTS);
                return;
            }
            Endpoint e = turn != null ? turn : c.picker.pick(endpoints, c.identity, r.lastPodUid);
            r.podKey = e.podKey();
            r.lastPodUid = e.podUid();
            if (!network.admits(c, e)) {
                failsAfter(r, c.connectWait(), RequestCause.POLICY_DROPPED);
                return;
            }
            server = servers.get(e.podUid());
            if (server == null ? !podExists(e) : server.unreachable()) {
                connectTimesOut(r);
                return;
            }
            if (server == null || !server.accepting()) {
                attemptFailed(r, RequestCause.CONNECTION_REFUSED);
                return;
            }
            if (c.pool != null) {
                conn = server.connect(now, maxAgeAt(server.model(), now));
                c.pool.opened(turn == null ? ConnectionPool.ANY : turn.podUid(), conn);
            }
        }
        if (r.parent == null && c.spec.timeout() == 0) {
            c.appTimeout = server.model().timeout();
            r.timeout = c.requestTimeout(c.appTimeout);
        }
        r.connection = conn;
        if (conn != null) {
            conn.inFlight++;
            conn.requests++;
        }
        long perTry = c.spec.retry().perTryTimeout();
        if (perTry > 0) {
            r.pending = c.perTryTimeouts(sim).schedule(() -> perTryTimedOut(r)); // nearly all cancelled
        }
        if (server.unreachable()) {
            hang(r); // sent into a connection whose far end vanished
            return;
        }
        server.offer(r, now);
    }

    /**
     * A traffic router's weighted route (k8s-semantics.md 20.3): a request addressed to a stable
     * Service goes to its canary Service with the canary's weight as probability; an edge router
     * (an ingress) splits only requests from outside, a mesh every caller's.
     */
    private void split(Request r) {
        io.kubesim.cluster.TrafficSplits.Split s = splits.of(r.client.stats.key());
        if (s != null && s.weight() > 0 && (s.mesh() || r.parent == null) && r.client.redirect != null
                && splitPick.nextInt(100) < s.weight()) {
            r.client = r.client.towards(s.canaryService());
        }
    }

    /** Whether the endpoint's pod still exists (its address answers, with RST if nothing listens). */
    private boolean podExists(Endpoint e) {
        Pod p = store.pods().get(e.podKey());
        return p != null && p.metadata().uid().equals(e.podUid());
    }

    /** When the server of a connection opened now sends GOAWAY: its max age, jittered by ±10 %. */
    private long maxAgeAt(ServingModel m, long now) {
        if (m.maxConnectionAge() <= 0) {
            return Long.MAX_VALUE;
        }
        double jitter = 0.9 + 0.2 * connectionRng.nextDouble();
        return now + Math.round(m.maxConnectionAge() * jitter);
    }

    /**
     * The SYN goes unanswered: the attempt fails as {@code connect_timeout} when the connect
     * timeout passes, or earlier when the attempt's or the request's time is up.
     */
    private void connectTimesOut(Request r) {
        failsAfter(r, r.client.connectWait(), RequestCause.CONNECT_TIMEOUT);
    }

    /**
     * Nothing will answer the attempt: it fails with {@code cause} after {@code wait}, or earlier
     * when the attempt's or the request's time is up.
     */
    private void failsAfter(Request r, long wait, RequestCause cause) {
        long now = sim.now();
        long at = now + wait;
        long perTry = r.client.spec.retry().perTryTimeout();
        if (perTry > 0) {
            at = Math.min(at, r.tryStart + perTry);
        }
        if (r.timeout != Long.MAX_VALUE) {
            at = Math.min(at, r.arrival + r.timeout);
        }
        int epoch = r.epoch;
        lost(r);
        r.pending = sim.scheduleAt(Math.max(at, now), () -> {
            if (r.epoch == epoch && !r.done) {
                r.pending = null;
                attemptFailed(r, cause);
            }
        });
    }

    @Override
    public long lostInFlight() {
        return lostInFlight;
    }

    private void lost(Request r) {
        if (!r.lost) {
            r.lost = true;
            lostInFlight++;
        }
    }

    /** {@code r}'s attempt is over (or handed to a successor): it no longer counts as lost. */
    private void found(Request r) {
        if (r.lost) {
            r.lost = false;
            lostInFlight--;
        }
    }

    /** The attempt's own time passed with the request still out: the client gives up on it and may retry. */
    private void perTryTimedOut(Request r) {
        r.pending = null;
        if (r.done || r.abandoned) {
            return;
        }
        Request next = supersede(r);
        attemptFailed(next, RequestCause.TIMEOUT);
    }

    /**
     * The client abandons the attempt {@code r} (the pod may still be working on it): a fresh
     * request object carries the client's request on; {@code r} ends silently when its pod is
     * done with it. An HTTP/1.1 connection with an abandoned request on it is closed.
     */
    private Request supersede(Request r) {
        Request next = new Request(r.target, r.arrival, r.parent, r.timeout);
        next.client = r.client;
        next.answered = r.answered;
        next.tries = r.tries;
        next.clientRetries = r.clientRetries;
        next.lastPodUid = r.lastPodUid;
        next.podKey = r.podKey;
        next.parentEpoch = r.parentEpoch;
        next.epoch = r.epoch;
        next.callTimeout = r.callTimeout;
        r.callTimeout = null;
        r.answered = null;
        r.abandoned = true;
        r.detached = true;
        r.successor = next;
        found(r);
        if (r.connection != null) {
            Connection conn = r.connection;
            r.connection = null;
            if (r.client.pool != null) {
                if (r.client.spec.connections() == ClientSpec.Connections.KEEP_ALIVE || conn.server.unreachable()) {
                    conn.goingAway = true;
                }
                r.client.pool.release(conn, sim.now());
            }
        }
        return next;
    }

    /**
     * An attempt failed: retry it through the proxy (next upstream) or the client's policy when
     * they say so and time is left, else the request ends with {@code cause}.
     */
    private void attemptFailed(Request r, RequestCause cause) {
        long now = sim.now();
        endAttempt(r, cause, now);
        ServiceClient c = r.client;
        RetryPolicy proxy = c.proxyRetry;
        // A proxy with no endpoint answers at once (nginx 503, Envoy's UH): there is no upstream to retry.
        boolean proxyCovers = proxy.retries() > 0 && cause != RequestCause.NO_ENDPOINTS
                && Retries.retriable(proxy, cause, r.answerStatus);
        if (proxyCovers && r.tries <= proxy.retries() && timeLeft(r, now)) {
            r.target.retried++;
            retryAfter(r, proxy.backoff(r.tries, retryRng), false);
            return;
        }
        RetryPolicy own = c.spec.retry();
        boolean ownCovers = own.retries() > 0 && Retries.retriable(own, cause, r.answerStatus);
        if (ownCovers) {
            long wait = own.backoff(r.clientRetries + 1, retryRng);
            if (r.clientRetries < own.retries() && timeLeft(r, now + wait)
                    && (c.budget == null || c.budget.tryRetry(now))) {
                r.clientRetries++;
                r.target.retried++;
                retryAfter(r, wait, true);
                return;
            }
        }
        if (proxyCovers || ownCovers) {
            r.target.retriesExhausted++;
        }
        record(r, cause);
    }

    private boolean timeLeft(Request r, long at) {
        return r.timeout == Long.MAX_VALUE || at < r.arrival + r.timeout;
    }

    /** Starts the next attempt of {@code r} after {@code wait}; a client retry starts the proxy's tries afresh. */
    private void retryAfter(Request r, long wait, boolean clientRetry) {
        if (clientRetry) {
            r.tries = 0;
        }
        r.server = null;
        r.parts = 0;
        r.firstFailure = null;
        r.activeIndex = -1;
        r.hung = false;
        r.answerStatus = 0;
        if (r.completion != null) {
            r.completion.cancel();
            r.completion = null;
        }
        if (wait <= 0) {
            attempt(r);
            return;
        }
        int epoch = r.epoch;
        r.pending = sim.schedule(wait, () -> {
            if (r.epoch == epoch && !r.done) {
                r.pending = null;
                attempt(r);
            }
        });
    }

    /**
     * The current attempt is over: its pending timer is cancelled, its connection goes back to
     * its client (closed if the failure broke it), and a latency-aware balancer hears how long it took.
     */
    private void endAttempt(Request r, RequestCause cause, long now) {
        found(r);
        if (r.pending != null) {
            r.pending.cancel();
            r.pending = null;
        }
        Connection conn = r.connection;
        if (conn != null) {
            r.connection = null;
            if (cause == RequestCause.NODE_UNREACHABLE || cause == RequestCause.TIMEOUT) {
                conn.goingAway = conn.goingAway
                        || r.client.spec.connections() == ClientSpec.Connections.KEEP_ALIVE;
            }
            r.client.pool.release(conn, now);
        }
        if (r.server != null && r.lastPodUid != null) {
            r.client.picker.observe(r.lastPodUid, now - r.tryStart, now);
        }
    }

    /**
     * Nothing will answer {@code r} (its pod's node is down): it ends as {@code node_unreachable}
     * when its client gives up, at arrival + timeout, unless a per-try timeout comes first. A
     * call's own timeout fails its caller at that same moment.
     */
    void hang(Request r) {
        r.hung = true;
        lost(r);
        if (r.completion != null) {
            r.completion.cancel();
            r.completion = null;
        }
        Connection conn = r.connection;
        if (conn != null && conn.hungSince < 0) {
            conn.hungSince = sim.now();
        }
        long giveUp = r.timeout == Long.MAX_VALUE ? Long.MAX_VALUE : r.arrival + r.timeout;
        if (giveUp == Long.MAX_VALUE) {
            return;
        }
        if (giveUp < sim.now()) {
            finish(r, RequestCause.TIMEOUT); // its client had given up before the node failed
            return;
        }
        sim.scheduleAt(giveUp, () -> finish(r, RequestCause.NODE_UNREACHABLE));
    }

    /** The server starts on {@code r}: its own service time, and the calls it makes. */
    void serve(Request r, PodServer server, double slowdown) {
        ServingModel m = server.model();
        long service = Math.round(m.serviceTime().sample(serviceRng) * slowdown);
        r.parts = 1;
        int epoch = r.epoch;
        r.completion = sim.schedule(service, () -> partDone(r, epoch, null, null, 0));
        List<ServingModel.Call> calls = m.calls();
        for (int i = 0; i < calls.size(); i++) {
            ServingModel.Call call = calls.get(i);
            if (call.probability() < 1.0 && callRng.nextDouble() >= call.probability()) {
                continue;
            }
            r.parts++;
            ServiceClient c = server.client(i, callClients);
            long timeout = call.client().timeout() > 0 ? call.client().timeout() : call.timeout();
            Request sub = new Request(c.stats, sim.now(), r, timeout);
            sub.client = c;
            sub.parentEpoch = r.epoch;
            sub.callTimeout = c.callTimeouts(sim, timeout).schedule(() -> callTimedOut(sub)); // nearly all cancelled
            if (c.budget != null) {
                c.budget.request(sim.now());
            }
            attempt(sub);
        }
    }

    /** The client a pod uses for its call number {@code index}. */
    private ServiceClient callClient(PodServer caller, int index) {
        return clients.forCall(caller.pod(), caller.model().calls().get(index));
    }

    /**
     * One part of {@code r} is over: its own service time (no failure), or a call. A failed call
     * falls back (the request is served, degraded) or fails the request with the status its call
     * edge answers ({@code onFailure}; {@code calleeStatus} is the status the call ended with).
     */
    private void partDone(Request r, int epoch, RequestCause failure, io.kubesim.app.OnFailure answer,
                          int calleeStatus) {
        if (r.done || r.hung || r.epoch != epoch) {
            return;
        }
        r.parts--;
        if (failure != null && answer != null && answer.fallback()) {
            r.degraded = true;
        } else if (failure != null && r.firstFailure == null) {
            r.firstFailure = failure;
            r.firstFailureStatus = answer == null ? RequestCause.DEPENDENCY_FAILED.status()
                    : answer.status() != 0 ? answer.status() : calleeStatus;
        }
        if (r.parts == 0) {
            if (r.server != null) {
                r.server.release(r, sim.now());
            }
            ServingModel m = r.server == null ? null : r.server.model();
            if (r.firstFailure == null && m != null && m.errorRatio() > 0 && errorRng.nextDouble() < m.errorRatio()) {
                r.answerStatus = m.errorStatus();
                finish(r, RequestCause.APP_ERROR);
            } else if (r.firstFailure == null) {
                complete(r);
            } else {
                r.answerStatus = r.firstFailureStatus;
                finish(r, RequestCause.DEPENDENCY_FAILED);
            }
        }
    }

    /** The pod answered {@code r}: the attempt went through. */
    private void complete(Request r) {
        long now = sim.now();
        if (r.abandoned) {
            r.done = true;
            return;
        }
        endAttempt(r, RequestCause.OK, now);
        record(r, RequestCause.OK);
    }

    private void callTimedOut(Request sub) {
        while (sub.successor != null) {
            sub = sub.successor;
        }
        if (sub.done || sub.parent == null) {
            return;
        }
        Request parent = sub.parent;
        sub.detached = true;
        partDone(parent, sub.parentEpoch, RequestCause.TIMEOUT, sub.client == null ? null : sub.client.onFailure,
                RequestCause.TIMEOUT.status());
    }

    /** The server dropped {@code r} (its process died, or it reset connections on SIGTERM). */
    void abort(Request r, RequestCause cause) {
        if (r.completion != null) {
            r.completion.cancel();
        }
        finish(r, cause);
    }

    /**
     * The current attempt of {@code r} ended with {@code cause}: a success is recorded, a failure
     * goes to the client, which may retry it.
     */
    void finish(Request r, RequestCause cause) {
        if (r.done) {
            return;
        }
        if (r.abandoned) {
            r.done = true;
            return;
        }
        if (cause == RequestCause.OK) {
            complete(r);
            return;
        }
        if (cause.answeredByPod() && (!hasOwnStatus(cause) || r.answerStatus == 0)) {
            r.answerStatus = cause.status();
        }
        if (r.client != null && !r.hung && (r.client.proxyRetry.retries() > 0 || r.client.spec.retry().retries() > 0)) {
            attemptFailed(r, cause);
            return;
        }
        endAttempt(r, cause, sim.now());
        record(r, cause);
    }

    /** A cause whose status the pod chooses: a failed dependency's (its call edge) or an app error's (its version). */
    private static boolean hasOwnStatus(RequestCause cause) {
        return cause == RequestCause.DEPENDENCY_FAILED || cause == RequestCause.APP_ERROR;
    }

    /** Records how {@code r} ended and tells whoever waited for it. */
    private void record(Request r, RequestCause cause) {
        if (r.done) {
            return;
        }
        r.done = true;
        found(r);
        if (r.callTimeout != null) {
            r.callTimeout.cancel();
        }
        if (r.pending != null) {
            r.pending.cancel();
            r.pending = null;
        }
        long now = sim.now();
        long latency = now - r.arrival;
        long outcomeTime = now;
        RequestCause outcome = cause;
        if (latency > r.timeout) {
            outcome = RequestCause.TIMEOUT;
            outcomeTime = r.arrival + r.timeout;
            latency = r.timeout;
        }
        int status = hasOwnStatus(outcome) && r.answerStatus != 0 ? r.answerStatus : outcome.status();
        if (outcome != RequestCause.OK && outcome != RequestCause.DEPENDENCY_FAILED && r.client != null && r.client.mesh) {
            status = MeshDefaults.status(outcome);
            String flag = MeshDefaults.responseFlag(outcome, r.tries + r.clientRetries > 1);
            if (flag != null) {
                r.target.responseFlag(flag);
            }
        }
        r.target.record(outcomeTime, outcome, latency);
        if (outcome == RequestCause.OK && r.degraded) {
            r.target.degraded++;
        }
        PodTraffic counts = r.server == null ? null : r.server.counts(ledger.pods(), r.podKey);
        if (counts != null) {
            ledger.pods().routed(counts, outcomeTime, 1);
        } else {
            ledger.pods().routed(r.podKey, outcomeTime, 1);
        }
        ledger.meter(r.podKey, r.target, outcomeTime, 1, outcome != RequestCause.OK, latency);
        if (outcome != RequestCause.OK) {
            ledger.failed(r.target, r.podKey, outcome, outcomeTime, r.arrival);
        }
        if (r.parent == null) {
            ledger.entryOutcome(outcome, status, outcome == RequestCause.OK && r.degraded);
            r.target.recordEntry(outcome, latency);
            if (r.answered != null) {
                r.answered.accept(outcomeTime);
            }
        }
        if (r.parent != null && !r.detached) {
            partDone(r.parent, r.parentEpoch, outcome == RequestCause.OK ? null : outcome,
                    r.client == null ? null : r.client.onFailure, status);
        }
    }

    @Override
    public void listening(Pod pod, PodLoadTarget load) {
        servers.computeIfAbsent(pod.metadata().uid(),
                k -> new PodServer(pod, applications.forPod(pod).serving(), this)).listening(sim.now(), load);
    }

    @Override
    public void sigterm(Pod pod) {
        PodServer s = servers.get(pod.metadata().uid());
        if (s != null) {
            s.sigterm();
        }
    }

    @Override
    public void stopped(Pod pod, boolean killed) {
        PodServer s = servers.get(pod.metadata().uid());
        if (s != null) {
            s.stopped();
        }
    }

    @Override
    public void cpuSlowdown(Pod pod, double factor) {
        PodServer s = servers.get(pod.metadata().uid());
        if (s != null) {
            s.setCpuSlowdown(factor);
        }
    }

    @Override
    public void unreachable(Pod pod) {
        // Also a pod whose app was still starting: its connections hang rather than being refused.
        servers.computeIfAbsent(pod.metadata().uid(),
                k -> new PodServer(pod, applications.forPod(pod).serving(), this)).nodeDown();
    }

    /** Queues {@code s} for the next {@link #visitLoadChanges}, once. */
    void loadChanged(PodServer s) {
        if (!s.loadChanged) {
            s.loadChanged = true;
            loadChanges.add(s);
        }
    }

    /**
     * Visits the servers queued since the last call (offered a request, started listening) and
     * those still holding requests; a server that holds none and was not offered one since its
     * last visit has the same figures as then, so its load over the window is nil.
     */
    @Override
    public void visitLoadChanges(PodLoadVisitor visitor) {
        List<PodServer> visiting = loadChanges;
        loadChanges = new ArrayList<>(visiting.size());
        for (PodServer s : visiting) {
            s.loadChanged = false;
        }
        if (!LoadVisits.onlyChanged()) {
            visitLoad(visitor);
            return;
        }
        for (PodServer s : visiting) {
            if (s.retired) {
                continue;
            }
            visitor.visit(s.pod(), s.loadTarget(), s.model(), s.cpuMicros(), s.offered(), s.inFlight());
            if (s.inFlight() > 0) {
                loadChanged(s);
            }
        }
    }

    @Override
    public void visitLoad(PodLoadVisitor visitor) {
        for (PodServer s : servers.values()) {
            visitor.visit(s.pod(), s.loadTarget(), s.model(), s.cpuMicros(), s.offered(), s.inFlight());
        }
    }

    @Override
    public Gauge latencyGauge() {
        return ledger.latencyGauge();
    }
}
