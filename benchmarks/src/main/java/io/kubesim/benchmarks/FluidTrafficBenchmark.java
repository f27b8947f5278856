package io.kubesim.benchmarks;

import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.traffic.ServiceTraffic;
import io.kubesim.traffic.TrafficMode;
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
 * Fluid-mode traffic cost against the exact mode's. The scenario is {@link TrafficBenchmark}'s
 * with the number of pods as a parameter: one Service of {@code pods} pods (64 workers each,
 * lognormal service time with median 20 ms and p99 80 ms, so about 2,700 req/s of capacity per
 * pod), on {@code max(5, pods / 50)} nodes, takes Poisson traffic at {@code rate} req/s for 60
 * simulated seconds after a 30 s start-up. {@code podsAndRate} is {@code "pods:rate"};
 * {@code mode} is {@code FLUID} or {@code EXACT}. The score is wall seconds per run (90 simulated
 * seconds, 60 of them under traffic); simulated requests per wall second are
 * {@code rate × 60 / score}.
 *
 * <p>The defaults sweep the rate at 100 pods (1k, 10k, 100k req/s) and the pods at 1,000 req/s
 * per pod (10, 100, 1,000 pods), in fluid mode. For the crossover, run the exact mode at the
 * rates it affords with {@code -p mode=EXACT -p podsAndRate=...} (README.md); rate 0 gives the
 * cost of the cluster without requests.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests &&
 * java -jar benchmarks/target/benchmarks.jar FluidTrafficBenchmark -f 1 -wi 1 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class FluidTrafficBenchmark {
    @Param({"100:1000", "100:10000", "100:100000", "10:10000", "1000:1000000"})
    String podsAndRate;

    @Param({"FLUID"})
    String mode;

    private SimulationSpec spec;
    private ClusterSimulation.Options options;

    @Setup
    public void build() {
        String[] p = podsAndRate.split(":");
        int pods = Integer.parseInt(p[0]);
        double rate = Double.parseDouble(p[1]);
        spec = ServiceUnderLoad.spec(pods, Math.max(5, pods / 50), rate);
        options = ClusterSimulation.Options.streaming(e -> { }, null).withTrafficMode(TrafficMode.valueOf(mode));
    }

    /** One run; returns the number of requests simulated so nothing is optimised away. */
    @Benchmark
    public long requests() {
        ClusterSimulation cluster = new ClusterSimulation(spec, options);
        cluster.run(spec.duration());
        long n = 0;
        for (ServiceTraffic t : cluster.result().traffic()) {
            n += t.requests();
        }
        return n;
    }
}
