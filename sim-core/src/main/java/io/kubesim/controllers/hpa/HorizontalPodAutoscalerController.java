package io.kubesim.controllers.hpa;

import io.kubesim.api.Container;
import io.kubesim.api.PodSpec;
import io.kubesim.api.HpaMetric;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Condition;
import io.kubesim.cluster.Index;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodPhase;
import io.kubesim.cluster.Scale;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.ClusterEvent;
import io.kubesim.metrics.EventRecorder;
import io.kubesim.metrics.EventSpamFilter;
import io.kubesim.metrics.TimeSeries;
import io.kubesim.metrics.TimeSeriesStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The HorizontalPodAutoscaler controller (pkg/controller/podautoscaler/horizontal.go): every sync
 * period it reconciles each HPA in manifest order: the guards of k8s-semantics.md 1.7, one proposal
 * per metric from metrics-server's samples (1.2–1.4), the largest valid one (1.6), normalized by the
 * legacy path (1.8) or the behavior path (1.9). The target is read and written only through its
 * {@code /scale} subresource ({@link io.kubesim.cluster.ScaleSubresources}): its {@code spec.replicas}
 * is "current replicas", its selector picks the pods, and a changed count is written to its
 * {@code spec.replicas}, so any kind registered there (Deployment, ReplicaSet,
 * ReplicationController ...) can be autoscaled and its own controller does the rest. A user's
 * {@code scale} of the target is overridden at the next sync, as upstream.
 */
public final class HorizontalPodAutoscalerController {
    static final String SOURCE = "horizontal-pod-autoscaler";

    private final ClusterStore store;
    private final EventRecorder events;
    private final MetricsServer metrics;
    private final HpaConfig config;
    private final ReplicaCalculator calculator;
    private final List<Autoscaler> autoscalers = new ArrayList<>();
    /**
     * Pods by namespace and the value of one label key, per key the targets' selectors start with:
     * a sync reads only the pods that can match instead of every pod in the store.
     */
    private final Map<String, Index<Pod>> podsByLabel = new TreeMap<>();
    private long lastSync = -1;
    private final EventSpamFilter spamFilter = new EventSpamFilter();

    public HorizontalPodAutoscalerController(ClusterStore store, EventRecorder events, MetricsServer metrics,
                                             HpaConfig config, TimeSeriesStore series,
                                             List<Manifest.HorizontalPodAutoscalerManifest> hpas,
                                             Function<Manifest, String> displayName) {
        this.store = store;
        this.events = events;
        this.metrics = metrics;
        this.config = config;
        this.calculator = new ReplicaCalculator(config.tolerance(),
                new PodGrouping(config.cpuInitializationPeriod(), config.initialReadinessDelay()));
        for (Manifest.HorizontalPodAutoscalerManifest h : hpas) {
            autoscalers.add(new Autoscaler(h, displayName.apply(h), series));
            for (HpaMetric m : h.metrics()) {
                if (m.type() == HpaMetric.Type.CONTAINER_RESOURCE) {
                    metrics.watchContainer(m.container());
                }
            }
        }
        metrics.readBy(this::podsItMayRead);
    }

    /**
     * The pods a sync may read samples of, for metrics-server's scrape: each HPA's pods as its next
     * sync would list them, or, while its target cannot be read, every pod of its namespace (the
     * target may appear with any selector; the store walked once for all such namespaces). Duplicates
     * when HPAs overlap.
     */
    private List<Pod> podsItMayRead() {
        List<Pod> out = new ArrayList<>();
        java.util.Set<String> namespacesOfUnreadTargets = new java.util.TreeSet<>();
        for (Autoscaler a : autoscalers) {
            Scale scale = a.scale();
            if (scale != null) {
                out.addAll(a.podsOf(scale));
            } else {
                namespacesOfUnreadTargets.add(a.spec.namespace());
            }
        }
        if (!namespacesOfUnreadTargets.isEmpty()) {
            for (Pod p : store.pods().list()) {
                if (namespacesOfUnreadTargets.contains(p.namespace())) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    public void start() {
        store.sim().schedule(config.syncPeriod(), this::sync);
    }

    private void sync() {
        long now = store.now();
        for (Autoscaler a : autoscalers) {
            a.reconcile(now);
        }
        lastSync = now;
        store.sim().schedule(config.syncPeriod(), this::sync);
    }

    /** Per HPA, up to {@code now}. */
    public List<HpaStats> stats(long now) {
        List<HpaStats> out = new ArrayList<>();
        for (Autoscaler a : autoscalers) {
            out.add(a.stats(now));
        }
        return out;
    }

    /** One HPA: its spec, its normalizer's memory, its series and its tallies. */
    private final class Autoscaler {
        private final Manifest.HorizontalPodAutoscalerManifest spec;
        private final String name;
        private final LegacyNormalizer legacy;
        private final BehaviorNormalizer behavior;
        private final TimeSeries desiredSeries;
        private final TimeSeries currentSeries;
        private final TimeSeries cpuSeries;
        private final TimeSeries cpuTargetSeries;
        private int rescales;
        private int minObserved = Integer.MAX_VALUE;
        private int maxObserved;
        private long atMax;
        private long atMaxSince = -1;

        Autoscaler(Manifest.HorizontalPodAutoscalerManifest spec, String name, TimeSeriesStore series) {
            this.spec = spec;
            this.name = name;
            if (spec.hasBehavior()) {
                int window = (int) (config.downscaleStabilization() / SimTime.MICROS_PER_SECOND);
                behavior = new BehaviorNormalizer(spec.scaleUp(), spec.scaleDown().withDefaultWindow(window));
                legacy = null;
            } else {
                legacy = new LegacyNormalizer(config.downscaleStabilization());
                behavior = null;
            }
            String labels = "hpa=" + name;
            desiredSeries = series.series("hpa_desired_replicas", labels);
            currentSeries = series.series("hpa_current_replicas", labels);
            cpuSeries = spec.metrics().stream().anyMatch(HpaMetric::cpu)
                    ? series.series("hpa_current_cpu_utilization", labels) : null;
            cpuTargetSeries = spec.metrics().stream().anyMatch(m -> m.cpu() && m.target() == HpaMetric.Target.UTILIZATION)
                    ? series.series("hpa_target_cpu_utilization", labels) : null;
        }

        /** The target's scale subresource, or null when it cannot be read. */
        Scale scale() {
            return ScaleTargets.served(spec, store.scales()) == null ? null
                    : store.scales().get(spec.targetKind(), spec.namespace(), spec.targetName());
        }

        void reconcile(long now) {
            Scale scale = scale();
            if (scale == null) {
                failedGetScale(now);
                return;
            }
            int current = scale.specReplicas();
            observe(current, now);
            int desired;
            String reason;
            // k8s-semantics.md 1.7: guards before any metric is read
            if (current == 0 && spec.minReplicas() != 0) {
                desired = 0;
                reason = "";
            } else if (current > spec.maxReplicas()) {
                desired = spec.maxReplicas();
                reason = "Current number of replicas above Spec.MaxReplicas";
            } else if (current < spec.minReplicas()) {
                desired = spec.minReplicas();
                reason = "Current number of replicas below Spec.MinReplicas";
            } else {
                List<Pod> pods = podsOf(scale);
                List<Proposal> proposals = new ArrayList<>(spec.metrics().size());
                String best = "";
                int bestReplicas = -1;
                for (HpaMetric m : spec.metrics()) {
                    Proposal p = propose(m, current, pods, now);
                    proposals.add(p);
                    if (p.valid() && p.replicas() > bestReplicas) {
                        bestReplicas = p.replicas();
                        best = m.describe();
                    }
                    if (m.cpu() && cpuSeries != null && p.utilization() >= 0) {
                        cpuSeries.record(now, p.utilization());
                        if (cpuTargetSeries != null && m.target() == HpaMetric.Target.UTILIZATION) {
                            cpuTargetSeries.record(now, m.value()); // the target beside what was seen (report.html)
                        }
                    }
                }
                int proposal = MetricProposals.combine(current, proposals); // 1.6
                if (proposal < 0) {
                    desiredSeries.record(now, current);
                    return;
                }
                desired = behavior != null
                        ? behavior.normalize(proposal, current, spec.minReplicas(), spec.maxReplicas(), now)
                        : legacy.normalize(proposal, current, spec.minReplicas(), spec.maxReplicas(), now);
                reason = desired > current ? best + " above target" : "All metrics below target";
            }
            desiredSeries.record(now, desired);
            if (desired != current) {
                if (behavior != null) {
                    behavior.recordRescale(current, desired, now);
                }
                scale.setReplicas(desired);
                rescales++;
                events.normal(SOURCE, scale.target(), "SuccessfulRescale", "New size: " + desired + "; reason: " + reason);
                observe(desired, now);
            }
        }

        /**
         * No scale to read: upstream records a Warning FailedGetScale at every sync and changes
         * nothing; its event recorder's spam filter lets the first 25 through and then one per
         * 5 minutes, which is what events.jsonl shows.
         */
        private void failedGetScale(long now) {
            String reference = spec.kind() + "/" + spec.namespace() + "/" + spec.name();
            if (spamFilter.allow(SOURCE, reference, now)) {
                events.record(new ClusterEvent(now, true, "FailedGetScale", reference, ScaleTargets.notFound(spec, store.scales()),
                        SOURCE));
            }
        }

        private Proposal propose(HpaMetric m, int current, List<Pod> pods, long now) {
            if (m.type() == HpaMetric.Type.NOT_SIMULATED) {
                return Proposal.invalid("the " + m.source() + " metric has no source in kubesim");
            }
            List<HpaPod> view = new ArrayList<>(pods.size());
            for (Pod p : pods) {
                view.add(view(p, m));
            }
            return m.target() == HpaMetric.Target.UTILIZATION
                    ? calculator.utilizationReplicas(current, (int) m.value(), view, m.cpu(), now)
                    : calculator.averageValueReplicas(current, m.value(), view, m.cpu(), now);
        }

        private HpaPod view(Pod p, HpaMetric m) {
            long request = podRequest(p.spec(), m);
            Condition ready = p.readyCondition();
            return new HpaPod(p.name(), p.metadata().isDeleting(), p.phase() == PodPhase.FAILED,
                    p.phase() == PodPhase.PENDING, ready == null ? null : ready.isTrue(), p.startTime(),
                    ready == null ? 0 : ready.lastTransitionTime(), request,
                    metrics.sample(p, m.container(), m.cpu()));
        }

        /**
         * The pod's request for the metric's resource (calculatePodRequestsFromContainers,
         * k8s-semantics.md 1.3): the sum over the app containers and the sidecars (restartable init
         * containers; plain init containers do not count), only the named one for a
         * ContainerResource metric; -1 when a counted container has no request for it.
         */
        private static long podRequest(PodSpec spec, HpaMetric m) {
            long request = 0;
            for (Container c : countedContainers(spec)) {
                if (!m.container().isEmpty() && !m.container().equals(c.name())) {
                    continue;
                }
                if (!c.requests().has(m.resource())) {
                    return -1;
                }
                request += m.cpu() ? c.requests().cpuMillis() : c.requests().memoryBytes();
            }
            return request;
        }

        private static List<Container> countedContainers(PodSpec spec) {
            if (spec.initContainers().isEmpty()) {
                return spec.containers();
            }
            List<Container> all = new ArrayList<>(spec.containers());
            for (Container c : spec.initContainers()) {
                if (c.restartableInit()) {
                    all.add(c);
                }
            }
            return all;
        }

        /** The pods the target's scale selector matches in its namespace (the HPA's pod lister). */
        private List<Pod> podsOf(Scale scale) {
            String namespace = scale.target().metadata().namespace();
            LabelSelector selector = scale.selector();
            // a selector of one label: its index bucket is exactly the namespace's matching pods
            boolean bucketMatches = selector.matchLabels().size() == 1 && selector.matchExpressions().isEmpty();
            List<Pod> out = new ArrayList<>();
            for (Pod p : candidates(namespace, selector)) {
                if (bucketMatches || p.namespace().equals(namespace) && selector.matches(p.metadata().labels())) {
                    out.add(p);
                }
            }
            return out;
        }

        /**
         * The pods that may match the target's selector, in creation order: those carrying its
         * first matchLabels entry (from an index), or every pod when it has no matchLabels.
         */
        private Iterable<Pod> candidates(String namespace, LabelSelector selector) {
            Map<String, String> labels = selector.matchLabels();
            if (labels.isEmpty()) {
                return store.pods().list();
            }
            String key = labels.keySet().iterator().next();
            Index<Pod> index = podsByLabel.computeIfAbsent(key, k -> store.pods().addIndex(p -> {
                String v = p.metadata().labels().get(k);
                return v == null ? null : p.namespace() + "/" + v;
            }));
            return index.get(namespace + "/" + labels.get(key));
        }

        private void observe(int replicas, long now) {
            minObserved = Math.min(minObserved, replicas);
            maxObserved = Math.max(maxObserved, replicas);
            currentSeries.record(now, replicas);
            if (replicas == spec.maxReplicas() && atMaxSince < 0) {
                atMaxSince = now;
            } else if (replicas != spec.maxReplicas() && atMaxSince >= 0) {
                atMax += now - atMaxSince;
                atMaxSince = -1;
            }
        }

        HpaStats stats(long now) {
            long total = atMax + (atMaxSince >= 0 ? now - atMaxSince : 0);
            return new HpaStats(name, spec.minReplicas(), spec.maxReplicas(), rescales,
                    minObserved == Integer.MAX_VALUE ? 0 : minObserved, maxObserved, SimTime.toSeconds(total));
        }
    }
}
