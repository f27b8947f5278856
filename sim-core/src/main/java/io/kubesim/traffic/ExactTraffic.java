package io.kubesim.traffic;

import io.kubesim.app.ApplicationCatalog;
import io.kubesim.app.ServingModel;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.WatchEventType;
import io.kubesim.engine.Simulation;
import io.kubesim.kubelet.AppLifecycleListener;
import io.kubesim.metrics.Gauge;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Every request, simulated one by one (exact mode): an arrival at an entry point goes to a pod the
 * balancer's view picks (kube-proxy at random, an ingress round-robin), the pod's application
 * serves, queues or refuses it, calls other Services while serving, and the outcome is recorded
 * with its cause and latency against the Service.
 *
 * <p>The application's state comes from the kubelet through {@link AppLifecycleListener}: a pod
 * accepts connections between "listening" and SIGTERM, and fails what it holds when its process
 * ends. The balancers' views lag the EndpointSlices, so requests keep arriving at pods that have
 * already been told to stop: the failure the traffic model exists to predict.
 */
public final class ExactTraffic implements TrafficModel {
    private final Simulation sim;
    private final ClusterStore store;
    private final ApplicationCatalog applications;
    private final EndpointViews views;
    private final TrafficLedger ledger;
    private final Map<String, PodServer> servers = new LinkedHashMap<>();
    private final RandomGenerator callRng;
    private final RandomGenerator serviceRng;

    public ExactTraffic(ClusterStore store, ApplicationCatalog applications, EndpointViews views,
                        TrafficLedger ledger) {
        this.sim = store.sim();
        this.store = store;
        this.applications = applications;
        this.views = views;
        this.ledger = ledger;
        this.callRng = sim.random().stream("traffic/calls");
        this.serviceRng = sim.random().stream("traffic/service-times");
    }

    /** Forgets the application of deleted pods. */
    @Override
    public void start() {
        store.pods().watch((type, pod) -> {
            if (type == WatchEventType.DELETED) {
                PodServer s = servers.remove(pod.metadata().uid());
                if (s != null) {
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
            EntrySender sender = new EntrySender(entry);
            new ClosedLoopClients(sim, users, rng, sender::send).start();
            return;
        }
        addEntryPoint(entry, ArrivalProcesses.of(entry.arrivals(), rng));
    }

    /** Starts the arrivals of an entry point; {@code arrivals} draws its times. */
    public void addEntryPoint(EntryPoint entry, ArrivalProcess arrivals) {
        EntrySender sender = new EntrySender(entry);
        Runnable[] arrive = new Runnable[1];
        arrive[0] = () -> {
            sender.send(null);
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

    /** Sends an entry point's requests through its balancer's view. */
    private final class EntrySender {
        private final EntryPoint entry;
        private final ServiceTraffic stats;
        private final EndpointView view;
        private final RandomGenerator pick;
        private int roundRobin;

        EntrySender(EntryPoint entry) {
            this.entry = entry;
            String key = ledger.serviceKey(entry.service());
            this.stats = ledger.stats(key);
            this.view = views.view(entry.viaIngress(), key);
            this.pick = sim.random().stream("traffic/" + entry.name());
        }

        /** One request, now; {@code answered} (or null) is told when it ends. */
        void send(LongConsumer answered) {
            Request r = new Request(stats, sim.now(), null, Long.MAX_VALUE);
            r.answered = answered;
            List<Endpoint> endpoints = view.routable();
            if (endpoints.isEmpty()) {
                finish(r, RequestCause.NO_ENDPOINTS);
                return;
            }
            // A refused connection is retried on the next endpoint, as ingress-nginx's
            // proxy_next_upstream does; kube-proxy entry points have no retries.
            int start = entry.viaIngress() ? Math.floorMod(roundRobin++, endpoints.size())
                    : pick.nextInt(endpoints.size());
            int tries = Math.min(1 + entry.retries(), endpoints.size());
            // A pod on a dead node does not refuse: the connection hangs, so there is no retry.
            boolean accepted = false;
            for (int t = 0; t < tries && !accepted; t++) {
                accepted = tryDeliver(r, endpoints.get((start + t) % endpoints.size()), entry);
            }
            if (!accepted) {
                r.podKey = endpoints.get(start).podKey(); // refused everywhere: charged to the pod first picked
                finish(r, RequestCause.CONNECTION_REFUSED);
            }
        }
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

    /** A call from one Service to another, through kube-proxy: no retries. */
    private void deliver(Request r, Endpoint endpoint) {
        if (endpoint == null) {
            finish(r, RequestCause.NO_ENDPOINTS);
        } else if (!tryDeliver(r, endpoint, null)) {
            finish(r, RequestCause.CONNECTION_REFUSED);
        }
    }

    /**
     * Offers {@code r} to the endpoint's pod; false when the pod does not accept the connection.
     * A request from an entry point takes the client's timeout (the serving model's), shortened by
     * the balancer's own timeout when it has one; a call keeps its call timeout.
     */
    private boolean tryDeliver(Request r, Endpoint endpoint, EntryPoint entry) {
        r.podKey = endpoint.podKey();
        PodServer server = servers.get(endpoint.podUid());
        if (server == null) {
            return false;
        }
        if (server.unreachable()) {
            if (entry != null) {
                r.timeout = entry.requestTimeout(server.model().timeout());
            }
            hang(r);
            return true;
        }
        if (!server.accepting()) {
            return false;
        }
        if (entry != null) {
            r.timeout = entry.requestTimeout(server.model().timeout());
        }
        server.offer(r, sim.now());
        return true;
    }

    /**
     * Nothing will answer {@code r} (its pod's node is down): it ends as {@code node_unreachable}
     * when its client gives up, at arrival + timeout. A call's own timeout fails its caller at
     * that same moment.
     */
    void hang(Request r) {
        r.hung = true;
        if (r.completion != null) {
            r.completion.cancel();
            r.completion = null;
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
        r.completion = sim.schedule(service, () -> partDone(r, null));
        for (ServingModel.Call call : m.calls()) {
            if (call.probability() < 1.0 && callRng.nextDouble() >= call.probability()) {
                continue;
            }
            r.parts++;
            String key = ledger.serviceKey(call.service());
            Request sub = new Request(ledger.stats(key), sim.now(), r, call.timeout());
            sub.callTimeout = sim.schedule(call.timeout(), () -> callTimedOut(sub));
            List<Endpoint> endpoints = views.view(false, key).routable();
            deliver(sub, endpoints.isEmpty() ? null : endpoints.get(callRng.nextInt(endpoints.size())));
        }
    }

    private void partDone(Request r, RequestCause failure) {
        if (r.done || r.hung) {
            return;
        }
        r.parts--;
        if (failure != null && r.firstFailure == null) {
            r.firstFailure = failure;
        }
        if (r.parts == 0) {
            if (r.server != null) {
                r.server.release(r, sim.now());
            }
            finish(r, r.firstFailure == null ? RequestCause.OK : RequestCause.DEPENDENCY_FAILED);
        }
    }

    private void callTimedOut(Request sub) {
        if (sub.done || sub.parent == null) {
            return;
        }
        Request parent = sub.parent;
        sub.detached = true;
        partDone(parent, RequestCause.TIMEOUT);
    }

    /** The server dropped {@code r} (its process died, or it reset connections on SIGTERM). */
    void abort(Request r, RequestCause cause) {
        if (r.completion != null) {
            r.completion.cancel();
        }
        finish(r, cause);
    }

    /** Records how {@code r} ended and tells whoever waited for it. */
    void finish(Request r, RequestCause cause) {
        if (r.done) {
            return;
        }
        r.done = true;
        if (r.callTimeout != null) {
            r.callTimeout.cancel();
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
        r.target.record(outcomeTime, outcome, latency);
        ledger.pods().routed(r.podKey, outcomeTime, 1);
        if (outcome != RequestCause.OK) {
            ledger.failed(r.target, r.podKey, outcome, outcomeTime, 1);
        }
        if (r.parent == null) {
            ledger.entryOutcome(outcome);
            if (r.answered != null) {
                r.answered.accept(outcomeTime);
            }
        }
        if (r.parent != null && !r.detached) {
            partDone(r.parent, outcome == RequestCause.OK ? null : outcome);
        }
    }

    @Override
    public void listening(Pod pod) {
        servers.computeIfAbsent(pod.metadata().uid(),
                k -> new PodServer(pod, applications.forPod(pod).serving(), this)).listening(sim.now());
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

    @Override
    public void visitLoad(PodLoadVisitor visitor) {
        for (PodServer s : servers.values()) {
            visitor.visit(s.pod(), s.model(), s.cpuMicros(), s.offered(), s.inFlight());
        }
    }

    @Override
    public Gauge latencyGauge() {
        return ledger.latencyGauge();
    }
}
