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
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Requests as rates (fluid mode): per small step, each entry point's request volume is routed
 * through the balancer's current view to the pods, each pod's application decides what share of
 * it is served, queued, refused or too late (see {@link FluidPod}), and the calls it makes reach
 * the called Services in the next step. A Service's replicas in the same steady state are
 * served as one ({@link FluidCohort}, grouped by {@link FluidRoutes}), so the cost grows with the
 * Services and the pods that are not steady, times the steps, not with the request rate.
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
    /**
     * How often routes are rebuilt even when nothing they depend on changed, so that pods that
     * became steady since (warm-up over, a hold-off ended) join a cohort.
     */
    static final long REGROUP = SimTime.seconds(10);
    /** Whether new models take the shortcuts (cohorts, routes kept); tests turn them off to compare. */
    private static boolean shortcutsByDefault = true;

    private final Simulation sim;
    private final ClusterStore store;
    private final ApplicationCatalog applications;
    /** The keys of the Services some model calls (only looked up). */
    private final Set<String> calledKeys;
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
    /** Pods whose load may have changed since the last visit of changes (served, started listening, left a cohort). */
    private List<FluidPod> loadChanges = new ArrayList<>();
    /** Cohorts whose state served since the last visit of changes: each member's load changed. */
    private List<FluidCohort> cohortLoadChanges = new ArrayList<>();
    /** Pod steps served so far (a cohort's step counts once), for the tests and benchmarks that weigh the cost. */
    private long podSteps;
    /** Each view's route and the cohorts they group steady pods into. */
    private final FluidRoutes routes;
    private final SurvivalMemo survival = new SurvivalMemo();
    private final Map<String, FluidService> services = new LinkedHashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private final Map<ServingModel, FluidService[]> callees = new IdentityHashMap<>();
    /** The NetworkPolicies between callers and pods; none until {@link #enforce} is called. */
    private NetworkPath network;
    private long settledTo;

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
                    out[i].readByCallers(); // known from the catalog already, unless the model came from elsewhere
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
        Set<String> called = new HashSet<>();
        applications.calledServices().forEach(name -> called.add(ledger.serviceKey(name)));
        this.calledKeys = called;
        this.context = new StepContext(sim.random().stream("traffic/fluid"));
        this.routes = new FluidRoutes(new FluidRoutes.Host() {
            @Override
            public void wake(FluidPod p) {
                FluidTraffic.this.wake(p);
            }

            @Override
            public void loadChanged(FluidPod p) {
                FluidTraffic.this.loadChanged(p);
            }

            @Override
            public long nextAdmission() {
                return admitted++;
            }
        }, store, ledger, survival, pods, shortcutsByDefault);
    }

    /**
     * Whether fluid models made from now on take their shortcuts (on by default): steady replicas
     * served as cohorts, and routes and endpoint lookups kept while nothing behind them changes.
     * Off, every pod is stepped on its own and every route worked out afresh each step: what the
     * shortcuts are checked against.
     */
    public static void takeShortcuts(boolean on) {
        shortcutsByDefault = on;
    }

    @Override
    public void start() {
        store.pods().watch((type, pod) -> {
            if (type == WatchEventType.DELETED) {
                settleFor(pod);
                // an endpoint whose pod is gone no longer refuses: its connects time out
                routes.reroute(pod.metadata().uid());
                FluidPod p = pods.get(pod.metadata().uid());
                if (p != null) {
                    routes.alone(p);
                    routes.dropped(p);
                }
                pods.remove(pod.metadata().uid());
                if (p != null) {
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
        if (sim.now() % REGROUP == 0) {
            routes.rebuildAll();
        }
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

    /** Pod steps served so far: a cohort's step counts once, whatever its members. */
    long podSteps() {
        return podSteps;
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
        for (FluidCohort c : routes.cohortsInOrder()) {
            c.flush();
        }
        for (FluidPod p : pods.values()) {
            visitor.visit(p.pod(), p.loadTarget(), p.model(), p.cpuMicros(), p.offered(), p.held(now));
        }
    }

    /**
     * As {@link #visitLoad}, for the pods served since the last call (on their own or as a
     * cohort's members), that started listening or left a cohort; of those, the ones visited
     * before with the same figures and holding nothing are left out too.
     */
    @Override
    public void visitLoadChanges(PodLoadVisitor visitor) {
        long now = sim.now();
        List<FluidPod> visiting = loadChanges;
        loadChanges = new ArrayList<>(visiting.size());
        for (FluidCohort c : cohortLoadChanges) {
            c.loadQueued = false;
            for (FluidPod m : c.members()) {
                if (!m.loadQueued) {
                    m.loadQueued = true;
                    visiting.add(m);
                }
            }
        }
        cohortLoadChanges = new ArrayList<>();
        for (FluidPod p : visiting) {
            p.loadQueued = false;
        }
        if (!LoadVisits.onlyChanged()) {
            visitLoad(visitor);
            return;
        }
        for (FluidPod p : visiting) {
            if (p.removed()) {
                continue;
            }
            double offered = p.offered();
            double cpu = p.cpuMicros();
            double held = p.held(now);
            if (p.loadChangedSinceVisit(offered, cpu, held)) {
                visitor.visit(p.pod(), p.loadTarget(), p.model(), cpu, offered, held);
            }
        }
    }

    /** Enforces {@code policies} on every flow of calls and requests from now on (no cohorts: flows are checked per pod). */
    public void enforce(NetworkPolicies policies) {
        settle();
        this.network = new NetworkPath(store, policies);
        for (FluidCohort c : routes.cohortsInOrder()) {
            routes.dissolve(c);
        }
        routes.rebuildAll();
    }

    /**
     * A balancer is about to change {@code view}: the traffic up to now is settled under the old
     * endpoints, if this model ever routed through it (a view no request went through changes no
     * outcome, and settling at every change of every Service would split the steps of all the
     * others into pieces).
     */
    public void viewChanging(EndpointView view) {
        if (routes.used(view)) {
            settle();
        }
    }

    /**
     * True when a change to {@code p} (its application, its node) can change what the model
     * computes from now on, so the traffic up to now must be settled first: it holds or is routed
     * requests, or a view lists it.
     */
    private boolean matters(FluidPod p) {
        return p != null && (p.busy() || p.cohort() != null || !p.routedBy().isEmpty());
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
            if (!p.removed() && p.cohort() == null) {
                served(p);
                if (p.serve(t0, t1, context)) {
                    nextBusy.add(p);
                    continue;
                }
            }
            p.setBusy(false);
        }
        List<FluidPod> served = busy;
        busy = nextBusy;
        nextBusy = served;
        nextBusy.clear();
        for (FluidService s : services.values()) {
            s.endStep(context.rng());
        }
    }

    /** Counts a pod step and queues the figures it changes for the next visit of load changes. */
    private void served(FluidPod p) {
        podSteps++;
        FluidCohort c = p.served();
        if (c != null) {
            if (!c.loadQueued) {
                c.loadQueued = true;
                cohortLoadChanges.add(c);
            }
        } else {
            loadChanged(p);
        }
    }

    private void loadChanged(FluidPod p) {
        if (!p.loadQueued) {
            p.loadQueued = true;
            loadChanges.add(p);
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
        FluidPod p = pods.get(pod.metadata().uid());
        if (p == null) {
            p = new FluidPod(pod, applications.forPod(pod).serving(), admitted++, survival);
            pods.put(pod.metadata().uid(), p);
            routes.reroute(pod.metadata().uid());
        }
        return p;
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
        routes.use(view);
        List<Endpoint> endpoints = view.routable();
        int n = endpoints.size();
        if (n == 0) {
            record(target, fromEntry, now, RequestCause.NO_ENDPOINTS, volume, null);
            return;
        }
        double share = volume / n;
        int tries = Math.min(1 + (fromEntry ? entry.retries() : 0), n);
        if (network.enforcing()) {
            routeEach(view, endpoints, entry, callTimeout, share, tries, target, now, src);
            return;
        }
        FluidRoute r = routes.route(view, endpoints, tries, now);
        for (int f = 0; f < r.failedAt().length; f++) {
            // Counted in the step it arrived, as fluid mode counts timeouts.
            record(target, fromEntry, now, r.failures()[f], share, endpoints.get(r.failedAt()[f]).podKey());
        }
        for (int i = 0; i < r.pods().length; i++) {
            FluidPod pod = r.pods()[i];
            long timeout = fromEntry ? entry.requestTimeout(pod.model().timeout()) : callTimeout;
            for (int m = 0; m < r.shares()[i]; m++) {
                pod.addFlow(target, share, timeout, fromEntry);
            }
            wake(pod);
        }
        for (FluidPod state : r.cohorts()) {
            state.addFlow(target, share, fromEntry ? entry.requestTimeout(state.model().timeout()) : callTimeout,
                    fromEntry);
            wake(state);
        }
    }

    private void wake(FluidPod pod) {
        if (!pod.busy()) {
            pod.setBusy(true);
            woken.add(pod);
        }
    }

    /** As {@link #route}, checking every endpoint's NetworkPolicies: each pod served on its own. */
    private void routeEach(EndpointView view, List<Endpoint> endpoints, EntryPoint entry, long callTimeout, double share,
                           int tries, FluidService target, long now, NetworkPolicies.Party src) {
        boolean fromEntry = entry != null;
        int n = endpoints.size();
        FluidPod[] admittedPods = routes.resolve(view, endpoints);
        for (int j = 0; j < n; j++) {
            if (!network.admits(src, src.namespace() + " " + src.labels(), endpoints.get(j), target.key)) {
                // dropped by a NetworkPolicy: a connect timeout, counted when the requests arrive
                record(target, fromEntry, now, RequestCause.POLICY_DROPPED, share, endpoints.get(j).podKey());
                continue;
            }
            FluidPod pod = FluidRoutes.destination(admittedPods, j, tries);
            if (pod == null) {
                record(target, fromEntry, now, routes.failure(admittedPods, endpoints, j, tries), share,
                        endpoints.get(j).podKey());
            } else {
                long timeout = fromEntry ? entry.requestTimeout(pod.model().timeout()) : callTimeout;
                pod.addFlow(target, share, timeout, fromEntry);
                wake(pod);
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
        return services.computeIfAbsent(key, k -> new FluidService(k, ledger.stats(k), calledKeys.contains(k)));
    }

    @Override
    public void listening(Pod pod, io.kubesim.kubelet.PodLoadTarget load) {
        settleFor(pod);
        FluidPod p = admit(pod);
        routes.alone(p);
        p.listening(sim.now(), load);
        loadChanged(p);
        routes.reroute(p);
    }

    @Override
    public void sigterm(Pod pod) {
        settleFor(pod);
        FluidPod p = pods.get(pod.metadata().uid());
        if (p != null) {
            routes.alone(p);
            p.sigterm(sim.now(), ledger);
            routes.reroute(p);
        }
    }

    @Override
    public void unreachable(Pod pod) {
        settleFor(pod);
        // Also a pod whose app was still starting: its connections hang rather than being refused.
        FluidPod p = admit(pod);
        routes.alone(p);
        p.nodeDown(sim.now(), ledger);
        routes.reroute(p);
    }

    @Override
    public void stopped(Pod pod, boolean killed) {
        settleFor(pod);
        FluidPod p = pods.get(pod.metadata().uid());
        if (p != null) {
            routes.alone(p);
            p.stopped(sim.now(), ledger);
            routes.reroute(p);
        }
    }

    @Override
    public void cpuSlowdown(Pod pod, double factor) {
        FluidPod p = pods.get(pod.metadata().uid());
        if (p != null && p.cpuSlowdown() != factor) {
            settleFor(pod);
            routes.alone(p);
            p.setCpuSlowdown(factor);
            routes.reroute(p); // it may join the cohort of its new slowdown
        }
    }

    /**
     * Settles the traffic up to now before {@code pod} changes, if that can change what the model
     * computes ({@link #matters}, or a view lists it before it was admitted); a pod no traffic can
     * reach changes nothing, and settling at every change of every pod would split everyone's
     * steps into pieces.
     */
    private void settleFor(Pod pod) {
        String uid = pod.metadata().uid();
        if (matters(pods.get(uid)) || routes.waitedOn(uid)) {
            settle();
        }
    }
}
