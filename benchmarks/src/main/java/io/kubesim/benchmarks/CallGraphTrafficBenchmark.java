package io.kubesim.benchmarks;

import io.kubesim.sim.SimulationSpec;
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
 * Exact-mode throughput on a call graph: 10 Services of 10 pods in a chain
 * ({@link ServiceUnderLoad#chain}), Poisson traffic at {@code rate} req/s into the first for 60
 * simulated seconds after 30 s of start-up, each request calling the next Service down to the
 * tenth. The score is wall seconds per run; simulated requests per wall second (every hop
 * counted) are {@code 10 × rate × 60 / score}.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests &&
 * java -jar benchmarks/target/benchmarks.jar CallGraphTrafficBenchmark -f 1 -wi 1 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class CallGraphTrafficBenchmark {
    static final int SERVICES = 10;

    @Param({"1000"})
    int rate;

    private SimulationSpec spec;

    @Setup
    public void build() {
        spec = ServiceUnderLoad.chain(SERVICES, 10, 20, rate);
    }

    /** One run; returns the requests simulated at every Service, so nothing is optimised away. */
    @Benchmark
    public long requests() {
        return ServiceUnderLoad.runExact(spec);
    }
}
