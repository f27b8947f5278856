package io.kubesim.sim;

import io.kubesim.api.Collections2;
import io.kubesim.api.Manifest;
import io.kubesim.app.ApplicationModel;
import io.kubesim.controllers.NodeLifecycleConfig;
import io.kubesim.controllers.ReadinessGateController;
import io.kubesim.controllers.hpa.HpaConfig;
import io.kubesim.controllers.volume.StorageConfig;
import io.kubesim.kubelet.ImageRegistry;
import java.util.List;
import java.util.Map;
import io.kubesim.traffic.EntryPoint;
import io.kubesim.traffic.NetworkSpec;

/**
 * Everything a scenario says, in simulation terms: what the scenario file and the manifests it
 * names were read into.
 *
 * @param name            the scenario's name
 * @param seed            the seed of every random stream
 * @param duration        how long to simulate, in microseconds
 * @param sampleInterval  how often time series are sampled, in microseconds
 * @param nodePools       the cluster's nodes
 * @param manifests       the objects to create at time 0, in file order
 * @param applications    application models by workload ({@code name} or {@code ns/name})
 * @param defaultApplication the model for workloads not listed
 * @param timeline        actions in time order
 * @param traffic         where requests enter and how they arrive; empty: no traffic
 * @param network         endpoint propagation timings
 * @param nodeLifecycle   the node-lifecycle controller's settings (scenario {@code controlPlane})
 * @param clusterAutoscaler the cluster autoscaler and the pools it resizes; null: none
 * @param hpa             the HPA controller's and metrics-server's settings (scenario {@code controlPlane})
 * @param registry        the image registries: round trip and failing images (scenario {@code registry})
 * @param readinessGates  the readiness gates some controller sets, with their delays (scenario {@code readinessGates})
 * @param startTime       the wall-clock time of virtual time 0, in seconds since the Unix epoch (scenario
 *                        {@code startTime}): what CronJob schedules are evaluated against
 * @param storage         provisioners and attach/detach times (scenario {@code storage})
 * @param warmup          how long from the start the run is warming up, in microseconds (scenario
 *                        {@code warmup}, default 0): its requests count as startup, kept out of gates
 * @param versions        the versions of workloads' applications ({@code applications.<w>.versions}),
 *                        keyed as {@code applications}
 * @param analysis        what each AnalysisTemplate metric measures (scenario {@code analysis})
 */
public record SimulationSpec(String name, long seed, long duration, long sampleInterval, List<NodePool> nodePools,
                             List<Manifest> manifests, Map<String, ApplicationModel> applications,
                             ApplicationModel defaultApplication, List<TimelineAction> timeline,
                             List<EntryPoint> traffic, NetworkSpec network, NodeLifecycleConfig nodeLifecycle,
                             ClusterAutoscalerSpec clusterAutoscaler, HpaConfig hpa, ImageRegistry registry,
                             List<ReadinessGateController.Gate> readinessGates, long startTime,
                             StorageConfig storage, long warmup,
                             Map<String, List<io.kubesim.app.ApplicationVersion>> versions,
                             List<io.kubesim.api.AnalysisMeasure> analysis) {
    /** The default {@code startTime}: 2026-01-01T00:00:00Z. */
    public static final long DEFAULT_START_TIME = 1_767_225_600L;

    public SimulationSpec {
        storage = storage == null ? StorageConfig.DEFAULT : storage;
        registry = registry == null ? ImageRegistry.DEFAULT : registry;
        readinessGates = readinessGates == null ? List.of() : List.copyOf(readinessGates);
        nodePools = List.copyOf(nodePools);
        manifests = List.copyOf(manifests);
        applications = Collections2.sortedCopy(applications);
        timeline = List.copyOf(timeline);
        traffic = List.copyOf(traffic);
        versions = versions == null ? Map.of() : Collections2.sortedCopy(versions);
        analysis = analysis == null ? List.of() : List.copyOf(analysis);
    }

    /**
     * A scenario without traffic, with every other setting at its default: change them with the
     * {@code with...} methods.
     */
    public SimulationSpec(String name, long seed, long duration, long sampleInterval, List<NodePool> nodePools,
                          List<Manifest> manifests, Map<String, ApplicationModel> applications,
                          ApplicationModel defaultApplication, List<TimelineAction> timeline) {
        this(name, seed, duration, sampleInterval, nodePools, manifests, applications, defaultApplication, timeline,
                List.of(), NetworkSpec.DEFAULT, NodeLifecycleConfig.DEFAULT, null, HpaConfig.DEFAULTS,
                ImageRegistry.DEFAULT, List.of(), DEFAULT_START_TIME, StorageConfig.DEFAULT, 0, Map.of(), List.of());
    }

    /** The same scenario on other node pools (the capacity planner's sizes and shapes). */
    public SimulationSpec withNodePools(List<NodePool> pools) {
        return edit(b -> b.nodePools = pools);
    }

    /** The same scenario with another timeline (the capacity planner adds a node loss). */
    public SimulationSpec withTimeline(List<TimelineAction> actions) {
        return edit(b -> b.timeline = actions);
    }

    /** The same scenario with another seed and duration (command-line overrides). */
    public SimulationSpec with(long newSeed, long newDuration) {
        return edit(b -> {
            b.seed = newSeed;
            b.duration = newDuration;
        });
    }

    /** The same scenario with these entry points and network timings. */
    public SimulationSpec withTraffic(List<EntryPoint> entries, NetworkSpec net) {
        return edit(b -> {
            b.traffic = entries;
            b.network = net;
        });
    }

    /** The same scenario with other node-lifecycle settings. */
    public SimulationSpec withNodeLifecycle(NodeLifecycleConfig config) {
        return edit(b -> b.nodeLifecycle = config);
    }

    /** The same scenario with a cluster autoscaler (null: none). */
    public SimulationSpec withClusterAutoscaler(ClusterAutoscalerSpec autoscaler) {
        return edit(b -> b.clusterAutoscaler = autoscaler);
    }

    /** The same scenario with other HPA settings. */
    public SimulationSpec withHpa(HpaConfig config) {
        return edit(b -> b.hpa = config);
    }

    /** The same scenario with another image registry. */
    public SimulationSpec withRegistry(ImageRegistry images) {
        return edit(b -> b.registry = images);
    }

    /** The same scenario with readiness gates set by some controller. */
    public SimulationSpec withReadinessGates(List<ReadinessGateController.Gate> gates) {
        return edit(b -> b.readinessGates = gates);
    }

    /** The same scenario starting at another wall-clock time (seconds since the epoch). */
    public SimulationSpec withStartTime(long epochSeconds) {
        return edit(b -> b.startTime = epochSeconds);
    }

    /** The same scenario with other storage settings. */
    public SimulationSpec withStorage(StorageConfig config) {
        return edit(b -> b.storage = config);
    }

    /** The same scenario with these versions of workloads' applications. */
    public SimulationSpec withVersions(Map<String, List<io.kubesim.app.ApplicationVersion>> byWorkload) {
        return edit(b -> b.versions = byWorkload);
    }

    /** The same scenario with these AnalysisTemplate metric mappings. */
    public SimulationSpec withAnalysis(List<io.kubesim.api.AnalysisMeasure> measures) {
        return edit(b -> b.analysis = measures);
    }

    /** The same scenario with a warm-up (microseconds). */
    public SimulationSpec withWarmup(long micros) {
        return edit(b -> b.warmup = micros);
    }

    private SimulationSpec edit(java.util.function.Consumer<Parts> change) {
        Parts b = new Parts(this);
        change.accept(b);
        return b.build();
    }

    /** The components of a spec, to change a few and build another. */
    private static final class Parts {
        String name;
        long seed;
        long duration;
        long sampleInterval;
        List<NodePool> nodePools;
        List<Manifest> manifests;
        Map<String, ApplicationModel> applications;
        ApplicationModel defaultApplication;
        List<TimelineAction> timeline;
        List<EntryPoint> traffic;
        NetworkSpec network;
        NodeLifecycleConfig nodeLifecycle;
        ClusterAutoscalerSpec clusterAutoscaler;
        HpaConfig hpa;
        ImageRegistry registry;
        List<ReadinessGateController.Gate> readinessGates;
        long startTime;
        StorageConfig storage;
        long warmup;
        Map<String, List<io.kubesim.app.ApplicationVersion>> versions;
        List<io.kubesim.api.AnalysisMeasure> analysis;

        Parts(SimulationSpec s) {
            name = s.name;
            seed = s.seed;
            duration = s.duration;
            sampleInterval = s.sampleInterval;
            nodePools = s.nodePools;
            manifests = s.manifests;
            applications = s.applications;
            defaultApplication = s.defaultApplication;
            timeline = s.timeline;
            traffic = s.traffic;
            network = s.network;
            nodeLifecycle = s.nodeLifecycle;
            clusterAutoscaler = s.clusterAutoscaler;
            hpa = s.hpa;
            registry = s.registry;
            readinessGates = s.readinessGates;
            startTime = s.startTime;
            storage = s.storage;
            warmup = s.warmup;
            versions = s.versions;
            analysis = s.analysis;
        }

        SimulationSpec build() {
            return new SimulationSpec(name, seed, duration, sampleInterval, nodePools, manifests, applications,
                    defaultApplication, timeline, traffic, network, nodeLifecycle, clusterAutoscaler, hpa, registry,
                    readinessGates, startTime, storage, warmup, versions, analysis);
        }
    }
}
