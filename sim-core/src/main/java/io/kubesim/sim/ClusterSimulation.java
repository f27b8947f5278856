package io.kubesim.sim;

import io.kubesim.api.Manifest;
import io.kubesim.controllers.volume.VolumeControllers;
import io.kubesim.app.ApplicationCatalog;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.Service;
import io.kubesim.controllers.TaintEvictionController;
import io.kubesim.engine.Simulation;
import io.kubesim.kubelet.EvictionConfig;
import io.kubesim.kubelet.KubeletConfig;
import io.kubesim.kubelet.Kubelets;
import io.kubesim.kubelet.RequestLoad;
import io.kubesim.kubelet.ResourceMonitor;
import io.kubesim.metrics.ClusterGauge;
import io.kubesim.metrics.Counters;
import io.kubesim.metrics.Decision;
import io.kubesim.metrics.DecisionRecorder;
import io.kubesim.metrics.DeploymentObserver;
import io.kubesim.metrics.EventRecorder;
import io.kubesim.metrics.EventSink;
import io.kubesim.metrics.PendingTimes;
import io.kubesim.metrics.ReplicaSetObserver;
import io.kubesim.metrics.WorkloadObservers;
import io.kubesim.metrics.Sampler;
import io.kubesim.metrics.ServiceEndpointsGauge;
import io.kubesim.metrics.TimeSeriesStore;
import io.kubesim.scheduler.Scheduler;
import io.kubesim.scheduler.SchedulerConfig;
import io.kubesim.scheduler.SchedulingDecision;
import io.kubesim.traffic.EntryPoint;
import io.kubesim.traffic.Outage;
import io.kubesim.traffic.ProxyViews;
import io.kubesim.traffic.RequestCause;
import io.kubesim.traffic.RequestUsageGauge;
import io.kubesim.traffic.ServiceTraffic;
import io.kubesim.traffic.TrafficMode;
import io.kubesim.traffic.TrafficModel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One simulated cluster built from a {@link SimulationSpec}, the composition root: the API
 * server's store, the scheduler, the control plane started from {@link ControllerTable}, the
 * proxies and the traffic model, a kubelet per node, the timeline and the samplers.
 * {@link #run(long)} advances it; {@link #result()} reports.
 */
public final class ClusterSimulation {
    /** How long controllers take to react to a watch event (informer + workqueue), an estimate. */
    public static final long CONTROLLER_REACTION = ControllerTable.CONTROLLER_REACTION;

    private final SimulationSpec spec;
    private final Simulation sim;
    private final ClusterStore store;
    private final EventRecorder events;
    private final Counters counters = new Counters();
    private final TimeSeriesStore series = new TimeSeriesStore();
    private final ControlPlane controlPlane = new ControlPlane(ControllerTable.descriptors());
    private final DeploymentObserver observer;
    /** The workloads of every kind, for summary.json's {@code workloads} and the {@code workload_*} series. */
    private final WorkloadObservers workloads = new WorkloadObservers();
    /** Served latencies by startup, action window and baseline; null without traffic. */
    private LatencyAttribution latencyAttribution;
    private final PendingTimes pendingTimes;
    private final Scheduler scheduler;
    private final DisplayNames names;
    private final TimelinePlayer timeline;
    /** Every component's decisions, for {@code kubesim explain}. */
    private final DecisionRecorder decisions;
    private final TrafficModel trafficModel;
    private final ResourceMonitor resources;
    /** How evenly each workload's replicas share the load; null without traffic. */
    private io.kubesim.traffic.ReplicaSpread replicaSpread;
    private boolean countsWritten;
    /** Null when the manifests have no Job or CronJob. */
    private io.kubesim.controllers.job.JobController jobs;
    private io.kubesim.controllers.job.CronJobController cronJobs;

    /**
     * How a run keeps what it observes.
     *
     * @param retainEvents      keep every event in memory (tests, small runs); large runs use a sink
     * @param eventSink         receives every event as it is recorded; may be null
     * @param decisionSink      receives every scheduling decision as it is made; may be null
     * @param decisionsRetained scheduling decisions kept in memory: -1 all, 0 none, n the last n
     * @param trafficMode       how requests are simulated; null chooses by the scenario's peak rate
     *                          ({@link TrafficMode#choose})
     * @param controllerDecisionSink receives every other component's {@link Decision} (the input of
     *                          {@code kubesim explain}); may be null. In-memory runs retain them.
     */
    public record Options(boolean retainEvents, EventSink eventSink, Consumer<SchedulingDecision> decisionSink,
                          int decisionsRetained, TrafficMode trafficMode, Consumer<Decision> controllerDecisionSink,
                          boolean connectionPerRequest) {
        public Options(boolean retainEvents, EventSink eventSink, Consumer<SchedulingDecision> decisionSink,
                       int decisionsRetained, TrafficMode trafficMode, Consumer<Decision> controllerDecisionSink) {
            this(retainEvents, eventSink, decisionSink, decisionsRetained, trafficMode, controllerDecisionSink, false);
        }

        /** Keep everything in memory: for tests and small runs. */
        public static final Options IN_MEMORY = new Options(true, null, null,
                SchedulerConfig.DEFAULTS.decisionLogCapacity(), null, null);

        /** Stream events (and decisions, when asked) and keep nothing: for the CLI. */
        public static Options streaming(EventSink events, Consumer<SchedulingDecision> decisions) {
            return new Options(false, events, decisions, 0, null, null);
        }

        /** The same options with requests simulated in {@code mode} (null: chosen by rate). */
        public Options withTrafficMode(TrafficMode mode) {
            return new Options(retainEvents, eventSink, decisionSink, decisionsRetained, mode, controllerDecisionSink,
                    connectionPerRequest);
        }

        /** The same options with every component's decisions streamed to {@code sink}. */
        public Options withDecisions(Consumer<Decision> sink) {
            return new Options(retainEvents, eventSink, decisionSink, decisionsRetained, trafficMode, sink,
                    connectionPerRequest);
        }

        /**
         * The same options with every client of the exact mode opening a connection per request,
         * as the fluid mode balances: what the two modes share, for comparing them.
         */
        public Options withConnectionPerRequest() {
            return new Options(retainEvents, eventSink, decisionSink, decisionsRetained, trafficMode,
                    controllerDecisionSink, true);
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
        this.decisions = new DecisionRecorder(options.retainEvents());
        if (options.controllerDecisionSink() != null) {
            decisions.addSink(options.controllerDecisionSink());
        }
        this.names = DisplayNames.forManifests(spec.manifests());
        this.pendingTimes = new PendingTimes(store);
        this.observer = new DeploymentObserver(store, d -> names.of(d.metadata().namespace(), d.name()));
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
        ApplicationCatalog applications = new ApplicationCatalog(store, spec.applications(), spec.defaultApplication(),
                spec.versions());
        Kubelets kubelets = new Kubelets(store, events, counters, KubeletConfig.DEFAULT, applications, spec.registry(),
                decisions);
        AnalysisMeasurements measurements = new AnalysisMeasurements();
        ControllerContext context = new ControllerContext(spec, store, events, counters, series, names, kubelets,
                bootstrap, pools, workloads, decisions, measurements);

        scheduler.start();
        controlPlane.start(ControllerDescriptor.Stage.WATCHING, context);
        ProxyViews views = new ProxyViews(store, spec.network(), TrafficSetup.usesMesh(spec));
        views.recordChanges(decisions);
        views.start();
        trafficModel = TrafficSetup.start(spec, options, store, applications, views, kubelets, names,
                decisions);
        if (trafficModel != null && !spec.analysis().isEmpty()) {
            trafficModel.ledger().meterVersions(AnalysisRetention.seconds(spec));
            measurements.attach(trafficModel.ledger().versions());
        }
        RequestLoad requestLoad = TrafficSetup.requestLoad(trafficModel);
        resources = kubelets.monitorResources(requestLoad,
                n -> pools.containsKey(n.pool()) ? pools.get(n.pool()).eviction() : EvictionConfig.DEFAULT,
                series, spec.sampleInterval(),
                p -> names.of(p.namespace(), applications.workloadName(p)));
        kubelets.start();
        observer.start();
        workloads.addSummaryOnly(observer.workloads());
        if (spec.manifests().stream().anyMatch(m -> m instanceof Manifest.ReplicaSetManifest)) {
            ReplicaSetObserver replicaSets = new ReplicaSetObserver(store,
                    rs -> names.of(rs.metadata().namespace(), rs.name()));
            replicaSets.start();
            workloads.add(replicaSets);
        }
        pendingTimes.start();
        for (NodePool p : spec.nodePools()) {
            bootstrap.addNodes(p, p.count());
        }
        if (spec.storage().defaultStorageClass() && VolumeControllers.needed(spec.manifests())) {
            bootstrap.addDefaultStorageClass(spec.manifests());
        }
        bootstrap.apply(spec.manifests());
        controlPlane.start(ControllerDescriptor.Stage.LISTING, context);
        ActionSettling settling = new ActionSettling(store, workloads);
        events.addSink(settling::event);
        if (trafficModel != null) {
            settling.lostRequests(trafficModel::lostInFlight);
        }
        timeline = new TimelinePlayer(store, events, observer, bootstrap, pools, kubelets, settling,
                new BusiestNodes(store, kubelets, requestLoad));
        timeline.schedule(spec.timeline());
        if (trafficModel != null) {
            for (EntryPoint e : spec.traffic()) {
                trafficModel.addEntryPoint(e);
            }
        }

        Sampler sampler = new Sampler(sim, spec.sampleInterval(), series);
        // Before the latency gauge, which resets the interval's latencies the guards read.
        RollbackGuards guards = new RollbackGuards(store, events, trafficModel == null ? null : trafficModel.ledger(),
                spec.sampleInterval(), timeline::playNow);
        timeline.guards(guards);
        sampler.add(guards);
        sampler.add(observer.gauge());
        sampler.add(workloads.gauge());
        sampler.add(new ServiceEndpointsGauge(store, s -> names.of(s.metadata().namespace(), s.name())));
        if (trafficModel != null) {
            latencyAttribution = new LatencyAttribution(settling.windows(), series, spec.warmup());
            trafficModel.ledger().onIntervalClosed(latencyAttribution);
            sampler.add(trafficModel.latencyGauge());
            sampler.add(new RequestUsageGauge(trafficModel, applications, spec.sampleInterval(), this::displayName));
            replicaSpread = new io.kubesim.traffic.ReplicaSpread(trafficModel, spec.sampleInterval());
            sampler.add(replicaSpread);
        }
        sampler.add(new ClusterGauge(store));
        sampler.add(settling);
        controlPlane.addGauges(sampler);
        sampler.start(spec.duration());
    }

    /**
     * Also tells {@code listener} of each sample interval's served latencies per Service, before
     * they are reset (no-op without traffic): for tools that need them beyond summary.json's.
     */
    public void onIntervalLatencies(io.kubesim.traffic.IntervalLatencies listener) {
        if (trafficModel != null) {
            trafficModel.ledger().onIntervalClosed(listener);
        }
    }

    /**
     * What each pod received (summary.json's {@code workloads.*.pods}, pods.csv); null when the
     * scenario has no traffic. Call {@code recordIntervals()} on it before the run for pods.csv.
     */
    public io.kubesim.traffic.PodTally podTraffic() {
        return trafficModel == null ? null : trafficModel.ledger().pods();
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

    /** The components' decisions (retained in in-memory runs). */
    public DecisionRecorder decisions() {
        return decisions;
    }

    public DeploymentObserver deployments() {
        return observer;
    }

    /** The workload observers of every kind (add a kind's observer here). */
    public WorkloadObservers workloads() {
        return workloads;
    }

    /** The name used in outputs: {@code name}, or {@code ns/name} when the manifests use several namespaces. */
    public String displayName(String namespace, String name) {
        return names.of(namespace, name);
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
            if (store.deployments().contains(s.deployment())) {
                deployments.add(s);
            }
        }
        if (trafficModel != null) {
            trafficModel.settle();
            trafficModel.ledger().flushFailures();
            trafficModel.ledger().pods().settle(trafficModel, sim.now());
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
        List<Outage> outages = new ServiceOutages(series, spec.sampleInterval()).find(services, traffic, sim.now());
        ControllerReports reports = controlPlane.report(sim.now());
        SimulationResult.NodeCounts nodes = NodeHealthReport.of(store, counters, reports.nodeLifecycle(), resources,
                sim.now());
        return new SimulationResult(spec.name(), spec.seed(), sim.now(), sim.eventsProcessed(), deployments, services,
                pods, events, counters, series, traffic, entryOutcomes, outages,
                trafficModel == null ? null : trafficModel.mode(), nodes, timeline.drains(),
                reports.clusterAutoscaler(), reports.hpas(), reports.quotas(), workloadsWithTraffic(),
                reports.batch(), reports.volumes(), timeline.actions(outages), spec.warmup(),
                latencyAttribution == null ? AttributedLatencies.NONE : latencyAttribution.finish(),
                trafficModel == null ? null : new SimulationResult.EntryAnswers(trafficModel.ledger().entryStatuses(),
                        trafficModel.ledger().entryDegraded()));
    }

    /** Every workload at the end, with its pods' traffic and replica spread when it had traffic. */
    private List<io.kubesim.metrics.WorkloadStatus> workloadsWithTraffic() {
        List<io.kubesim.metrics.WorkloadStatus> all = workloads.all(sim.now());
        return trafficModel == null ? all : WorkloadTraffic.add(all, trafficModel.ledger().pods(), replicaSpread);
    }

    private long evictedByDrains() {
        long n = 0;
        for (DrainRecord d : timeline.drains()) {
            n += d.evicted();
        }
        return n;
    }

    /** The traffic mode chosen for a scenario by its peak request rate, calls included. */
    public static TrafficMode chooseTrafficMode(SimulationSpec spec) {
        return TrafficModeChoice.choose(spec);
    }
}
