package io.kubesim.benchmarks;

import io.kubesim.api.Container;
import io.kubesim.api.JobSpec;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodSpec;
import io.kubesim.api.PodTemplate;
import io.kubesim.api.Resources;
import io.kubesim.app.ApplicationModel;
import io.kubesim.engine.DurationDistribution;
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
 * Wall time of a large batch run: one Indexed Job of {@code completions} pods, 500 at a time, on
 * 50 nodes of 32 cpu, each pod running about 30 s (lognormal, p99 90 s), sampled every 10 s, for
 * long enough that every index succeeds (the run checks that it did). The succeeded pods stay stored, as they do in a cluster, so what this
 * shows is whether a sync and a sample cost what the running pods cost or what every pod the Job
 * ever had costs: compare the score per completion across {@code completions}.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests &&
 * java -jar benchmarks/target/benchmarks.jar JobBenchmark -f 1 -wi 1 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class JobBenchmark {
    @Param({"10000", "40000"})
    int completions;

    private SimulationSpec spec;

    @Setup
    public void build() {
        PodTemplate t = batchTemplate("registry.example.com/batch:1", Resources.of(100, 64L << 20));
        JobSpec job = new JobSpec(500, completions, true, JobSpec.DEFAULT_BACKOFF_LIMIT, null, null, false, false, t);
        Manifest m = new Manifest.JobManifest("default", "batch", Map.of(), Map.of(), job, Manifest.Origin.UNKNOWN);
        NodePool pool = new NodePool("p", 50, Resources.of(32_000, 128L << 30), 110, Map.of(), List.of(),
                List.of("a", "b", "c"));
        ApplicationModel app = ApplicationModel.DEFAULT.withRunTime(
                new DurationDistribution.LogNormal(SimTime.seconds(30), SimTime.seconds(90)), 0);
        long duration = SimTime.seconds(completions / 500 * 60L + 600);
        spec = new SimulationSpec("job-run", 1, duration, SimTime.seconds(10), List.of(pool), List.of(m), Map.of(),
                app, List.of());
    }

    /** A batch pod: one container of {@code image} with {@code requests}, restartPolicy Never. */
    static PodTemplate batchTemplate(String image, Resources requests) {
        Container c = new Container("work", image, requests, Resources.NONE, List.of(), null, null, null, null, false);
        PodSpec pod = new PodSpec(List.of(c), List.of(), Map.of(), io.kubesim.api.Affinity.NONE, List.of(),
                List.of(), "", null, false, 30, "", "", "Never", Resources.NONE, false);
        return new PodTemplate(Map.of("app", "batch"), Map.of(), pod);
    }

    /** One run; returns the pods that succeeded, which the run checks is every completion. */
    @Benchmark
    public long run() {
        ClusterSimulation cluster = new ClusterSimulation(spec, ClusterSimulation.Options.streaming(e -> { }, null));
        cluster.run(spec.duration());
        long succeeded = cluster.store().jobs().list().iterator().next().succeeded();
        if (succeeded != completions) {
            throw new IllegalStateException("succeeded " + succeeded + " of " + completions);
        }
        return succeeded;
    }
}
