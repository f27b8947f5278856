package io.kubesim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Container;
import io.kubesim.api.DeploymentStrategy;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.LifecycleHandler;
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
import io.kubesim.traffic.ArrivalSpec;
import io.kubesim.traffic.EntryPoint;
import io.kubesim.traffic.NetworkSpec;
import io.kubesim.traffic.RateSeries;
import io.kubesim.traffic.RequestCause;
import io.kubesim.traffic.ServiceTraffic;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The first seed failure pattern, end to end: during a rolling deploy, a pod without a preStop
 * hook gets SIGTERM while the balancers (1–2 s behind the EndpointSlices, k8s-semantics.md 5)
 * still send it requests, which are refused; a preStop sleep longer than that propagation keeps
 * the pod serving until no balancer routes to it.
 */
class PreStopRolloutTest {

    private static SimulationResult run(LifecycleHandler preStop) {
        Probe readiness = new Probe("httpGet :8080/ready", 0, 2, 1, 1, 3, null);
        Container c = new Container("web", "web:1", Resources.of(250, 256L << 20), Resources.NONE, List.of(), null,
                readiness, null, preStop, false);
        PodTemplate t = new PodTemplate(Map.of("app", "web"), Map.of(), PodSpec.of(List.of(c)));
        Manifest.DeploymentManifest web = new Manifest.DeploymentManifest("default", "web", Map.of(), Map.of(),
                LabelSelector.of(Map.of("app", "web")), t, 4, DeploymentStrategy.DEFAULT_ROLLING, 0, 10, 600, false,
                Manifest.Origin.UNKNOWN);
        Manifest.ServiceManifest svc = new Manifest.ServiceManifest("default", "web", Map.of(), Map.of("app", "web"),
                List.of(new ServicePort("http", 80, "8080", "TCP", 0)), "ClusterIP", false, false, Manifest.Origin.UNKNOWN);
        ServingModel serving = new ServingModel(50, 100, new DurationDistribution.Constant(SimTime.millis(20)),
                SimTime.seconds(10), 0, 1.0, true, List.of());
        ApplicationModel app = new ApplicationModel(new DurationDistribution.Constant(SimTime.seconds(2)),
                new DurationDistribution.Constant(SimTime.seconds(3)), new DurationDistribution.Constant(SimTime.millis(500)),
                null, DurationDistribution.Constant.ZERO, serving);
        NodePool pool = new NodePool("n", 3, Resources.of(4000, 16L << 30), 110, Map.of(), List.of(), List.of("a", "b", "c"));
        EntryPoint entry = new EntryPoint("web", "web", false, new ArrivalSpec.Rate(
                new RateSeries(new long[]{0, SimTime.seconds(30)}, new double[]{0, 200}), true));
        SimulationSpec spec = new SimulationSpec("prestop", 9, SimTime.minutes(4), SimTime.seconds(1), List.of(pool),
                List.of(svc, web), Map.of("web", app), ApplicationModel.DEFAULT,
                List.of(new TimelineAction.Rollout(SimTime.minutes(2), "web", Map.of())), List.of(entry),
                NetworkSpec.DEFAULT);
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(spec.duration());
        return sim.result();
    }

    @Test
    @DisplayName("no preStop: requests refused at each old pod's termination; preStop sleep 5 s: none")
    void preStopSleepPreventsRefusedRequests() {
        SimulationResult bad = run(null);
        SimulationResult fixed = run(new LifecycleHandler("sleep 5", 5000));
        ServiceTraffic b = bad.traffic().get(0);
        ServiceTraffic f = fixed.traffic().get(0);
        assertTrue(b.requests() > 40_000 && f.requests() > 40_000, "about 200 req/s from 30 s to 4 min");
        assertEquals(b.failed(), b.count(RequestCause.CONNECTION_REFUSED), "every failure is a refused connection");
        // Each of the 4 old pods is refused for about its balancer lag (1–2 s kube-proxy plus 0.1–1 s
        // slice update) at a quarter of 200 req/s: on the order of 4 × 50 × 2 = 400.
        assertTrue(b.count(RequestCause.CONNECTION_REFUSED) > 100, "refused: " + b.count(RequestCause.CONNECTION_REFUSED));
        assertEquals(0, f.failed(), "the preStop sleep outlasts the propagation");
        assertTrue(bad.entryOutcomes().get(RequestCause.CONNECTION_REFUSED) > 100);
    }
}
