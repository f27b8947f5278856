package io.kubesim.traffic;

import io.kubesim.api.Container;
import io.kubesim.api.LifecycleHandler;
import io.kubesim.api.PodSpec;
import io.kubesim.api.Resources;
import io.kubesim.api.ServicePort;
import io.kubesim.app.ApplicationCatalog;
import io.kubesim.app.ApplicationModel;
import io.kubesim.app.ServingModel;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodAdmission;
import io.kubesim.cluster.Service;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import io.kubesim.engine.Simulation;
import io.kubesim.kubelet.KubeletConfig;
import io.kubesim.kubelet.Kubelets;
import io.kubesim.metrics.Counters;
import io.kubesim.metrics.EventRecorder;
import io.kubesim.sim.ClusterBootstrap;
import io.kubesim.sim.NodePool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pods on one node with real kubelets, a Service, and a traffic model. The balancer's view here
 * reads the pods directly, with no propagation delay, so these tests isolate the application's
 * behaviour; the delayed views have their own tests.
 */
final class TrafficHarness {
    final Simulation sim = new Simulation(5);
    final ClusterStore store = new ClusterStore(sim);
    final EventRecorder events = new EventRecorder(sim, true);
    final Map<String, ApplicationModel> apps = new HashMap<>();
    final TrafficMode mode;
    TrafficModel traffic;
    Kubelets kubelets;
    /** kube-proxy's mode in exact mode. */
    ProxyMode proxyMode = ProxyMode.IPTABLES;
    /**
     * The view keeps routing to a pod for {@link #staleFor} after its deletion began even once
     * the pod object is gone (its address no longer answers); false: only while the object exists.
     */
    boolean staleAfterRemoval;
    /** How long the view keeps routing to a pod after its deletion: a balancer that has not caught up yet. */
    long staleFor;

    TrafficHarness() {
        this(TrafficMode.EXACT);
    }

    /** Requests simulated in {@code mode}; the fluid model's step is its default, 100 ms. */
    TrafficHarness(TrafficMode mode) {
        this.mode = mode;
        new ClusterBootstrap(store).addNodes(new NodePool("n", 1, Resources.of(64_000, 256L << 30), 500, Map.of(),
                List.of(), List.of()), 1);
        new ClusterBootstrap(store).apply(List.of());
    }

    static ApplicationModel app(ServingModel serving, long startupSeconds, long shutdownSeconds) {
        return new ApplicationModel(new DurationDistribution.Constant(SimTime.seconds(1)),
                new DurationDistribution.Constant(SimTime.seconds(startupSeconds)),
                new DurationDistribution.Constant(SimTime.seconds(shutdownSeconds)), null,
                DurationDistribution.Constant.ZERO, serving);
    }

    static ServingModel serving(int concurrency, int queue, long serviceMillis, long timeoutMillis) {
        return new ServingModel(concurrency, queue, new DurationDistribution.Constant(SimTime.millis(serviceMillis)),
                SimTime.millis(timeoutMillis), 0, 1.0, true, List.of());
    }

    TrafficHarness start() {
        kubelets = new Kubelets(store, events, new Counters(), KubeletConfig.DEFAULT,
                new ApplicationCatalog(store, apps, ApplicationModel.DEFAULT));
        ApplicationCatalog catalog = new ApplicationCatalog(store, apps, ApplicationModel.DEFAULT);
        // one view per Service, as the balancers keep them (the fluid model keeps its routes per view)
        Map<String, EndpointView> byService = new java.util.HashMap<>();
        EndpointViews views = (ingress, key) -> byService.computeIfAbsent(key, k -> () -> routable(k));
        TrafficLedger ledger = new TrafficLedger(store, SimTime.seconds(1), Service::name);
        traffic = mode == TrafficMode.FLUID
                ? new FluidTraffic(store, catalog, views, ledger, FluidTraffic.DEFAULT_STEP)
                : new ExactTraffic(store, catalog, views, ledger, proxyMode, false);
        kubelets.addListener(traffic);
        kubelets.start();
        traffic.start();
        store.pods().watch((type, pod) -> {
            if (type == io.kubesim.cluster.WatchEventType.DELETED && staleFor > 0 && staleAfterRemoval) {
                gone.add(new Gone(new Endpoint(pod.metadata().key(), pod.metadata().uid(), pod.nodeName(), true, true,
                        false), pod.metadata().labels().get("app"),
                        pod.metadata().deletionTimestamp() - SimTime.seconds(pod.metadata().deletionGracePeriodSeconds())
                                + staleFor));
            }
        });
        return this;
    }

    Service service(String name) {
        return service(name, 0);
    }

    /** A headless Service ({@code clusterIP: None}). */
    Service headlessService(String name) {
        ObjectMeta m = new ObjectMeta("default", name, store.newUid());
        return store.services().create(new Service(m, Map.of("app", name), List.of(new ServicePort("http", 80, "8080",
                "TCP", 0)), "ClusterIP", true, false));
    }

    /** A Service with {@code sessionAffinity: ClientIP} for {@code affinitySeconds} (0: None). */
    Service service(String name, long affinitySeconds) {
        ObjectMeta m = new ObjectMeta("default", name, store.newUid());
        return store.services().create(new Service(m, Map.of("app", name), List.of(new ServicePort("http", 80, "8080",
                "TCP", 0)), "ClusterIP", false, false, SimTime.seconds(affinitySeconds)));
    }

    /** Requests offered to each live pod so far, by pod name, in name order. */
    java.util.SortedMap<String, Long> offeredByPod() {
        java.util.SortedMap<String, Long> out = new java.util.TreeMap<>();
        traffic.visitLoad((pod, target, model, cpu, offered, held) -> out.put(pod.name(), Math.round(offered)));
        return out;
    }

    /** A bare pod labelled {@code app=<app>}; its application model is the one registered for {@code app}. */
    Pod pod(String app, String name, LifecycleHandler preStop, long graceSeconds) {
        if (apps.containsKey(app)) {
            apps.put(name, apps.get(app));
        }
        Container c = new Container("app", "img:" + app, Resources.of(100, 1 << 26), Resources.NONE, List.of(), null,
                null, null, preStop, false);
        PodSpec base = PodSpec.of(List.of(c));
        PodSpec spec = new PodSpec(base.containers(), List.of(), Map.of(), null, List.of(), List.of(), "", null, false,
                graceSeconds, "n-1", "", "Always", Resources.NONE, false);
        ObjectMeta m = new ObjectMeta("default", name, store.newUid());
        m.setLabels(Map.of("app", app));
        return new PodAdmission(store).create(new Pod(m, spec, sim.now()));
    }

    /** A deleted pod the view still routes to, until {@code until}. */
    private record Gone(Endpoint endpoint, String app, long until) {
    }

    private final List<Gone> gone = new ArrayList<>();

    /**
     * Endpoints as kube-proxy would route them, read straight from the pods; with {@link #staleFor},
     * a deleted pod stays routable for that long after its deletion began, as a lagging balancer's.
     */
    private List<Endpoint> routable(String key) {
        Service s = store.services().get(key);
        List<Endpoint> ready = new ArrayList<>();
        List<Endpoint> terminating = new ArrayList<>();
        for (Pod p : store.pods().list()) {
            if (s == null || !s.selects(p) || p.podIP().isEmpty() || p.isTerminal()) {
                continue;
            }
            boolean deleting = p.metadata().isDeleting();
            long deletedAt = p.metadata().deletionTimestamp() - SimTime.seconds(p.metadata().deletionGracePeriodSeconds());
            boolean notSeenYet = deleting && sim.now() < deletedAt + staleFor;
            Endpoint e = new Endpoint(p.metadata().key(), p.metadata().uid(), p.nodeName(),
                    p.isReady() && (!deleting || notSeenYet), p.isReady(), deleting && !notSeenYet);
            if (e.ready()) {
                ready.add(e);
            } else if (e.serving() && e.terminating()) {
                terminating.add(e);
            }
        }
        for (Gone g : gone) {
            if (sim.now() < g.until() && s != null && s.selector().get("app").equals(g.app())) {
                ready.add(g.endpoint());
            }
        }
        return ready.isEmpty() ? terminating : ready;
    }

    /** Evenly spaced arrivals at {@code perSecond}, from {@code from} until {@code until}, through kube-proxy. */
    void traffic(String service, double perSecond, long from, long until) {
        traffic(new EntryPoint(service, service, false, new ArrivalSpec.Recorded(new long[0])), perSecond, from, until);
    }

    /** Evenly spaced arrivals at {@code perSecond} at the given entry point. */
    void traffic(EntryPoint entry, double perSecond, long from, long until) {
        if (traffic instanceof FluidTraffic) {
            RateSeries rates = from == 0 ? new RateSeries(new long[]{0, until}, new double[]{perSecond, 0})
                    : new RateSeries(new long[]{0, from, until}, new double[]{0, perSecond, 0});
            traffic.addEntryPoint(new EntryPoint(entry.name(), entry.service(), entry.viaIngress(),
                    new ArrivalSpec.Rate(rates, false), entry.retries(), entry.timeout()));
            return;
        }
        long gap = Math.round(1_000_000 / perSecond);
        ((ExactTraffic) traffic).addEntryPoint(entry,
                now -> {
                    long next = now < from ? from : now + gap;
                    return next < until ? next : Long.MAX_VALUE;
                });
    }

    ServiceTraffic stats(String service) {
        traffic.settle();
        return traffic.ledger().stats("default/" + service);
    }
}
