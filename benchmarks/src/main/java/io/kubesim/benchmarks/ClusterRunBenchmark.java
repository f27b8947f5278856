package io.kubesim.benchmarks;

import io.kubesim.api.Container;
import io.kubesim.api.DeploymentStrategy;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodSpec;
import io.kubesim.api.PodTemplate;
import io.kubesim.api.Probe;
import io.kubesim.api.Resources;
import io.kubesim.app.ApplicationModel;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.NodePool;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.sim.TimelineAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Wall time of a whole run: {@code deployments} Deployments of 100 replicas (100m, 128Mi, a
 * readiness probe every 5 s) on {@code nodes} nodes in three zones, 30 simulated minutes, every
 * Deployment rolled out once from minute 5. Everything runs: scheduler (with system default
 * spreading, as for any Deployment pod), kubelets and probes, controllers, sampling every 10 s.
 * The score is seconds per run; how it grows with nodes and pods is the point.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests &&
 * java -jar benchmarks/target/benchmarks.jar ClusterRunBenchmark -f 1 -wi 1 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class ClusterRunBenchmark {
    @Param({"100:10", "500:50"})
    String nodesAndDeployments;

    private SimulationSpec spec;

    @Setup
    public void build() {
        String[] p = nodesAndDeployments.split(":");
        int nodes = Integer.parseInt(p[0]);
        int deployments = Integer.parseInt(p[1]);
        List<Manifest> manifests = new ArrayList<>();
        List<TimelineAction> timeline = new ArrayList<>();
        Probe readiness = new Probe("httpGet :8080/", 0, 5, 1, 1, 3, null);
        for (int i = 0; i < deployments; i++) {
            String name = "svc-" + i;
            Container c = new Container("app", "registry.example.com/" + name + ":1", Resources.of(100, 128L << 20),
                    Resources.NONE, List.of(), null, readiness, null, null, false);
            PodTemplate t = new PodTemplate(Map.of("app", name), Map.of(), PodSpec.of(List.of(c)));
            manifests.add(new Manifest.DeploymentManifest("default", name, Map.of(), Map.of(),
                    LabelSelector.of(Map.of("app", name)), t, 100, DeploymentStrategy.DEFAULT_ROLLING, 0, 10, 600,
                    false, Manifest.Origin.UNKNOWN));
            timeline.add(new TimelineAction.Rollout(SimTime.minutes(5 + i / 5), name, Map.of()));
        }
        NodePool pool = new NodePool("p", nodes, Resources.of(8000, 32L << 30), 110, Map.of(), List.of(),
                List.of("a", "b", "c"));
        ApplicationModel app = ApplicationModel.DEFAULT.withStartupTime(
                new DurationDistribution.LogNormal(SimTime.seconds(4), SimTime.seconds(15)));
        spec = new SimulationSpec("cluster-run", 1, SimTime.minutes(30), SimTime.seconds(10), List.of(pool),
                manifests, Map.of(), app, timeline);
    }

    @Benchmark
    public long run() {
        ClusterSimulation cluster = new ClusterSimulation(spec, ClusterSimulation.Options.streaming(e -> { }, null));
        cluster.run(spec.duration());
        return cluster.simulation().eventsProcessed();
    }
}
