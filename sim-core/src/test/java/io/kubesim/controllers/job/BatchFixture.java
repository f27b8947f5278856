package io.kubesim.controllers.job;

import io.kubesim.api.Affinity;
import io.kubesim.api.Container;
import io.kubesim.api.CronJobSpec;
import io.kubesim.api.JobSpec;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodSpec;
import io.kubesim.api.PodTemplate;
import io.kubesim.api.Resources;
import io.kubesim.app.ApplicationModel;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodPhase;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.ClusterEvent;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.NodePool;
import io.kubesim.sim.SimulationSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds small clusters running Jobs and CronJobs, and reads back what happened to them. */
final class BatchFixture {
    private BatchFixture() {
    }

    /** A pod template with one 100m container and the given restartPolicy. */
    static PodTemplate template(String restartPolicy) {
        Container c = new Container("work", "batch:1", Resources.of(100, 64L << 20), Resources.NONE, List.of(),
                null, null, null, null, false);
        PodSpec spec = new PodSpec(List.of(c), List.of(), Map.of(), Affinity.NONE, List.of(), List.of(), "", null,
                false, 30, "", "", restartPolicy, Resources.NONE, false);
        return new PodTemplate(Map.of("app", "batch"), Map.of(), spec);
    }

    static JobSpec job(int parallelism, Integer completions) {
        return new JobSpec(parallelism, completions, false, JobSpec.DEFAULT_BACKOFF_LIMIT, null, null, false, false,
                template("Never"));
    }

    static Manifest.JobManifest jobManifest(String name, JobSpec spec) {
        return new Manifest.JobManifest("default", name, Map.of(), Map.of(), spec, Manifest.Origin.UNKNOWN);
    }

    static CronJobSpec cron(String schedule, String policy, Long startingDeadline, JobSpec job) {
        return new CronJobSpec(schedule, "", policy, startingDeadline, false,
                CronJobSpec.DEFAULT_SUCCESSFUL_JOBS_HISTORY_LIMIT, CronJobSpec.DEFAULT_FAILED_JOBS_HISTORY_LIMIT,
                Map.of(), Map.of(), job);
    }

    static Manifest.CronJobManifest cronManifest(String name, CronJobSpec spec) {
        return new Manifest.CronJobManifest("default", name, Map.of(), Map.of(), spec, Manifest.Origin.UNKNOWN);
    }

    /** The default application with containers that run {@code runSeconds} and fail with {@code p}. */
    static ApplicationModel runs(long runSeconds, double p) {
        return ApplicationModel.DEFAULT.withRunTime(new DurationDistribution.Constant(SimTime.seconds(runSeconds)), p);
    }

    /** A run: the simulation, and each pod's finish time as the store saw its phase turn terminal. */
    static final class Run {
        final ClusterSimulation sim;
        final Map<String, Long> finished = new LinkedHashMap<>();
        final Map<String, PodPhase> phases = new LinkedHashMap<>();

        Run(ClusterSimulation sim) {
            this.sim = sim;
            sim.store().pods().observe((type, p) -> {
                if (p.isTerminal() && !finished.containsKey(p.name())) {
                    finished.put(p.name(), sim.simulation().now());
                    phases.put(p.name(), p.phase());
                }
            });
        }

        /** Events with this reason, in order. */
        List<ClusterEvent> events(String reason) {
            List<ClusterEvent> out = new ArrayList<>();
            for (ClusterEvent e : sim.events().events()) {
                if (e.reason().equals(reason)) {
                    out.add(e);
                }
            }
            return out;
        }

        /** Times of this event reason, in seconds. */
        List<Double> times(String reason) {
            return events(reason).stream().map(e -> SimTime.toSeconds(e.time())).toList();
        }

        List<Pod> pods() {
            return new ArrayList<>(sim.store().pods().list());
        }
    }

    /** Runs the manifests on {@code nodes} nodes of 4 CPU for {@code seconds}. */
    static Run run(List<Manifest> manifests, ApplicationModel app, int nodes, long seconds) {
        return run(manifests, app, nodes, seconds, SimulationSpec.DEFAULT_START_TIME);
    }

    static Run run(List<Manifest> manifests, ApplicationModel app, int nodes, long seconds, long startTime) {
        return run(manifests, Map.of(), app, nodes, seconds, startTime);
    }

    /** As above, with application models by workload name. */
    static Run run(List<Manifest> manifests, Map<String, ApplicationModel> apps, ApplicationModel app, int nodes,
                   long seconds, long startTime) {
        return run(manifests, apps, app, nodes, seconds, startTime, r -> { });
    }

    /** As above; {@code before} may schedule actions on the built simulation before it runs. */
    static Run run(List<Manifest> manifests, Map<String, ApplicationModel> apps, ApplicationModel app, int nodes,
                   long seconds, long startTime, java.util.function.Consumer<Run> before) {
        List<NodePool> pools = List.of(new NodePool("pool", nodes, Resources.of(4000, 16L << 30), 110, Map.of(),
                List.of(), List.of()));
        SimulationSpec base = new SimulationSpec("batch", 1, SimTime.seconds(seconds), SimTime.seconds(10), pools,
                manifests, apps, app, List.of());
        SimulationSpec spec = base.withStartTime(startTime);
        Run r = new Run(new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY));
        before.accept(r);
        r.sim.run(spec.duration());
        return r;
    }
}
