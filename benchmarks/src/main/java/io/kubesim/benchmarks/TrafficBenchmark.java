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
 * Exact-mode request throughput: simulated requests per wall second. One Service of 10 pods
 * (64 workers each, 20 ms lognormal service time) takes Poisson traffic at {@code rate} req/s
 * for 60 simulated seconds (after 30 s of start-up), every request routed through kube-proxy's
 * view, served, and recorded; {@code connections} says whether each request opens its own
 * connection or reuses a kept-alive one. The score is wall seconds per run; requests per wall second are
 * {@code rate × 60 / score} (the 30 s start-up costs little next to the requests). It tells the
 * rate above which a fluid mode is needed.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests &&
 * java -jar benchmarks/target/benchmarks.jar TrafficBenchmark -f 1 -wi 2 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class TrafficBenchmark {
    @Param({"1000", "10000"})
    int rate;

    /**
     * How the traffic's clients use connections: {@code perRequest} (the default for open-loop
     * traffic: kube-proxy picks a pod per request), or {@code keepAlive} (100 clients, each with an
     * HTTP/1.1 keep-alive pool: requests reuse pooled connections).
     */
    @Param({"perRequest", "keepAlive"})
    String connections;

    private SimulationSpec spec;

    @Setup
    public void build() {
        spec = connections.equals("keepAlive")
                ? ServiceUnderLoad.spec(10, 5, rate, io.kubesim.app.ClientSpec.KEEP_ALIVE, 100)
                : ServiceUnderLoad.spec(10, 5, rate);
    }

    /** One run; returns the number of requests simulated so nothing is optimised away. */
    @Benchmark
    public long requests() {
        return ServiceUnderLoad.runExact(spec);
    }
}
