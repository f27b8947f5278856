package io.kubesim.benchmarks;

import io.kubesim.api.Container;
import io.kubesim.api.DeploymentStrategy;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodSpec;
import io.kubesim.api.PodTemplate;
import io.kubesim.api.Resources;
import io.kubesim.app.ApplicationModel;
import io.kubesim.autoscaler.ClusterAutoscalerConfig;
import io.kubesim.engine.SimTime;
import io.kubesim.sim.ClusterAutoscalerSpec;
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
 * What the cluster autoscaler costs: one autoscaled pool of {@code nodes} nodes (8 cpu, 32 GiB,
 * three zones) with about 30 pods each (Deployments of 100 replicas, 100m cpu each, so every
 * node sits at 37.5 % cpu, under the 0.5 scale-down threshold), no probes and no traffic, 30
 * simulated minutes (180 scans at the default 10 s interval).
 *
 * <p>{@code regime} "steady": nothing pending; the pool's minimum is its size, so no node is ever
 * removed, but every scan simulates the scale-down of every node (all are under the threshold):
 * the scale-down planner's worst case. "burst": at 5 min a Deployment of 300 pods of 6 cpu each is
 * created; no node has room for one, the template node holds one, so each scan binpacks the
 * pending pods; the pool may grow by 50 nodes only, so about 250 stay pending to the end and
 * every later scan repeats the scale-up estimate. {@code autoscaler} "off" runs the same cluster without the
 * autoscaler (the pool is then not autoscaled), for subtracting.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests &&
 * java -jar benchmarks/target/benchmarks.jar ClusterAutoscalerBenchmark -f 1 -wi 1 -i 2}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@Fork(1)
public class ClusterAutoscalerBenchmark {
    static final int PODS_PER_NODE = 30;
    static final int BURST_PODS = 300;
    static final int HEADROOM = 50;

    @Param({"100", "1000"})
    int nodes;

    @Param({"steady", "burst"})
    String regime;

    @Param({"on", "off"})
    String autoscaler;

    private SimulationSpec spec;

    @Setup
    public void build() {
        int deployments = nodes * PODS_PER_NODE / 100;
        List<Manifest> manifests = new ArrayList<>();
        for (int i = 0; i < deployments; i++) {
            manifests.add(deployment("svc-" + i, 100, 100));
        }
        List<TimelineAction> timeline = new ArrayList<>();
        if (regime.equals("burst")) {
            manifests.add(deployment("burst", 6000, 0));
            timeline.add(new TimelineAction.Scale(SimTime.minutes(5), "burst", BURST_PODS));
        }
        NodePool pool = new NodePool("p", nodes, Resources.of(8000, 32L << 30), 110, Map.of(), List.of(),
                List.of("a", "b", "c"), SimTime.seconds(90));
        ClusterAutoscalerSpec ca = autoscaler.equals("on")
                ? new ClusterAutoscalerSpec(ClusterAutoscalerConfig.DEFAULT,
                        Map.of("p", new ClusterAutoscalerSpec.Bounds(nodes, nodes + HEADROOM)))
                : null;
        spec = new SimulationSpec("cluster-autoscaler", 1, SimTime.minutes(30), SimTime.seconds(60), List.of(pool),
                manifests, Map.of(), ApplicationModel.DEFAULT, timeline).withClusterAutoscaler(ca);
    }

    static Manifest deployment(String name, int cpuMillis, int replicas) {
        Container c = new Container("app", "registry.example.com/" + name + ":1", Resources.of(cpuMillis, 256L << 20),
                Resources.of(cpuMillis, 1L << 30), List.of(), null, null, null, null, false);
        PodTemplate t = new PodTemplate(Map.of("app", name), Map.of(), PodSpec.of(List.of(c)));
        return new Manifest.DeploymentManifest("default", name, Map.of(), Map.of(),
                LabelSelector.of(Map.of("app", name)), t, replicas, DeploymentStrategy.DEFAULT_ROLLING, 0, 10, 600,
                false, Manifest.Origin.UNKNOWN);
    }

    @Benchmark
    public long run() {
        ClusterSimulation cluster = new ClusterSimulation(spec, ClusterSimulation.Options.streaming(e -> { }, null));
        cluster.run(spec.duration());
        return cluster.simulation().eventsProcessed();
    }
}
