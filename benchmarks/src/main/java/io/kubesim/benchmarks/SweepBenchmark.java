package io.kubesim.benchmarks;

import io.kubesim.cli.sweep.SweepGrid;
import io.kubesim.cli.sweep.SweepParameter;
import io.kubesim.cli.sweep.SweepRunner;
import io.kubesim.reports.sweep.SweepTable;
import io.kubesim.sim.ReplicationSeeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A sweep's throughput: the 6 points of maxSurge (0, 1, 25%) x maxUnavailable (0, 1) (0/0 refused, 5 run) over
 * library/default-max-unavailable.yaml (6 simulated minutes, 700 req/s in exact mode, a rollout),
 * one replication each, on {@code jobs} threads, as {@code kubesim sweep} runs them (the scenario
 * read per point, the runs in parallel, each summary measured). Points per minute = 6 x 60 / the
 * seconds per sweep. Run from the repository root (it reads library/).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SweepBenchmark {
    @Param({"1", "2"})
    int jobs;

    private Path scenario;
    private List<SweepParameter> swept;
    private List<SweepTable.Point> points;

    @Setup
    public void setUp() {
        scenario = Path.of("library", "default-max-unavailable.yaml");
        if (!Files.exists(scenario)) {
            throw new IllegalStateException("run from the repository root: " + scenario.toAbsolutePath() + " is missing");
        }
        swept = List.of(SweepParameter.parse(1, "deployment/orders:spec.strategy.rollingUpdate.maxSurge=0,1,25%"),
                SweepParameter.parse(2, "deployment/orders:spec.strategy.rollingUpdate.maxUnavailable=0,1"));
        points = SweepGrid.points(swept, null, 1);
    }

    @Benchmark
    public SweepTable sweep() {
        SweepRunner runner = new SweepRunner(scenario, List.of(), swept, List.of("failed"), null, jobs,
                io.kubesim.cli.GuardOptions.Guards.defaults(scenario));
        return runner.run("default-max-unavailable", points, ReplicationSeeds.of(1, 1), n -> { });
    }
}
