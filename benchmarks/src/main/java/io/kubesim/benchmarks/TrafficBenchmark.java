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
 * Exact-mode request throughput: simulated requests per wall second. One Service of 10 pods
 * (64 workers each, 20 ms lognormal service time) takes Poisson traffic at {@code rate} req/s
 * for 60 simulated seconds (after 30 s of start-up), every request routed through kube-proxy's
 * view, served, and recorded. The score is wall seconds per run; requests per wall second are
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
    private static final long MEASURED = SimTime.seconds(60);
    private static final long START = SimTime.seconds(30);

    @Param({"1000", "10000"})
    int rate;

    private SimulationSpec spec;

    @Setup
    public void build() {
        Probe readiness = new Probe("httpGet :8080/", 0, 5, 1, 1, 3, null);
        Container c = new Container("app", "registry.example.com/api:1", Resources.of(100, 128L << 20),
                Resources.NONE, List.of(), null, readiness, null, null, false);
        PodTemplate t = new PodTemplate(Map.of("app", "api"), Map.of(), PodSpec.of(List.of(c)));
        Manifest.DeploymentManifest d = new Manifest.DeploymentManifest("default", "api", Map.of(), Map.of(),
                LabelSelector.of(Map.of("app", "api")), t, 10, DeploymentStrategy.DEFAULT_ROLLING, 0, 10, 600, false,
                Manifest.Origin.UNKNOWN);
        Manifest.ServiceManifest s = new Manifest.ServiceManifest("default", "api", Map.of(), Map.of("app", "api"),
                List.of(new ServicePort("http", 80, "8080", "TCP", 0)), "ClusterIP", false, false,
                Manifest.Origin.UNKNOWN);
        ServingModel serving = new ServingModel(64, 1000,
                new DurationDistribution.LogNormal(SimTime.millis(20), SimTime.millis(80)), SimTime.seconds(10), 0,
                1.0, true, List.of());
        ApplicationModel app = ApplicationModel.DEFAULT.withServing(serving);
        NodePool pool = new NodePool("p", 5, Resources.of(8000, 32L << 30), 110, Map.of(), List.of(), List.of());
        EntryPoint entry = new EntryPoint("api", "default/api", false,
                new ArrivalSpec.Rate(new RateSeries(new long[]{0, START}, new double[]{0, rate}), true));
        spec = new SimulationSpec("traffic", 1, START + MEASURED, SimTime.seconds(1), List.of(pool), List.of(s, d),
                Map.of(), app, List.of(), List.of(entry), NetworkSpec.DEFAULT);
    }

    /** One run; returns the number of requests simulated so nothing is optimised away. */
    @Benchmark
    public long requests() {
        // Exact mode explicitly: left to choose, a run above TrafficMode.AUTO_THRESHOLD would be fluid.
        ClusterSimulation cluster = new ClusterSimulation(spec,
                ClusterSimulation.Options.streaming(e -> { }, null).withTrafficMode(TrafficMode.EXACT));
        cluster.run(spec.duration());
        long n = 0;
        for (ServiceTraffic t : cluster.result().traffic()) {
            n += t.requests();
        }
        return n;
    }
}
