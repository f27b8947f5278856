package io.kubesim.controllers.statefulset;

import io.kubesim.api.DeploymentStrategy;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.PersistentVolumeClaimRetentionPolicy;
import io.kubesim.api.PodManagementPolicy;
import io.kubesim.api.PodTemplate;
import io.kubesim.api.Probe;
import io.kubesim.api.Resources;
import io.kubesim.api.StatefulSetUpdateStrategy;
import io.kubesim.app.ApplicationModel;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.StatefulSet;
import io.kubesim.cluster.WatchEventType;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import io.kubesim.kubelet.ImageRegistry;
import io.kubesim.metrics.ClusterEvent;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.NodePool;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.sim.TimelineAction;
import io.kubesim.testing.Fixtures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small cluster running StatefulSets (and Deployments to compare with), built fluently for the
 * StatefulSet tests: {@code new StatefulSetRun().set(web(3)).timeline(...).run(minutes(5))}.
 * Every pod removal from the store is logged with its time.
 */
final class StatefulSetRun {
    /** A pod object leaving the API (the final removal, not the start of a graceful delete). */
    record Removal(long time, String pod) {
    }

    private final List<Manifest> manifests = new ArrayList<>();
    private final List<TimelineAction> timeline = new ArrayList<>();
    private final Map<String, ApplicationModel> applications = new LinkedHashMap<>();
    private int nodes = 3;
    private long seed = 1;
    private final Map<String, ImageRegistry.ImageFault> faults = new LinkedHashMap<>();
    private ClusterSimulation sim;
    final List<Removal> removals = new ArrayList<>();

    /** A StatefulSet manifest being built. */
    static final class SetBuilder {
        private final String name;
        private final int replicas;
        private PodManagementPolicy policy = PodManagementPolicy.ORDERED_READY;
        private StatefulSetUpdateStrategy strategy = StatefulSetUpdateStrategy.DEFAULT;
        private int minReadySeconds;
        private int history = Manifest.StatefulSetManifest.DEFAULT_REVISION_HISTORY_LIMIT;
        private boolean readinessProbe;

        SetBuilder(String name, int replicas) {
            this.name = name;
            this.replicas = replicas;
        }

        SetBuilder parallel() {
            policy = PodManagementPolicy.PARALLEL;
            return this;
        }

        SetBuilder strategy(StatefulSetUpdateStrategy s) {
            strategy = s;
            return this;
        }

        SetBuilder minReadySeconds(int s) {
            minReadySeconds = s;
            return this;
        }

        SetBuilder revisionHistoryLimit(int n) {
            history = n;
            return this;
        }

        /** A readiness probe: the pod is Ready only once the application answers (after its start-up time). */
        SetBuilder readinessProbe() {
            readinessProbe = true;
            return this;
        }

        Manifest.StatefulSetManifest build() {
            var c = Fixtures.container("app").image("db:1").cpu("100m").memory("64Mi");
            if (readinessProbe) {
                c.readinessProbe(new Probe("tcpSocket :5432", 0, 2, 1, 1, 3, null));
            }
            PodTemplate t = Fixtures.pod(name).label("app", name).container(c).template();
            return new Manifest.StatefulSetManifest("default", name, Map.of(), Map.of(),
                    LabelSelector.of(Map.of("app", name)), t, replicas, policy, strategy, minReadySeconds, history,
                    name, 0, PersistentVolumeClaimRetentionPolicy.RETAIN, List.of(), Manifest.Origin.UNKNOWN);
        }
    }

    static SetBuilder set(String name, int replicas) {
        return new SetBuilder(name, replicas);
    }

    StatefulSetRun with(SetBuilder s) {
        manifests.add(s.build());
        return this;
    }

    /** A Deployment with the same pod, to compare with. */
    StatefulSetRun deployment(String name, int replicas) {
        PodTemplate t = Fixtures.pod(name).label("app", name)
                .container(Fixtures.container("app").image("web:1").cpu("100m").memory("64Mi")).template();
        manifests.add(new Manifest.DeploymentManifest("default", name, Map.of(), Map.of(),
                LabelSelector.of(Map.of("app", name)), t, replicas, DeploymentStrategy.DEFAULT_ROLLING, 0, 10, 600,
                false, Manifest.Origin.UNKNOWN));
        return this;
    }

    /** Any other object of the input (a PodDisruptionBudget ...). */
    StatefulSetRun manifest(Manifest m) {
        manifests.add(m);
        return this;
    }

    /** The application of a workload starts (answers its probes) only after {@code startup}. */
    StatefulSetRun startup(String workload, long startup) {
        applications.put(workload, ApplicationModel.DEFAULT.withStartupTime(new DurationDistribution.Constant(startup)));
        return this;
    }

    /** Every pull of this image fails: the registry answers 404. */
    StatefulSetRun missingImage(String image) {
        faults.put(image, ImageRegistry.ImageFault.always(ImageRegistry.PullError.NOT_FOUND));
        return this;
    }

    StatefulSetRun nodes(int n) {
        nodes = n;
        return this;
    }

    StatefulSetRun seed(long s) {
        seed = s;
        return this;
    }

    StatefulSetRun action(TimelineAction a) {
        timeline.add(a);
        return this;
    }

    /** {@code rollout: {statefulset: NAME, images: {app: IMAGE}}} at {@code time}. */
    StatefulSetRun rollout(long time, String set, String image) {
        timeline.add(new TimelineAction.Rollout(time, set, Map.of("app", image), TimelineAction.Rollout.STATEFUL_SET));
        return this;
    }

    ClusterSimulation start() {
        if (sim == null) {
            NodePool pool = new NodePool("n", nodes, Resources.of(8000, 32L << 30), 110, Map.of(), List.of(),
                    List.of("a", "b", "c"));
            SimulationSpec spec = new SimulationSpec("statefulset", seed, SimTime.minutes(60), SimTime.seconds(10),
                    List.of(pool), manifests, applications, ApplicationModel.DEFAULT, timeline)
                    .withRegistry(new ImageRegistry(ImageRegistry.DEFAULT_MANIFEST_ROUND_TRIP, faults));
            sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
            sim.store().pods().observe((type, p) -> {
                if (type == WatchEventType.DELETED) {
                    removals.add(new Removal(sim.simulation().now(), p.name()));
                }
            });
        }
        return sim;
    }

    StatefulSetRun runTo(long time) {
        start().run(time);
        return this;
    }

    StatefulSet statefulSet(String name) {
        return start().store().statefulSets().get("default", name);
    }

    Pod pod(String name) {
        return start().store().pods().get("default", name);
    }

    /** The events with this reason, in order. */
    List<ClusterEvent> events(String reason) {
        return start().events().events().stream().filter(e -> e.reason().equals(reason)).toList();
    }

    /** The pod names in the messages of the StatefulSet controller's events with this reason, in order. */
    List<String> podsIn(String reason) {
        return events(reason).stream().filter(e -> e.source().equals(StatefulSetController.SOURCE))
                .map(e -> e.message().split(" ")[2]).toList();
    }

    /** When the named pod object was last removed from the API; -1 if never. */
    long removedAt(String pod) {
        long t = -1;
        for (Removal r : removals) {
            if (r.pod().equals(pod)) {
                t = r.time();
            }
        }
        return t;
    }

    /** The first StatefulSet's entry in the run's workloads section. */
    static io.kubesim.metrics.WorkloadStatus status(io.kubesim.sim.ClusterSimulation sim) {
        return sim.result().workloads().stream().filter(w -> w.kind().equals("StatefulSet")).findFirst()
                .orElseThrow();
    }
}
