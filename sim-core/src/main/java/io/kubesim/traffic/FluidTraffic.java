package io.kubesim.traffic;

import io.kubesim.app.ApplicationCatalog;
import io.kubesim.app.ServingModel;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.WatchEventType;
import io.kubesim.engine.SimTime;
import io.kubesim.engine.Simulation;
import io.kubesim.metrics.Gauge;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Requests as rates (fluid mode): per small step, each entry point's request volume is routed
 * through the balancer's current view to the pods, each pod's application decides what share of
 * it is served, queued, refused or too late (see {@link FluidPod}), and the calls it makes reach
 * the called Services in the next step. The cost grows with pods and steps, not with the request
 * rate.
 *
 * <p>The model integrates lazily: it is brought up to date at each step boundary and before
 * anything it depends on changes (a balancer's view, an application's state), so a pod that
 * stops accepting mid-step stops receiving traffic at that instant, as in the exact mode.
 * Volumes are expected values, not random draws; only latency values are drawn (from the stream
 * {@code traffic/fluid}).
 */
public final class FluidTraffic implements TrafficModel {
    /** The default step: short against endpoint propagation and probe periods (about 1 s and more). */
    public static final long DEFAULT_STEP = SimTime.millis(100);

    private final Simulation sim;
    private final ClusterStore store;
    private final ApplicationCatalog applications;
    private final EndpointViews views;
    private final TrafficLedger ledger;
    private final long step;
    private final StepContext context;
    private final Map<String, FluidPod> pods = new LinkedHashMap<>();
    /**
     * The pods with something to serve (flows this step, a backlog or requests still held), in the
     * order they entered {@link #pods}: the others would return at once, so a step costs what is
     * busy, not every pod of the cluster.
     */
    private List<FluidPod> busy = new ArrayList<>();
    private List<FluidPod> nextBusy = new ArrayList<>();
    /** Pods given their first flow this step, merged into {@link #busy} in admission order. */
    private final List<FluidPod> woken = new ArrayList<>();
    private long admitted;
    /** Bumped whenever a pod is admitted to or removed from {@link #pods}. */
    private long podsVersion;
    /** Per balancer view: its routable list as last seen and the pods of its endpoints. */
    private final Map<EndpointView, Resolved> resolved = new IdentityHashMap<>();
    private final SurvivalMemo survival = new SurvivalMemo();
    private final Map<String, FluidService> services = new LinkedHashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private final Map<ServingModel, FluidService[]> callees = new IdentityHashMap<>();
    /** The NetworkPolicies between callers and pods; none until {@link #enforce} is called. */
    private NetworkPath network;
    private long settledTo;

    /** The pods behind a view's routable endpoints (null where none is admitted), while neither changes. */
    private record Resolved(List<Endpoint> endpoints, long podsVersion, FluidPod[] pods) {
    }

    private record Entry(EntryPoint point, ArrivalRates rates, FluidService target, EndpointView view) {
    }

    /** What a pod needs from the model while it serves a step. */
    final class StepContext {
        private final RandomGenerator rng;
        private final ErlangQueue erlang = new ErlangQueue();

        private StepContext(RandomGenerator rng) {
            this.rng = rng;
        }

        RandomGenerator rng() {
            return rng;
        }

        ErlangQueue erlang() {
            return erlang;
        }

        TrafficLedger ledger() {
            return ledger;
        }

        /** The Services a model's calls go to, in the order of its calls. */
        FluidService[] callees(ServingModel model) {
            return callees.computeIfAbsent(model, m -> {
                FluidService[] out = new FluidService[m.calls().size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = service(ledger.serviceKey(m.calls().get(i).service()));
                }
                return out;
            });
        }
    }

    /**
     * @param step the integration step (microseconds); the ledger's interval must be a multiple of it
     */
    public FluidTraffic(ClusterStore store, ApplicationCatalog applications, EndpointViews views, TrafficLedger ledger,
                        long step) {
        if (step <= 0 || ledger.interval() % step != 0) {
            throw new IllegalArgumentException("the fluid step must divide the sample interval");
        }
        this.sim = store.sim();
        this.store = store;
        this.network = new NetworkPath(store, NetworkPolicies.NONE);
        this.applications = applications;
        this.views = views;
        this.ledger = ledger;
        this.step = step;
        this.context = new StepContext(sim.random().stream("traffic/fluid"));
    }

    @Override
    public void start() {
        store.pods().watch((type, pod) -> {
            if (type == WatchEventType.DELETED) {
                settle();
                FluidPod p = pods.remove(pod.metadata().uid());
                if (p != null) {
                    podsVersion++;
                    p.remove();
                    p.stopped(sim.now(), ledger);
                    ledger.pods().retired(pod, p.cpuMicros(), sim.now());
                }
            }
        });
        sim.schedule(step, this::tick);
    }

    private void tick() {
        settle();
        sim.schedule(step, this::tick);
    }

    /** @throws IllegalArgumentException for closed-loop users, which fluid mode does not model */
    @Override
    public void addEntryPoint(EntryPoint entry) {
        if (entry.arrivals() instanceof ArrivalSpec.ClosedLoop) {
            throw new IllegalArgumentException(TrafficMode.closedLoopRefusal(entry.name()));
        }
        String key = ledger.serviceKey(entry.service());
        entries.add(new Entry(entry, ArrivalRates.of(entry.arrivals()), service(key),
                entry.viaMesh() ? views.meshView(key) : views.view(entry.viaIngress(), key)));
    }

    @Override
    public TrafficLedger ledger() {
        return ledger;
    }

    @Override
    public TrafficMode mode() {
        return TrafficMode.FLUID;
    }

    @Override
    public Gauge latencyGauge() {
        Gauge latency = ledger.latencyGauge();
        return (now, series) -> {
            settle();
            latency.sample(now, series);
        };
    }

    @Override
    public void visitLoad(PodLoadVisitor visitor) {
        long now = sim.now();
        for (FluidPod p : pods.values()) {
            visitor.visit(p.pod(), null, p.model(), p.cpuMicros(), p.offered(), p.held(now));
        }
    }

    /** Enforces {@code policies} on every flow of calls and requests from now on. */
    public void enforce(NetworkPolicies policies) {
        this.network = new NetworkPath(store, policies);
    }

    /** Integrates up to now, in steps that never cross a step boundary. */
    @Override
    public void settle() {
        long now = sim.now();
        while (settledTo < now) {
            long end = Math.min(now, (settledTo / step + 1) * step);
            advance(settledTo, end);
            settledTo = end;
        }
    }

    private void advance(long t0, long t1) {
        double seconds = (t1 - t0) / 1e6;
        long window = t0 / step * step;
        for (Entry e : entries) {
            double volume = e.rates().average(window, window + step) * seconds;
            if (volume > 0) {
                routeSplit(e.view(), e.point(), 0, volume, e.target(), t0, NetworkPolicies.Party.OUTSIDE);
            }
        }
        for (FluidService s : services.values()) {
            s.takeCalls();
        }
        // Calls sent in the last step arrive now, through kube-proxy (no retries).
        for (FluidService s : services.values()) {
            for (int i = 0; i < s.calls(); i++) {
                double volume = s.callRate(i) * seconds;
                if (volume > 0) {
                    routeSplit(views.view(false, s.key), null, s.callTimeout(i), volume, s, t0, s.callParty(i));
                }
            }
        }
        wakeUp();
        for (FluidPod p : busy) {
            if (!p.removed() && p.serve(t0, t1, context)) {
                nextBusy.add(p);
            } else {
                p.setBusy(false);
            }
        }
        List<FluidPod> served = busy;
        busy = nextBusy;
        nextBusy = served;
        nextBusy.clear();
        for (FluidService s : services.values()) {
            s.endStep(context.rng());
        }
    }

    /** Merges the pods woken by this step's flows into the busy list, keeping admission order. */
    private void wakeUp() {
        if (woken.isEmpty()) {
            return;
        }
        woken.sort(java.util.Comparator.comparingLong(FluidPod::admission));
        int i = 0;
        int j = 0;
        while (i < busy.size() || j < woken.size()) {
            if (j == woken.size() || i < busy.size() && busy.get(i).admission() < woken.get(j).admission()) {
                nextBusy.add(busy.get(i++));
            } else {
                nextBusy.add(woken.get(j++));
            }
        }
        woken.clear();
        List<FluidPod> merged = nextBusy;
        nextBusy = busy;
        busy = merged;
        nextBusy.clear();
    }

    private FluidPod admit(Pod pod) {
        return pods.computeIfAbsent(pod.metadata().uid(), k -> {
            podsVersion++;
            return new FluidPod(pod, applications.forPod(pod).serving(), admitted++, survival);
        });
    }

    /** The admitted pods of {@code endpoints}, in their order; looked up again only when either changed. */
    private FluidPod[] resolve(EndpointView view, List<Endpoint> endpoints) {
        Resolved r = resolved.get(view);
        if (r == null || r.endpoints() != endpoints || r.podsVersion() != podsVersion) {
            FluidPod[] found = new FluidPod[endpoints.size()];
            for (int i = 0; i < found.length; i++) {
                found[i] = pods.get(endpoints.get(i).podUid());
            }
            r = new Resolved(endpoints, podsVersion, found);
            resolved.put(view, r);
        }
        return r.pods();
    }

    private boolean podExists(Endpoint e) {
        io.kubesim.cluster.Pod p = store.pods().get(e.podKey());
        return p != null && p.metadata().uid().equals(e.podUid());
    }

    /**
     * A traffic router's weighted route (k8s-semantics.md 20.3): the canary's weight of the volume
     * addressed to a stable Service goes to its canary Service (edge routers: requests from
     * outside only; meshes: every caller's), counted under the Service addressed.
     */
    private void routeSplit(EndpointView view, EntryPoint entry, long callTimeout, double volume, FluidService target,
                            long now, NetworkPolicies.Party from) {
        io.kubesim.cluster.TrafficSplits.Split s = store.trafficSplits().of(target.key);
        if (s != null && s.weight() > 0 && (s.mesh() || entry != null)) {
            double canary = volume * s.weight() / 100.0;
            EndpointView canaryView = entry != null && entry.viaMesh() ? views.meshView(s.canaryService())
                    : views.view(entry != null && entry.viaIngress(), s.canaryService());
            route(canaryView, entry, callTimeout, canary, target, now, from);
            volume -= canary;
        }
        route(view, entry, callTimeout, volume, target, now, from);
    }

    /**
     * Spreads {@code volume} requests over the view's routable endpoints, evenly (kube-proxy's
     * random pick and an ingress's round robin both do so on average). A share whose endpoint
     * refuses the connection tries the next ones, up to the entry point's retries (calls: none).
     *
     * @param entry       the entry point the requests came in at, or null for calls
     * @param callTimeout the calls' timeout (calls only)
     */
    private void route(EndpointView view, EntryPoint entry, long callTimeout, double volume, FluidService target,
                       long now, NetworkPolicies.Party from) {
        boolean fromEntry = entry != null;
        NetworkPolicies.Party src = from == null ? NetworkPolicies.Party.OUTSIDE : from;
        if (network.enforcing() && !network.resolves(src)) {
            // k8s-semantics.md 17.9: the caller cannot resolve the Service's name; no connection is made
            record(target, fromEntry, now, RequestCause.DNS_TIMEOUT, volume, null);
            return;
        }
        List<Endpoint> endpoints = view.routable();
        int n = endpoints.size();
        if (n == 0) {
            record(target, fromEntry, now, RequestCause.NO_ENDPOINTS, volume, null);
            return;
        }
        FluidPod[] admittedPods = resolve(view, endpoints);
        double share = volume / n;
        int tries = Math.min(1 + (fromEntry ? entry.retries() : 0), n);
        for (int j = 0; j < n; j++) {
            FluidPod pod = null;
            boolean vanished = false;
            if (network.enforcing() && !network.admits(src, src.namespace() + " " + src.labels(), endpoints.get(j),
                    target.key)) {
                // dropped by a NetworkPolicy: a connect timeout, counted when the requests arrive
                record(target, fromEntry, now, RequestCause.POLICY_DROPPED, share, endpoints.get(j).podKey());
                continue;
            }
            for (int t = 0; t < tries && pod == null; t++) {
                Endpoint e = endpoints.get((j + t) % n);
                FluidPod candidate = admittedPods[(j + t) % n];
                if (candidate != null && candidate.accepting()) {
                    pod = candidate;
                } else {
                    // k8s-semantics.md 17.5: a pod alive and not listening refuses (RST); an
                    // address that no longer answers (node down, pod gone) lets the connect time out.
                    vanished = candidate == null ? !podExists(e) : candidate.unreachable();
                }
            }
            if (pod == null) {
                // Counted in the step it arrived, as fluid mode counts timeouts.
                record(target, fromEntry, now, vanished ? RequestCause.CONNECT_TIMEOUT : RequestCause.CONNECTION_REFUSED,
                        share, endpoints.get(j).podKey());
            } else {
                long timeout = fromEntry ? entry.requestTimeout(pod.model().timeout()) : callTimeout;
                pod.addFlow(target, share, timeout, fromEntry);
                if (!pod.busy()) {
                    pod.setBusy(true);
                    woken.add(pod);
                }
            }
        }
    }

    /** @param podKey the pod the requests failed on ({@code namespace/name}), or null for none */
    private void record(FluidService target, boolean entry, long now, RequestCause cause, double amount,
                        String podKey) {
        target.record(now, cause, amount);
        ledger.pods().routed(podKey, now, amount);
        ledger.meter(podKey, target.stats, now, amount, cause != RequestCause.OK, -1);
        ledger.failed(target.stats, podKey, cause, now, amount);
        if (entry) {
            ledger.entryOutcome(cause, amount);
        }
    }

    private FluidService service(String key) {
        return services.computeIfAbsent(key, k -> new FluidService(k, ledger.stats(k)));
    }

    @Override
    public void listening(Pod pod, io.kubesim.kubelet.PodLoadTarget load) {
        settle();
        admit(pod).listening(sim.now());
    }

    @Override
    public void sigterm(Pod pod) {
        settle();
        FluidPod p = pods.get(pod.metadata().uid());
        if (p != null) {
            p.sigterm(sim.now(), ledger);
        }
    }

    @Override
    public void unreachable(Pod pod) {
        settle();
        // Also a pod whose app was still starting: its connections hang rather than being refused.
        admit(pod).nodeDown(sim.now(), ledger);
    }

    @Override
    public void stopped(Pod pod, boolean killed) {
        settle();
        FluidPod p = pods.get(pod.metadata().uid());
        if (p != null) {
            p.stopped(sim.now(), ledger);
        }
    }

    @Override
    public void cpuSlowdown(Pod pod, double factor) {
        settle();
        FluidPod p = pods.get(pod.metadata().uid());
        if (p != null) {
            p.setCpuSlowdown(factor);
        }
    }
}
