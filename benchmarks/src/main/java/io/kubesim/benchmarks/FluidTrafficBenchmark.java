package io.kubesim.benchmarks;

import io.kubesim.api.Container;
import io.kubesim.api.DeploymentStrategy;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodSpec;
import io.kubesim.api.PodTemplate;
import io.kubesim.api.Probe;
import io.kubesim.api.Resources;
import io.kubesim.api.ServicePort;
import io.kubesim.app.ApplicationModel;
import io.kubesim.app.ServingModel;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.NodePool;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.traffic.ArrivalSpec;
import io.kubesim.traffic.EntryPoint;
import io.kubesim.traffic.NetworkSpec;
import io.kubesim.traffic.RateSeries;
import io.kubesim.traffic.ServiceTraffic;
import io.kubesim.traffic.TrafficMode;
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
    private static final long MEASURED = SimTime.seconds(60);
    private static final long START = SimTime.seconds(30);

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
        Probe readiness = new Probe("httpGet :8080/", 0, 5, 1, 1, 3, null);
        Container c = new Container("app", "registry.example.com/api:1", Resources.of(100, 128L << 20),
                Resources.NONE, List.of(), null, readiness, null, null, false);
        PodTemplate t = new PodTemplate(Map.of("app", "api"), Map.of(), PodSpec.of(List.of(c)));
        Manifest.DeploymentManifest d = new Manifest.DeploymentManifest("default", "api", Map.of(), Map.of(),
                LabelSelector.of(Map.of("app", "api")), t, pods, DeploymentStrategy.DEFAULT_ROLLING, 0, 10, 600,
                false, Manifest.Origin.UNKNOWN);
        Manifest.ServiceManifest s = new Manifest.ServiceManifest("default", "api", Map.of(), Map.of("app", "api"),
                List.of(new ServicePort("http", 80, "8080", "TCP", 0)), "ClusterIP", false, false,
                Manifest.Origin.UNKNOWN);
        ServingModel serving = new ServingModel(64, 1000,
                new DurationDistribution.LogNormal(SimTime.millis(20), SimTime.millis(80)), SimTime.seconds(10), 0,
                1.0, true, List.of());
        ApplicationModel app = ApplicationModel.DEFAULT.withServing(serving);
        NodePool pool = new NodePool("p", Math.max(5, pods / 50), Resources.of(8000, 32L << 30), 110, Map.of(),
                List.of(), List.of());
        EntryPoint entry = new EntryPoint("api", "default/api", false,
                new ArrivalSpec.Rate(new RateSeries(new long[]{0, START}, new double[]{0, rate}), true));
        spec = new SimulationSpec("traffic", 1, START + MEASURED, SimTime.seconds(1), List.of(pool), List.of(s, d),
                Map.of(), app, List.of(), List.of(entry), NetworkSpec.DEFAULT);
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
