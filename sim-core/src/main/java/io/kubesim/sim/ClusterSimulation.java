package io.kubesim.sim;

import io.kubesim.api.Manifest;
import io.kubesim.app.ApplicationCatalog;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Deployment;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.ResourceQuota;
import io.kubesim.cluster.Service;
import io.kubesim.controllers.DeploymentController;
import io.kubesim.controllers.DisruptionController;
import io.kubesim.controllers.hpa.HorizontalPodAutoscalerController;
import io.kubesim.controllers.hpa.MetricsServer;
import io.kubesim.controllers.volume.VolumeControllers;
import io.kubesim.controllers.NodeLifecycleController;
import io.kubesim.controllers.PodGarbageCollector;
import io.kubesim.controllers.ReadinessGateController;
import io.kubesim.controllers.TaintEvictionController;
import io.kubesim.controllers.ReplicaSetController;
import io.kubesim.controllers.ResourceQuotaController;
import io.kubesim.engine.Simulation;
import io.kubesim.kubelet.EvictionConfig;
import io.kubesim.kubelet.KubeletConfig;
import io.kubesim.kubelet.RequestLoad;
import io.kubesim.kubelet.ResourceMonitor;
import io.kubesim.kubelet.Kubelets;
import io.kubesim.metrics.Counters;
import io.kubesim.metrics.DeploymentObserver;
import io.kubesim.metrics.EventRecorder;
import io.kubesim.metrics.EventSink;
import io.kubesim.metrics.PendingTimes;
import io.kubesim.metrics.Sampler;
import io.kubesim.metrics.TimeSeriesStore;
import io.kubesim.scheduler.Scheduler;
import io.kubesim.scheduler.SchedulerConfig;
import io.kubesim.scheduler.SchedulingDecision;
import io.kubesim.controllers.EndpointSliceController;
import io.kubesim.metrics.ServiceEndpointsGauge;
import io.kubesim.traffic.EndpointViews;
import io.kubesim.traffic.ExactTraffic;
import io.kubesim.traffic.FluidTraffic;
import io.kubesim.traffic.EntryPoint;
import io.kubesim.traffic.OutageDetector;
import io.kubesim.traffic.ProxyViews;
import io.kubesim.traffic.Outage;
import io.kubesim.traffic.RequestCause;
import io.kubesim.traffic.RequestUsageGauge;
import io.kubesim.traffic.ServiceTraffic;
import io.kubesim.traffic.TrafficLedger;
import io.kubesim.traffic.TrafficMode;
import io.kubesim.traffic.TrafficModel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * One simulated cluster built from a {@link SimulationSpec}: the store, the control plane
 * (scheduler, ReplicaSet, Deployment and disruption controllers, pod GC), a kubelet per node, the timeline
 * and the samplers. {@link #run(long)} advances it; {@link #result()} reports.
 */
public final class ClusterSimulation {
    /** How long controllers take to react to a watch event (informer + workqueue), an estimate. */
    public static final long CONTROLLER_REACTION = 0;

    private final SimulationSpec spec;
    private final Simulation sim;
    private final ClusterStore store;
    private final EventRecorder events;
    private final Counters counters = new Counters();
    private final TimeSeriesStore series = new TimeSeriesStore();
    private final DeploymentObserver observer;
    private final PendingTimes pendingTimes;
    private final Scheduler scheduler;
    private final boolean qualifyNames;
    private final TimelinePlayer timeline;
    private TrafficModel trafficModel;
    private final ResourceMonitor resources;
    private final NodeLifecycleController nodeLifecycle;
    private io.kubesim.autoscaler.ClusterAutoscaler clusterAutoscaler;
    /** Null when the scenario has no HorizontalPodAutoscaler (then metrics-server does not run either). */
    private final HorizontalPodAutoscalerController autoscalers;
    private boolean countsWritten;
    /** Null when the manifests use no storage. */
    private VolumeControllers volumes;

    /**
     * How a run keeps what it observes.
     *
     * @param retainEvents      keep every event in memory (tests, small runs); large runs use a sink
     * @param eventSink         receives every event as it is recorded; may be null
     * @param decisionSink      receives every scheduling decision as it is made; may be null
     * @param decisionsRetained scheduling decisions kept in memory: -1 all, 0 none, n the last n
     * @param trafficMode       how requests are simulated; null chooses by the scenario's peak rate
     *                          ({@link TrafficMode#choose})
     */
    public record Options(boolean retainEvents, EventSink eventSink, Consumer<SchedulingDecision> decisionSink,
                          int decisionsRetained, TrafficMode trafficMode) {
        /** Keep everything in memory: for tests and small runs. */
        public static final Options IN_MEMORY = new Options(true, null, null,
                SchedulerConfig.DEFAULTS.decisionLogCapacity(), null);

        /** Stream events (and decisions, when asked) and keep nothing: for the CLI. */
        public static Options streaming(EventSink events, Consumer<SchedulingDecision> decisions) {
            return new Options(false, events, decisions, 0, null);
        }

        /** The same options with requests simulated in {@code mode} (null: chosen by rate). */
        public Options withTrafficMode(TrafficMode mode) {
            return new Options(retainEvents, eventSink, decisionSink, decisionsRetained, mode);
        }
    }

    public ClusterSimulation(SimulationSpec spec, Options options) {
        this.spec = spec;
        this.sim = new Simulation(spec.seed());
        this.store = new ClusterStore(sim);
        this.events = new EventRecorder(sim, options.retainEvents());
        if (options.eventSink() != null) {
            events.addSink(options.eventSink());
        }
        this.qualifyNames = namespacesUsed(spec.manifests()) > 1;
        this.pendingTimes = new PendingTimes(store);
        this.observer = new DeploymentObserver(store, d -> displayName(d.metadata().namespace(), d.name()));
        this.scheduler = new Scheduler(store, events,
                SchedulerConfig.DEFAULTS.withDecisionLogCapacity(options.decisionsRetained()),
                (sc, node) -> spec.storage().canProvision(sc.name(), sc.provisioner(), node.zone()));
        if (options.decisionSink() != null) {
            scheduler.decisionLog().addSink(options.decisionSink());
        }

        ClusterBootstrap bootstrap = new ClusterBootstrap(store);
        Map<String, NodePool> pools = new LinkedHashMap<>();
        for (NodePool p : spec.nodePools()) {
            pools.put(p.name(), p);
        }
        scheduler.start();
        new ReplicaSetController(store, events, CONTROLLER_REACTION).start();
        new DeploymentController(store, events, CONTROLLER_REACTION).start();
        new PodGarbageCollector(store).start();
        new DisruptionController(store, events, CONTROLLER_REACTION).start();
        if (hasResourceQuota(spec.manifests())) {
            new ResourceQuotaController(store).start();
        }
        nodeLifecycle = new NodeLifecycleController(store, events, counters, spec.nodeLifecycle());
        nodeLifecycle.start();
        if (mayTaintNoExecute(spec)) {
            new TaintEvictionController(store, events, counters).start();
        }
        new EndpointSliceController(store, spec.network().endpointSliceDelay()).start();
        ProxyViews views = new ProxyViews(store, spec.network());
        views.start();
        ApplicationCatalog applications = new ApplicationCatalog(store, spec.applications(), spec.defaultApplication());
        if (!spec.readinessGates().isEmpty()) {
            new ReadinessGateController(store, spec.readinessGates()).start();
        }
        Kubelets kubelets = new Kubelets(store, events, counters, KubeletConfig.DEFAULT, applications, spec.registry());
        if (!spec.traffic().isEmpty()) {
            EndpointViews endpointViews =
                    (ingress, key) -> ingress ? views.view(ProxyViews.INGRESS, key) : views.clientView(key);
            TrafficLedger ledger = new TrafficLedger(store, spec.sampleInterval(),
                    s -> displayName(s.metadata().namespace(), s.name()));
            TrafficMode mode = options.trafficMode() != null ? options.trafficMode() : chooseTrafficMode(spec);
            if (mode == TrafficMode.FLUID) {
                FluidTraffic fluid = new FluidTraffic(store, applications, endpointViews, ledger,
                        fluidStep(spec.sampleInterval()));
                views.beforeChange(fluid::settle);
                trafficModel = fluid;
            } else {
                trafficModel = new ExactTraffic(store, applications, endpointViews, ledger);
            }
            trafficModel.start();
            kubelets.addListener(trafficModel);
        }
        resources = kubelets.monitorResources(requestLoad(trafficModel),
                n -> pools.containsKey(n.pool()) ? pools.get(n.pool()).eviction() : EvictionConfig.DEFAULT,
                series, spec.sampleInterval(),
                p -> displayName(p.namespace(), applications.workloadName(p)));
        kubelets.start();
        observer.start();
        pendingTimes.start();
        if (VolumeControllers.needed(spec.manifests())) {
            volumes = VolumeControllers.start(store, events, spec.storage());
        }
        for (NodePool p : spec.nodePools()) {
            bootstrap.addNodes(p, p.count());
        }
        bootstrap.apply(spec.manifests());
        if (spec.clusterAutoscaler() != null) {
            clusterAutoscaler = ClusterAutoscalerSetup.start(store, events, bootstrap, pools, spec.clusterAutoscaler());
        }
        autoscalers = startAutoscalers(kubelets);
        timeline = new TimelinePlayer(store, events, observer, bootstrap, pools, kubelets);
        timeline.schedule(spec.timeline());
        if (trafficModel != null) {
            for (EntryPoint e : spec.traffic()) {
                trafficModel.addEntryPoint(e);
            }
        }

        Sampler sampler = new Sampler(sim, spec.sampleInterval(), series);
        sampler.add(observer.gauge());
        sampler.add(new ServiceEndpointsGauge(store, s -> displayName(s.metadata().namespace(), s.name())));
        if (trafficModel != null) {
            sampler.add(trafficModel.latencyGauge());
            sampler.add(new RequestUsageGauge(trafficModel, applications, spec.sampleInterval(), this::displayName));
        }
        sampler.add((now, s) -> {
            int pending = 0;
            int running = 0;
            for (Pod p : store.pods().list()) {
                if (!p.isActive()) {
                    continue;
                }
                if (!p.isBound()) {
                    pending++;
                } else if (p.phase() == io.kubesim.cluster.PodPhase.RUNNING) {
                    running++;
                }
            }
            int schedulable = 0;
            for (Node n : store.nodes().list()) {
                if (!n.unschedulable()) {
                    schedulable++;
                }
            }
            s.series("cluster_pods_pending", "").record(now, pending);
            s.series("cluster_pods_running", "").record(now, running);
            s.series("cluster_nodes", "").record(now, store.nodes().size());
            s.series("cluster_nodes_schedulable", "").record(now, schedulable);
        });
        if (clusterAutoscaler != null) {
            sampler.add(ClusterAutoscalerSetup.gauge(clusterAutoscaler));
        }
        sampler.start(spec.duration());
    }

    /** Runs to {@code until} (virtual microseconds), at most the scenario's duration. */
    public void run(long until) {
        sim.runUntil(Math.min(until, spec.duration()));
    }

    public Simulation simulation() {
        return sim;
    }

    public ClusterStore store() {
        return store;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public EventRecorder events() {
        return events;
    }

    /** The cluster autoscaler, or null when the scenario has none. */
    public io.kubesim.autoscaler.ClusterAutoscaler clusterAutoscaler() {
        return clusterAutoscaler;
    }

    public DeploymentObserver deployments() {
        return observer;
    }

    /** The name used in outputs: {@code name}, or {@code ns/name} when the manifests use several namespaces. */
    public String displayName(String namespace, String name) {
        return qualifyNames ? namespace + "/" + name : name;
    }

    /** Preemption victims by workload display name, in name order. */
    private Map<String, Long> preemptedByWorkload() {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (Map.Entry<String, Long> e : scheduler.preemptedByWorkload().entrySet()) {
            int slash = e.getKey().indexOf('/');
            out.merge(displayName(e.getKey().substring(0, slash), e.getKey().substring(slash + 1)), e.getValue(), Long::sum);
        }
        return out;
    }

    public SimulationResult result() {
        long pending = 0;
        for (Pod p : store.pods().list()) {
            if (p.isActive() && !p.isBound()) {
                pending++;
            }
        }
        SimulationResult.PodCounts pods = new SimulationResult.PodCounts(events.count("Scheduled"), pending,
                events.count("Evicted"), evictedByDrains(), counters.get(TaintEvictionController.EVICTIONS),
                counters.get(Kubelets.OOM_KILLED_COUNTER), counters.get(Kubelets.RESTARTS_COUNTER),
                scheduler.preemptedPods(), scheduler.preemptions(), preemptedByWorkload(),
                pendingTimes.longest(sim.now()));
        List<String> services = new ArrayList<>();
        for (Service s : store.services().list()) {
            services.add(displayName(s.metadata().namespace(), s.name()));
        }
        List<DeploymentObserver.Stats> deployments = new ArrayList<>();
        for (DeploymentObserver.Stats s : observer.all()) {
            Deployment d = s.deployment();
            if (store.deployments().contains(d)) {
                deployments.add(s);
            }
        }
        if (trafficModel != null) {
            trafficModel.settle();
        }
        List<ServiceTraffic> traffic = trafficModel == null ? List.of() : trafficModel.ledger().services();
        Map<RequestCause, Long> entryOutcomes = new EnumMap<>(RequestCause.class);
        if (trafficModel != null) {
            for (RequestCause c : RequestCause.values()) {
                long n = trafficModel.ledger().entryRequests(c);
                if (n > 0) {
                    entryOutcomes.put(c, n);
                }
            }
            if (!countsWritten) {
                trafficModel.ledger().writeCounts(series, sim.now());
                countsWritten = true;
            }
        }
        Map<String, ServiceTraffic> byName = new LinkedHashMap<>();
        for (ServiceTraffic t : traffic) {
            byName.put(t.displayName(), t);
        }
        List<Outage> outages = new ArrayList<>();
        for (String name : services) {
            boolean[] noReady = noReadyEndpoints(name);
            outages.addAll(OutageDetector.DEFAULT.find(name, byName.get(name), noReady, firstReady(name),
                    spec.sampleInterval(), sim.now()));
        }
        return new SimulationResult(spec.name(), spec.seed(), sim.now(), sim.eventsProcessed(), deployments, services,
                pods, events, counters, series, traffic, entryOutcomes, outages,
                trafficModel == null ? null : trafficModel.mode(), nodeCounts(), timeline.drains(),
                clusterAutoscaler == null ? null : clusterAutoscaler.stats(),
                autoscalers == null ? List.of() : autoscalers.stats(sim.now()), quotaUsage(),
                volumes == null ? null : volumes.stats());
    }

    /** Each ResourceQuota's hard and used amounts, formatted as Kubernetes prints quantities. */
    private List<SimulationResult.QuotaUsage> quotaUsage() {
        List<SimulationResult.QuotaUsage> out = new ArrayList<>();
        for (ResourceQuota q : store.resourceQuotas().list()) {
            out.add(new SimulationResult.QuotaUsage(displayName(q.metadata().namespace(), q.name()), format(q.hard()),
                    format(q.used()), format(q.maxUsed()), q.podsRefused()));
        }
        return out;
    }

    private static Map<String, String> format(Map<String, Long> amounts) {
        Map<String, String> out = new java.util.TreeMap<>();
        amounts.forEach((k, v) -> out.put(k, io.kubesim.api.QuantityFormat.of(k, v)));
        return out;
    }

    /**
     * The quota controller runs only when some ResourceQuota exists: its pod watch would otherwise
     * only add engine events.
     */
    private static boolean hasResourceQuota(List<Manifest> manifests) {
        for (Manifest m : manifests) {
            if (m instanceof Manifest.ResourceQuotaManifest) {
                return true;
            }
        }
        return false;
    }

    /** metrics-server and the HPA controller, when some manifest is an HPA. */
    private HorizontalPodAutoscalerController startAutoscalers(Kubelets kubelets) {
        List<Manifest.HorizontalPodAutoscalerManifest> hpas = new ArrayList<>();
        for (Manifest m : spec.manifests()) {
            if (m instanceof Manifest.HorizontalPodAutoscalerManifest h) {
                hpas.add(h);
            }
        }
        if (hpas.isEmpty()) {
            return null;
        }
        MetricsServer metricsServer = new MetricsServer(store, kubelets::podUsage, spec.hpa().metricResolution());
        HorizontalPodAutoscalerController c = new HorizontalPodAutoscalerController(store, events, metricsServer,
                spec.hpa(), series, hpas, m -> displayName(m.namespace(), m.name()));
        metricsServer.start();
        c.start();
        return c;
    }

    /** The request load on pods as the kubelets see it: the traffic model's, brought up to now. */
    private static RequestLoad requestLoad(TrafficModel traffic) {
        if (traffic == null) {
            return RequestLoad.NONE;
        }
        return visitor -> {
            traffic.settle();
            traffic.visitLoad((pod, model, cpu, offered, held) ->
                    visitor.visit(pod, cpu, offered, held * model.memoryPerRequest()));
        };
    }


    private long evictedByDrains() {
        long n = 0;
        for (DrainRecord d : timeline.drains()) {
            n += d.evicted();
        }
        return n;
    }

    /** Node health: how many nodes there are and are not Ready, and each failure's timeline. */
    private SimulationResult.NodeCounts nodeCounts() {
        int notReady = 0;
        for (Node n : store.nodes().list()) {
            if (!n.isReady()) {
                notReady++;
            }
        }
        List<SimulationResult.NodeFailure> failures = new ArrayList<>();
        for (io.kubesim.cluster.NodeLease l : store.nodeLeases().list()) {
            Node n = store.nodes().get(l.node());
            for (io.kubesim.cluster.NodeLease.Silence s : l.silences()) {
                long until = s.resumedAt() < 0 ? Long.MAX_VALUE : s.resumedAt();
                failures.add(new SimulationResult.NodeFailure(l.node(), n == null ? "" : n.zone(), s.stoppedAt(),
                        firstWithin(nodeLifecycle.notReadyTimes(l.node()), s.stoppedAt(), until),
                        firstWithin(nodeLifecycle.taintTimes(l.node()), s.stoppedAt(), until), s.resumedAt()));
            }
        }
        failures.sort(java.util.Comparator.comparingLong(SimulationResult.NodeFailure::failedAt));
        return new SimulationResult.NodeCounts(store.nodes().size(), notReady,
                counters.get(NodeLifecycleController.NODES_NOT_READY),
                counters.get(NodeLifecycleController.NODES_TAINTED), failures, resources.nodeStats(sim.now()));
    }

    /** The first time in {@code times} within {@code [from, until)}, or -1. */
    private static long firstWithin(List<Long> times, long from, long until) {
        for (long t : times) {
            if (t >= from && t < until) {
                return t;
            }
        }
        return -1;
    }

    /**
     * Whether any node can carry a NoExecute taint: a pool declares one, or the timeline fails
     * nodes (the node-lifecycle controller then taints them). Otherwise the taint-eviction
     * controller would never act, and it is left out: its watches would only add engine events.
     */
    static boolean mayTaintNoExecute(SimulationSpec spec) {
        for (NodePool p : spec.nodePools()) {
            for (io.kubesim.api.Taint t : p.taints()) {
                if (t.effect() == io.kubesim.api.TaintEffect.NO_EXECUTE) {
                    return true;
                }
            }
        }
        for (TimelineAction a : spec.timeline()) {
            if (a instanceof TimelineAction.FailNodes || a instanceof TimelineAction.FailZone
                    || a instanceof TimelineAction.FailBusiest) {
                return true;
            }
        }
        return false;
    }

    /** The traffic mode chosen for a scenario by its peak request rate, calls included. */
    public static TrafficMode chooseTrafficMode(SimulationSpec spec) {
        return TrafficModeChoice.choose(spec);
    }

    /** The fluid step: {@link FluidTraffic#DEFAULT_STEP}, or less so that it divides the interval. */
    private static long fluidStep(long interval) {
        long step = Math.min(FluidTraffic.DEFAULT_STEP, interval);
        while (interval % step != 0) {
            step--;
        }
        return step;
    }

    /**
     * Per sample interval, whether the Service had no ready endpoint, counted only after it first
     * had one (a Service still starting up is not out).
     */
    private boolean[] noReadyEndpoints(String service) {
        io.kubesim.metrics.TimeSeries ready = series.find("service_endpoints_ready", "service=" + service);
        if (ready == null) {
            return null;
        }
        int n = (int) ((sim.now() + spec.sampleInterval() - 1) / spec.sampleInterval());
        boolean[] out = new boolean[n];
        boolean seenReady = false;
        for (int i = 0; i < ready.size(); i++) {
            int idx = (int) (ready.timeAt(i) / spec.sampleInterval());
            seenReady |= ready.valueAt(i) > 0;
            if (seenReady && ready.valueAt(i) == 0 && idx < n) {
                out[idx] = true;
            }
        }
        return out;
    }

    /** When the Service's EndpointSlices first had a ready endpoint; Long.MAX_VALUE if never. */
    private long firstReady(String service) {
        io.kubesim.metrics.TimeSeries ready = series.find("service_endpoints_ready", "service=" + service);
        if (ready != null) {
            for (int i = 0; i < ready.size(); i++) {
                if (ready.valueAt(i) > 0) {
                    return ready.timeAt(i);
                }
            }
        }
        return Long.MAX_VALUE;
    }

    private static int namespacesUsed(List<Manifest> manifests) {
        TreeSet<String> ns = new TreeSet<>();
        for (Manifest m : manifests) {
            if (!m.namespace().isEmpty()) {
                ns.add(m.namespace());
            }
        }
        return ns.size();
    }
}
