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
 */
public record SimulationSpec(String name, long seed, long duration, long sampleInterval, List<NodePool> nodePools,
                             List<Manifest> manifests, Map<String, ApplicationModel> applications,
                             ApplicationModel defaultApplication, List<TimelineAction> timeline,
                             List<EntryPoint> traffic, NetworkSpec network, NodeLifecycleConfig nodeLifecycle,
                             ClusterAutoscalerSpec clusterAutoscaler, HpaConfig hpa, ImageRegistry registry,
                             List<ReadinessGateController.Gate> readinessGates, long startTime,
                             StorageConfig storage, long warmup) {
    /** The default {@code startTime}: 2026-01-01T00:00:00Z. */
    public static final long DEFAULT_START_TIME = 1_767_225_600L;

    /** A scenario starting at {@link #DEFAULT_START_TIME}, with the default storage settings. */
    public SimulationSpec(String name, long seed, long duration, long sampleInterval, List<NodePool> nodePools,
                          List<Manifest> manifests, Map<String, ApplicationModel> applications,
                          ApplicationModel defaultApplication, List<TimelineAction> timeline,
                          List<EntryPoint> traffic, NetworkSpec network, NodeLifecycleConfig nodeLifecycle,
                          ClusterAutoscalerSpec clusterAutoscaler, HpaConfig hpa, ImageRegistry registry,
                          List<ReadinessGateController.Gate> readinessGates) {
        this(name, seed, duration, sampleInterval, nodePools, manifests, applications, defaultApplication, timeline,
                traffic, network, nodeLifecycle, clusterAutoscaler, hpa, registry, readinessGates, DEFAULT_START_TIME,
                StorageConfig.DEFAULT);
    }

    /** A scenario without a warm-up (the signature before the scenario {@code warmup}). */
    public SimulationSpec(String name, long seed, long duration, long sampleInterval, List<NodePool> nodePools,
                          List<Manifest> manifests, Map<String, ApplicationModel> applications,
                          ApplicationModel defaultApplication, List<TimelineAction> timeline,
                          List<EntryPoint> traffic, NetworkSpec network, NodeLifecycleConfig nodeLifecycle,
                          ClusterAutoscalerSpec clusterAutoscaler, HpaConfig hpa, ImageRegistry registry,
                          List<ReadinessGateController.Gate> readinessGates, long startTime, StorageConfig storage) {
        this(name, seed, duration, sampleInterval, nodePools, manifests, applications, defaultApplication, timeline,
                traffic, network, nodeLifecycle, clusterAutoscaler, hpa, registry, readinessGates, startTime, storage, 0);
    }

    public SimulationSpec {
        storage = storage == null ? StorageConfig.DEFAULT : storage;
        registry = registry == null ? ImageRegistry.DEFAULT : registry;
        readinessGates = readinessGates == null ? List.of() : List.copyOf(readinessGates);
        nodePools = List.copyOf(nodePools);
        manifests = List.copyOf(manifests);
        applications = Collections2.sortedCopy(applications);
        timeline = List.copyOf(timeline);
        traffic = List.copyOf(traffic);
    }

    /** A scenario with the default storage back end. */
    public SimulationSpec(String name, long seed, long duration, long sampleInterval, List<NodePool> nodePools,
                          List<Manifest> manifests, Map<String, ApplicationModel> applications,
                          ApplicationModel defaultApplication, List<TimelineAction> timeline,
                          List<EntryPoint> traffic, NetworkSpec network, NodeLifecycleConfig nodeLifecycle,
                          ClusterAutoscalerSpec clusterAutoscaler, HpaConfig hpa, ImageRegistry registry,
                          List<ReadinessGateController.Gate> readinessGates, long startTime) {
        this(name, seed, duration, sampleInterval, nodePools, manifests, applications, defaultApplication, timeline,
                traffic, network, nodeLifecycle, clusterAutoscaler, hpa, registry, readinessGates, startTime,
                StorageConfig.DEFAULT);
    }

    /** A scenario starting at {@link #DEFAULT_START_TIME}. */
    public SimulationSpec(String name, long seed, long duration, long sampleInterval, List<NodePool> nodePools,
                          List<Manifest> manifests, Map<String, ApplicationModel> applications,
                          ApplicationModel defaultApplication, List<TimelineAction> timeline,
                          List<EntryPoint> traffic, NetworkSpec network, NodeLifecycleConfig nodeLifecycle,
                          ClusterAutoscalerSpec clusterAutoscaler, HpaConfig hpa, ImageRegistry registry,
                          List<ReadinessGateController.Gate> readinessGates, StorageConfig storage) {
        this(name, seed, duration, sampleInterval, nodePools, manifests, applications, defaultApplication, timeline,
                traffic, network, nodeLifecycle, clusterAutoscaler, hpa, registry, readinessGates, DEFAULT_START_TIME,
                storage);
    }

    /** A scenario whose images all pull, with no readiness gate set by any controller. */
    public SimulationSpec(String name, long seed, long duration, long sampleInterval, List<NodePool> nodePools,
                          List<Manifest> manifests, Map<String, ApplicationModel> applications,
                          ApplicationModel defaultApplication, List<TimelineAction> timeline,
                          List<EntryPoint> traffic, NetworkSpec network, NodeLifecycleConfig nodeLifecycle,
                          ClusterAutoscalerSpec clusterAutoscaler, HpaConfig hpa) {
        this(name, seed, duration, sampleInterval, nodePools, manifests, applications, defaultApplication, timeline,
                traffic, network, nodeLifecycle, clusterAutoscaler, hpa, ImageRegistry.DEFAULT, List.of());
    }

    /** A scenario without a cluster autoscaler, with the default HPA settings. */
    public SimulationSpec(String name, long seed, long duration, long sampleInterval, List<NodePool> nodePools,
                          List<Manifest> manifests, Map<String, ApplicationModel> applications,
                          ApplicationModel defaultApplication, List<TimelineAction> timeline,
                          List<EntryPoint> traffic, NetworkSpec network, NodeLifecycleConfig nodeLifecycle) {
        this(name, seed, duration, sampleInterval, nodePools, manifests, applications, defaultApplication, timeline,
                traffic, network, nodeLifecycle, null, HpaConfig.DEFAULTS);
    }

    /** A scenario with the default node-lifecycle settings. */
    public SimulationSpec(String name, long seed, long duration, long sampleInterval, List<NodePool> nodePools,
                          List<Manifest> manifests, Map<String, ApplicationModel> applications,
                          ApplicationModel defaultApplication, List<TimelineAction> timeline,
                          List<EntryPoint> traffic, NetworkSpec network) {
        this(name, seed, duration, sampleInterval, nodePools, manifests, applications, defaultApplication, timeline,
                traffic, network, NodeLifecycleConfig.DEFAULT);
    }

    /** A scenario without traffic, with the default network timings. */
    public SimulationSpec(String name, long seed, long duration, long sampleInterval, List<NodePool> nodePools,
                          List<Manifest> manifests, Map<String, ApplicationModel> applications,
                          ApplicationModel defaultApplication, List<TimelineAction> timeline) {
        this(name, seed, duration, sampleInterval, nodePools, manifests, applications, defaultApplication, timeline,
                List.of(), NetworkSpec.DEFAULT);
    }

    /** The same scenario on other node pools (the capacity planner's sizes and shapes). */
    public SimulationSpec withNodePools(List<NodePool> pools) {
        return new SimulationSpec(name, seed, duration, sampleInterval, pools, manifests, applications,
                defaultApplication, timeline, traffic, network, nodeLifecycle, clusterAutoscaler, hpa, registry,
                readinessGates, startTime, storage, warmup);
    }

    /** The same scenario with another timeline (the capacity planner adds a node loss). */
    public SimulationSpec withTimeline(List<TimelineAction> actions) {
        return new SimulationSpec(name, seed, duration, sampleInterval, nodePools, manifests, applications,
                defaultApplication, actions, traffic, network, nodeLifecycle, clusterAutoscaler, hpa, registry,
                readinessGates, startTime, storage, warmup);
    }

    /** The same scenario with another seed and duration (command-line overrides). */
    public SimulationSpec with(long newSeed, long newDuration) {
        return new SimulationSpec(name, newSeed, newDuration, sampleInterval, nodePools, manifests, applications,
                defaultApplication, timeline, traffic, network, nodeLifecycle, clusterAutoscaler, hpa, registry,
                readinessGates, startTime, storage, warmup);
    }
}
