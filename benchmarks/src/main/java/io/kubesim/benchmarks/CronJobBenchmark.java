package io.kubesim.benchmarks;

import io.kubesim.api.CronJobSpec;
import io.kubesim.api.JobSpec;
import io.kubesim.api.Manifest;
import io.kubesim.api.Resources;
import io.kubesim.app.ApplicationModel;
import io.kubesim.engine.DurationDistribution;
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
 * Wall time of a day of scheduled batch: 100 CronJobs every two minutes (each Job one pod of
 * about 20 s) on 10 nodes, sampled every 30 s, for {@code hours} simulated hours. The finished Jobs
 * beyond each CronJob's history limit are deleted, but the controllers remember each for the
 * summary: compare the score per hour across {@code hours} to see whether a sample costs what the
 * running Jobs cost or what every Job ever started costs.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests &&
 * java -jar benchmarks/target/benchmarks.jar CronJobBenchmark -f 1 -wi 1 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class CronJobBenchmark {
    @Param({"3", "12"})
    int hours;

    private SimulationSpec spec;

    @Setup
    public void build() {
        JobSpec job = new JobSpec(1, 1, false, JobSpec.DEFAULT_BACKOFF_LIMIT, null, null, false, false,
                JobBenchmark.batchTemplate("registry.example.com/cron:1", Resources.of(50, 32L << 20)));
        List<Manifest> manifests = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            CronJobSpec cron = new CronJobSpec("*/2 * * * *", "", "Allow", null, false,
                    CronJobSpec.DEFAULT_SUCCESSFUL_JOBS_HISTORY_LIMIT, CronJobSpec.DEFAULT_FAILED_JOBS_HISTORY_LIMIT,
                    Map.of(), Map.of(), job);
            manifests.add(new Manifest.CronJobManifest("default", "cj-" + i, Map.of(), Map.of(), cron,
                    Manifest.Origin.UNKNOWN));
        }
        NodePool pool = new NodePool("p", 10, Resources.of(32_000, 128L << 30), 110, Map.of(), List.of(),
                List.of("a", "b", "c"));
        ApplicationModel app = ApplicationModel.DEFAULT.withRunTime(
                new DurationDistribution.LogNormal(SimTime.seconds(20), SimTime.seconds(60)), 0);
        spec = new SimulationSpec("cron-run", 1, SimTime.minutes(60L * hours), SimTime.seconds(30), List.of(pool), manifests,
                Map.of(), app, List.of());
    }

    /** One run; returns the engine's event count, so nothing is optimised away. */
    @Benchmark
    public long run() {
        ClusterSimulation cluster = new ClusterSimulation(spec, ClusterSimulation.Options.streaming(e -> { }, null));
        cluster.run(spec.duration());
        return cluster.simulation().eventsProcessed();
    }
}
