package io.kubesim.benchmarks;

import io.kubesim.api.Manifest;
import io.kubesim.api.Resources;
import io.kubesim.app.ApplicationModel;
import io.kubesim.engine.SimTime;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.NodePool;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.sim.TimelineAction;
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
 * Wall time of a rollout whose surge does not fit: one Deployment of {@code replicas} pods (100m
 * cpu, {@link ClusterAutoscalerBenchmark#deployment}) on {@code nodes} nodes of 110 pods, rolled out
 * at minute 5 with the default 25 % surge, 10 simulated minutes. The surge pods that find no room
 * wait, and every pod the rollout deletes sends them back through a scheduling cycle that fails
 * and runs preemption over every node (all pods at one priority, so no node has a victim). The
 * score is seconds per run.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests &&
 * java -jar benchmarks/target/benchmarks.jar PendingPodsBenchmark -f 1 -wi 1 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class PendingPodsBenchmark {
    @Param({"100:10000"})
    String nodesAndReplicas;

    private SimulationSpec spec;

    @Setup
    public void build() {
        String[] p = nodesAndReplicas.split(":");
        int nodes = Integer.parseInt(p[0]);
        int replicas = Integer.parseInt(p[1]);
        Manifest d = ClusterAutoscalerBenchmark.deployment("web", 100, replicas);
        NodePool pool = new NodePool("p", nodes, Resources.of(64_000, 256L << 30), 110, Map.of(), List.of(),
                List.of("a", "b", "c"));
        spec = new SimulationSpec("pending-pods", 1, SimTime.minutes(10), SimTime.seconds(10), List.of(pool),
                List.of(d), Map.of(), ApplicationModel.DEFAULT,
                List.of(new TimelineAction.Rollout(SimTime.minutes(5), "web", Map.of())));
    }

    /** One run; returns the engine's event count, so nothing is optimised away. */
    @Benchmark
    public long run() {
        ClusterSimulation cluster = new ClusterSimulation(spec, ClusterSimulation.Options.streaming(e -> { }, null));
        cluster.run(spec.duration());
        return cluster.simulation().eventsProcessed();
    }
}
