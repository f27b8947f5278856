package io.kubesim.benchmarks;

import io.kubesim.api.Container;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.PersistentVolumeClaimRetentionPolicy;
import io.kubesim.api.PodManagementPolicy;
import io.kubesim.api.PodSpec;
import io.kubesim.api.PodTemplate;
import io.kubesim.api.Resources;
import io.kubesim.api.StatefulSetUpdateStrategy;
import io.kubesim.app.ApplicationModel;
import io.kubesim.engine.SimTime;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.NodePool;
import io.kubesim.sim.SimulationSpec;
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
 * Wall time of one large StatefulSet coming up: {@code replicas} pods under Parallel management on
 * {@code replicas / 100} nodes of 64 cpu, 10 simulated minutes (the run checks that every replica
 * ended available). The controller syncs at about every pod event, so this shows whether a sync
 * costs what changed or what the set holds: compare the score per replica across {@code replicas}.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests &&
 * java -jar benchmarks/target/benchmarks.jar StatefulSetBenchmark -f 1 -wi 1 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class StatefulSetBenchmark {
    @Param({"5000", "20000"})
    int replicas;

    private SimulationSpec spec;

    @Setup
    public void build() {
        Container c = new Container("app", "registry.example.com/store:1", Resources.of(100, 64L << 20),
                Resources.NONE, List.of(), null, null, null, null, false);
        PodSpec pod = new PodSpec(List.of(c), List.of(), Map.of(), io.kubesim.api.Affinity.NONE, List.of(),
                List.of(), "", null, false, 30, "", "", "Always", Resources.NONE, false);
        PodTemplate t = new PodTemplate(Map.of("app", "store"), Map.of(), pod);
        Manifest set = new Manifest.StatefulSetManifest("default", "store", Map.of(), Map.of(),
                LabelSelector.of(Map.of("app", "store")), t, replicas, PodManagementPolicy.PARALLEL,
                StatefulSetUpdateStrategy.DEFAULT, 0, Manifest.StatefulSetManifest.DEFAULT_REVISION_HISTORY_LIMIT,
                "store", 0, PersistentVolumeClaimRetentionPolicy.RETAIN, List.of(), Manifest.Origin.UNKNOWN);
        NodePool pool = new NodePool("p", replicas / 100, Resources.of(64_000, 256L << 30), 110, Map.of(), List.of(),
                List.of("a", "b", "c"));
        spec = new SimulationSpec("statefulset-run", 1, SimTime.minutes(10), SimTime.seconds(10), List.of(pool),
                List.of(set), Map.of(), ApplicationModel.DEFAULT, List.of());
    }

    /** One run; returns the available replicas, which the run checks is all of them. */
    @Benchmark
    public long run() {
        ClusterSimulation cluster = new ClusterSimulation(spec, ClusterSimulation.Options.streaming(e -> { }, null));
        cluster.run(spec.duration());
        int available = cluster.store().statefulSets().list().iterator().next().availableReplicas();
        if (available != replicas) {
            throw new IllegalStateException("available " + available + " of " + replicas);
        }
        return available;
    }
}
