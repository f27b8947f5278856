package io.kubesim.traffic;

import io.kubesim.app.ApplicationCatalog;
import io.kubesim.app.ServingModel;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.Service;
import io.kubesim.cluster.WatchEventType;
import io.kubesim.engine.Simulation;
import io.kubesim.kubelet.AppLifecycleListener;
import io.kubesim.metrics.Gauge;
import io.kubesim.metrics.LatencyHistogram;
import io.kubesim.metrics.TimeSeriesStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
public final class TrafficModel implements AppLifecycleListener {
    private final Simulation sim;
    private final ClusterStore store;
    private final ApplicationCatalog applications;
    private final EndpointViews views;
    private final long interval;
    private final Function<Service, String> naming;
    private final Map<String, ServiceTraffic> services = new LinkedHashMap<>();
    private final Map<String, PodServer> servers = new HashMap<>();
    private final long[] entryOutcomes = new long[RequestCause.values().length];
    private final RandomGenerator callRng;
    private final RandomGenerator serviceRng;

    /**
     * @param interval the sample interval: outcome counts and latency percentiles are kept per interval
     * @param naming   how a Service is named in outputs
     */
    public TrafficModel(ClusterStore store, ApplicationCatalog applications, EndpointViews views, long interval,
                        Function<Service, String> naming) {
        this.sim = store.sim();
        this.store = store;
        this.applications = applications;
        this.views = views;
        this.interval = interval;
        this.naming = naming;
        this.callRng = sim.random().stream("traffic/calls");
        this.serviceRng = sim.random().stream("traffic/service-times");
    }

    /** Forgets the application of deleted pods. */
    public void start() {
        store.pods().watch((type, pod) -> {
            if (type == WatchEventType.DELETED) {
                PodServer s = servers.remove(pod.metadata().uid());
                if (s != null) {
                    s.stopped();
                }
            }
        });
    }

    /** Starts the arrivals of an entry point; {@code arrivals} draws its times. */
    public void addEntryPoint(EntryPoint entry, ArrivalProcess arrivals) {
        String key = serviceKey(entry.service());
        ServiceTraffic stats = stats(key);
        EndpointView view = views.view(entry.viaIngress(), key);
        RandomGenerator pick = sim.random().stream("traffic/" + entry.name());
        Runnable[] arrive = new Runnable[1];
        int[] roundRobin = {0};
        arrive[0] = () -> {
            Request r = new Request(stats, sim.now(), null, Long.MAX_VALUE);
            List<Endpoint> endpoints = view.routable();
            if (endpoints.isEmpty()) {
                finish(r, RequestCause.NO_ENDPOINTS);
            } else {
                // A refused connection is retried on the next endpoint, as ingress-nginx's
                // proxy_next_upstream does; kube-proxy entry points have no retries.
                int start = entry.viaIngress() ? Math.floorMod(roundRobin[0]++, endpoints.size())
                        : pick.nextInt(endpoints.size());
                int tries = Math.min(1 + entry.retries(), endpoints.size());
                boolean accepted = false;
                for (int t = 0; t < tries && !accepted; t++) {
                    accepted = tryDeliver(r, endpoints.get((start + t) % endpoints.size()), entry.timeout());
                }
                if (!accepted) {
                    finish(r, RequestCause.CONNECTION_REFUSED);
                }
            }
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

    /** Outcomes of the requests that entered at entry points (internal calls not included), by cause. */
    public long entryRequests(RequestCause cause) {
        return entryOutcomes[cause.ordinal()];
    }

    /** Traffic per Service, in the order Services were first seen. */
    public List<ServiceTraffic> services() {
        return Collections.unmodifiableList(new ArrayList<>(services.values()));
    }

    /** The stats of a Service ({@code namespace/name}), created on first use. */
    public ServiceTraffic stats(String serviceKey) {
        return services.computeIfAbsent(serviceKey, k -> {
            Service s = store.services().get(k);
            return new ServiceTraffic(k, s == null ? k : naming.apply(s), interval);
        });
    }

    private String serviceKey(String name) {
        if (name.contains("/")) {
            return name;
        }
        if (store.services().get("default", name) != null) {
            return "default/" + name;
        }
        for (Service s : store.services().list()) {
            if (s.name().equals(name)) {
                return s.metadata().key();
            }
        }
        return "default/" + name;
    }

    /** A call from one Service to another, through kube-proxy: no retries. */
    private void deliver(Request r, Endpoint endpoint) {
        if (endpoint == null) {
            finish(r, RequestCause.NO_ENDPOINTS);
        } else if (!tryDeliver(r, endpoint, 0)) {
            finish(r, RequestCause.CONNECTION_REFUSED);
        }
    }

    /**
     * Offers {@code r} to the endpoint's pod; false when the pod does not accept the connection.
     * A request from an entry point takes the client's timeout (the serving model's), shortened by
     * the balancer's own timeout when it has one.
     */
    private boolean tryDeliver(Request r, Endpoint endpoint, long balancerTimeout) {
        PodServer server = servers.get(endpoint.podUid());
        if (server == null || !server.accepting()) {
            return false;
        }
        if (r.parent == null) {
            long t = server.model().timeout();
            r.timeout = balancerTimeout > 0 ? Math.min(t, balancerTimeout) : t;
        }
        server.offer(r, sim.now());
        return true;
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
            String key = serviceKey(call.service());
            Request sub = new Request(stats(key), sim.now(), r, call.timeout());
            sub.callTimeout = sim.schedule(call.timeout(), () -> callTimedOut(sub));
            List<Endpoint> endpoints = views.view(false, key).routable();
            deliver(sub, endpoints.isEmpty() ? null : endpoints.get(callRng.nextInt(endpoints.size())));
        }
    }

    private void partDone(Request r, RequestCause failure) {
        if (r.done) {
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
        if (r.parent == null) {
            entryOutcomes[outcome.ordinal()]++;
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

    /** Per sample interval: served-latency percentiles per Service (milliseconds). */
    public Gauge latencyGauge() {
        return (now, series) -> {
            if (now == 0) {
                return;
            }
            long start = now - interval;
            for (ServiceTraffic s : services.values()) {
                LatencyHistogram h = s.intervalLatency();
                if (h.count() > 0) {
                    String labels = "service=" + s.displayName();
                    series.series("service_latency_p50_ms", labels).record(start, h.percentile(50) / 1000.0);
                    series.series("service_latency_p95_ms", labels).record(start, h.percentile(95) / 1000.0);
                    series.series("service_latency_p99_ms", labels).record(start, h.percentile(99) / 1000.0);
                }
                h.reset();
            }
        };
    }

    /**
     * Writes the per-interval outcome counts of every Service up to {@code end}: requests,
     * successes, and failures per cause (only causes that occurred).
     */
    public void writeCounts(TimeSeriesStore series, long end) {
        int n = (int) Math.min(Integer.MAX_VALUE, (end + interval - 1) / interval);
        for (ServiceTraffic s : services.values()) {
            String labels = "service=" + s.displayName();
            for (int i = 0; i < n; i++) {
                long t = i * interval;
                series.series("service_requests", labels).record(t, s.requests(i));
                series.series("service_succeeded", labels).record(t, s.count(RequestCause.OK, i));
                for (RequestCause c : RequestCause.values()) {
                    if (c != RequestCause.OK && s.count(c) > 0) {
                        series.series("service_failed", labels + ";cause=" + c.label()).record(t, s.count(c, i));
                    }
                }
            }
        }
    }

}
