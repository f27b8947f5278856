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

/**
 * The traffic benchmarks' scenario: one Service of {@code pods} pods (64 workers each, lognormal
 * service time with median 20 ms and p99 80 ms), on {@code nodes} nodes of 8 CPUs, taking Poisson
 * traffic at {@code rate} req/s through kube-proxy for {@link #MEASURED} after {@link #START} of
 * start-up.
 */
final class ServiceUnderLoad {
    static final long MEASURED = SimTime.seconds(60);
    static final long START = SimTime.seconds(30);

    private ServiceUnderLoad() {
    }

    /**
     * Runs {@code spec} in exact traffic mode (named explicitly: left to choose, a run above the
     * auto threshold would be fluid); returns the requests simulated at every Service, so that
     * nothing is optimised away.
     */
    static long runExact(SimulationSpec spec) {
        ClusterSimulation cluster = new ClusterSimulation(spec,
                ClusterSimulation.Options.streaming(e -> { }, null).withTrafficMode(TrafficMode.EXACT));
        cluster.run(spec.duration());
        long n = 0;
        for (ServiceTraffic t : cluster.result().traffic()) {
            n += t.requests();
        }
        return n;
    }

    static SimulationSpec spec(int pods, int nodes, double rate) {
        return spec(pods, nodes, rate, null, 1);
    }

    /**
     * The same with the entry point's traffic sent by {@code clients} clients using {@code client}
     * (null: the default, a connection per request).
     */
    /**
     * A call graph of {@code services} Services ({@code svc-0} .. {@code svc-(n-1)}, each of
     * {@code pods} pods as above, 5 ms lognormal service time): traffic at {@code rate} req/s
     * enters {@code svc-0} and each Service calls the next once per request (kept-alive
     * connections, 5 s timeout), so every entry request is {@code services} simulated requests.
     */
    static SimulationSpec chain(int services, int pods, int nodes, double rate) {
        Probe readiness = new Probe("httpGet :8080/", 0, 5, 1, 1, 3, null);
        List<Manifest> manifests = new java.util.ArrayList<>();
        Map<String, ApplicationModel> apps = new java.util.TreeMap<>();
        for (int i = 0; i < services; i++) {
            String name = "svc-" + i;
            Container c = new Container("app", "registry.example.com/" + name + ":1", Resources.of(100, 128L << 20),
                    Resources.NONE, List.of(), null, readiness, null, null, false);
            PodTemplate t = new PodTemplate(Map.of("app", name), Map.of(), PodSpec.of(List.of(c)));
            manifests.add(new Manifest.DeploymentManifest("default", name, Map.of(), Map.of(),
                    LabelSelector.of(Map.of("app", name)), t, pods, DeploymentStrategy.DEFAULT_ROLLING, 0, 10, 600,
                    false, Manifest.Origin.UNKNOWN));
            manifests.add(new Manifest.ServiceManifest("default", name, Map.of(), Map.of("app", name),
                    List.of(new ServicePort("http", 80, "8080", "TCP", 0)), "ClusterIP", false, false,
                    Manifest.Origin.UNKNOWN));
            List<ServingModel.Call> calls = i + 1 < services
                    ? List.of(new ServingModel.Call("default/svc-" + (i + 1), 1.0, SimTime.seconds(5))) : List.of();
            apps.put(name, ApplicationModel.DEFAULT.withServing(new ServingModel(64, 1000,
                    new DurationDistribution.LogNormal(SimTime.millis(5), SimTime.millis(20)), SimTime.seconds(10),
                    0, 1.0, true, calls)));
        }
        NodePool pool = new NodePool("p", nodes, Resources.of(8000, 32L << 30), 110, Map.of(), List.of(), List.of());
        EntryPoint entry = new EntryPoint("svc-0", "default/svc-0", false,
                new ArrivalSpec.Rate(new RateSeries(new long[]{0, START}, new double[]{0, rate}), true), 0, 0, null, 1);
        return new SimulationSpec("traffic-chain", 1, START + MEASURED, SimTime.seconds(1), List.of(pool), manifests,
                apps, ApplicationModel.DEFAULT, List.of()).withTraffic(List.of(entry), NetworkSpec.DEFAULT);
    }

    static SimulationSpec spec(int pods, int nodes, double rate, io.kubesim.app.ClientSpec client, int clients) {
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
        NodePool pool = new NodePool("p", nodes, Resources.of(8000, 32L << 30), 110, Map.of(), List.of(), List.of());
        EntryPoint entry = new EntryPoint("api", "default/api", false,
                new ArrivalSpec.Rate(new RateSeries(new long[]{0, START}, new double[]{0, rate}), true), 0, 0, client,
                clients);
        return new SimulationSpec("traffic", 1, START + MEASURED, SimTime.seconds(1), List.of(pool), List.of(s, d),
                Map.of(), app, List.of()).withTraffic(List.of(entry), NetworkSpec.DEFAULT);
    }
}
