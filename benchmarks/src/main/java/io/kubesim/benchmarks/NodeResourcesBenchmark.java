package io.kubesim.benchmarks;

import io.kubesim.api.Container;
import io.kubesim.api.DeploymentStrategy;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodSpec;
import io.kubesim.api.PodTemplate;
import io.kubesim.api.Resources;
import io.kubesim.app.ApplicationModel;
import io.kubesim.app.ResourceUsage;
import io.kubesim.engine.SimTime;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.NodePool;
import io.kubesim.sim.SimulationSpec;
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
 * What the kubelets' resource housekeeping costs: {@code nodes} nodes with about 30 pods each
 * (Deployments of 100 replicas, 3 per 10 nodes), no probes and no traffic, one
 * simulated hour sampled every 10 s. With {@code usage} "static" the pods use their requests;
 * with "dynamic" every pod leaks memory and bursts CPU, so every 10 s pass measures each
 * container, allocates each node's CPU and checks for OOM kills (no pod reaches its limit or
 * the node's threshold, so nothing else happens). The difference between the two is the cost of
 * usage that changes; the static run is mostly the housekeeping passes themselves.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests &&
 * java -jar benchmarks/target/benchmarks.jar NodeResourcesBenchmark -f 1 -wi 1 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class NodeResourcesBenchmark {
    static final int PODS_PER_NODE = 30;

    @Param({"100", "1000"})
    int nodes;

    @Param({"static", "dynamic"})
    String usage;

    private SimulationSpec spec;

    @Setup
    public void build() {
        int deployments = nodes * PODS_PER_NODE / 100;
        List<Manifest> manifests = new ArrayList<>();
        for (int i = 0; i < deployments; i++) {
            String name = "svc-" + i;
            Container c = new Container("app", "registry.example.com/" + name + ":1", Resources.of(100, 256L << 20),
                    Resources.of(500, 1L << 30), List.of(), null, null, null, null, false);
            PodTemplate t = new PodTemplate(Map.of("app", name), Map.of(), PodSpec.of(List.of(c)));
            manifests.add(new Manifest.DeploymentManifest("default", name, Map.of(), Map.of(),
                    LabelSelector.of(Map.of("app", name)), t, 100, DeploymentStrategy.DEFAULT_ROLLING, 0, 10, 600,
                    false, Manifest.Origin.UNKNOWN));
        }
        NodePool pool = new NodePool("p", nodes, Resources.of(8000, 32L << 30), 110, Map.of(), List.of(),
                List.of("a", "b", "c"));
        ResourceUsage dynamic = new ResourceUsage(0.05, 200L << 20, (100L << 20) / 3600.0,
                new ResourceUsage.Burst(SimTime.minutes(5), SimTime.minutes(10), SimTime.minutes(1), 0.2, 50L << 20));
        ApplicationModel app = usage.equals("dynamic") ? ApplicationModel.DEFAULT.withUsage(dynamic)
                : ApplicationModel.DEFAULT;
        spec = new SimulationSpec("node-resources", 1, SimTime.minutes(60), SimTime.seconds(10), List.of(pool),
                manifests, Map.of(), app, List.of());
    }

    @Benchmark
    public long run() {
        ClusterSimulation cluster = new ClusterSimulation(spec, ClusterSimulation.Options.streaming(e -> { }, null));
        cluster.run(spec.duration());
        return cluster.simulation().eventsProcessed();
    }
}
