package io.kubesim.benchmarks;

import io.kubesim.api.HpaMetric;
import io.kubesim.api.Manifest;
import io.kubesim.api.Resources;
import io.kubesim.app.ApplicationModel;
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
 * What the HPA controller and metrics-server cost: {@code hpas} Deployments of 3 replicas (100m
 * cpu each, 30 pods per node of 8 cpu), each with an autoscaling/v2 HPA (cpu at 80 %, 2..6
 * replicas, no behavior), no probes and no traffic, 30 simulated minutes: 120 syncs of every HPA
 * at the default 15 s period. The pods use the default usage, far under the target, so each HPA
 * scales its Deployment from 3 to 2 once (after the 5 min downscale stabilization) and then holds.
 * {@code hpa} "off" is the same cluster without the HPAs, for subtracting.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests &&
 * java -jar benchmarks/target/benchmarks.jar HorizontalPodAutoscalerBenchmark -f 1 -wi 1 -i 2}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@Fork(1)
public class HorizontalPodAutoscalerBenchmark {
    static final int REPLICAS = 3;

    @Param({"10", "100", "1000"})
    int hpas;

    @Param({"on", "off"})
    String hpa;

    private SimulationSpec spec;

    @Setup
    public void build() {
        List<Manifest> manifests = new ArrayList<>();
        for (int i = 0; i < hpas; i++) {
            String name = "svc-" + i;
            manifests.add(ClusterAutoscalerBenchmark.deployment(name, 100, REPLICAS));
            if (hpa.equals("on")) {
                manifests.add(new Manifest.HorizontalPodAutoscalerManifest("default", name, "Deployment", name, 2, 6,
                        List.of(HpaMetric.DEFAULT_CPU), null, null, Manifest.Origin.UNKNOWN));
            }
        }
        int nodes = Math.max(3, hpas * REPLICAS / 30);
        NodePool pool = new NodePool("p", nodes, Resources.of(8000, 32L << 30), 110, Map.of(), List.of(),
                List.of("a", "b", "c"));
        spec = new SimulationSpec("hpa", 1, SimTime.minutes(30), SimTime.seconds(60), List.of(pool), manifests,
                Map.of(), ApplicationModel.DEFAULT, List.of());
    }

    @Benchmark
    public long run() {
        ClusterSimulation cluster = new ClusterSimulation(spec, ClusterSimulation.Options.streaming(e -> { }, null));
        cluster.run(spec.duration());
        return cluster.simulation().eventsProcessed();
    }
}
