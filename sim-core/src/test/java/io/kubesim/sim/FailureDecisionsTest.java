package io.kubesim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import io.kubesim.metrics.Decision;
import io.kubesim.traffic.ArrivalSpec;
import io.kubesim.traffic.EntryPoint;
import io.kubesim.traffic.NetworkSpec;
import io.kubesim.traffic.RateSeries;
import io.kubesim.traffic.ServiceTraffic;
import io.kubesim.traffic.TrafficMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The decisions behind {@code kubesim explain --failures}, from a real rolling deploy of 4 pods
 * under 200 req/s: the kubelet's {@code Terminating} (k8s-semantics.md 4.3), the EndpointSlice
 * controller's endpoint changes (5), each balancer's {@code ProxyUpdated}, and the traffic's
 * {@code RequestsFailed} bursts, in both traffic modes.
 */
class FailureDecisionsTest {

    private record Run(SimulationResult result, List<Decision> decisions) {
        List<Decision> of(String kind) {
            return decisions.stream().filter(d -> d.kind().equals(kind)).toList();
        }

        List<Decision> of(String kind, String pod) {
            return decisions.stream().filter(d -> d.kind().equals(kind)
                    && (d.object().equals("Pod/" + pod) || pod.equals(d.facts().get("pod")))).toList();
        }
    }

    private static Run run(LifecycleHandler preStop, TrafficMode mode) {
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
        SimulationSpec spec = new SimulationSpec("failures", 9, SimTime.minutes(3), SimTime.seconds(1), List.of(pool),
                List.of(svc, web), Map.of("web", app), ApplicationModel.DEFAULT,
                List.of(new TimelineAction.Rollout(SimTime.minutes(2), "web", Map.of())), List.of(entry),
                NetworkSpec.DEFAULT);
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY.withTrafficMode(mode));
        sim.run(spec.duration());
        SimulationResult result = sim.result();
        return new Run(result, List.copyOf(sim.decisions().decisions()));
    }

    private static double seconds(Object facts) {
        return ((Number) facts).doubleValue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TrafficMode.class)
    @DisplayName("no preStop: one RequestsFailed burst per old pod, from its SIGTERM until kube-proxy stopped routing to it")
    void burstPerStoppedPod(TrafficMode mode) {
        Run run = run(null, mode);
        ServiceTraffic web = run.result().traffic().get(0);
        List<Decision> bursts = run.of("RequestsFailed");
        List<Decision> terminating = run.of("Terminating");
        assertEquals(4, terminating.size(), "the rollout stops the 4 old pods");
        assertEquals(4, bursts.size(), "one burst per stopped pod: " + bursts);
        long sum = bursts.stream().mapToLong(d -> (Long) d.facts().get("count")).sum();
        // Fluid amounts are rounded per burst, so the sum may differ from the total by a request per burst.
        assertEquals(web.failed(), sum, mode == TrafficMode.EXACT ? 0 : bursts.size());
        for (Decision b : bursts) {
            String pod = (String) b.facts().get("pod");
            assertEquals("connection_refused", b.facts().get("cause"));
            assertEquals("Service/default/web", b.object());
            Decision term = run.of("Terminating", pod).get(0);
            // k8s-semantics.md 4.3: no preStop hook, so SIGTERM at the deletion.
            assertEquals("rollout of Deployment default/web", term.facts().get("cause"));
            assertEquals("none", term.facts().get("preStop"));
            assertEquals(30.0, seconds(term.facts().get("gracePeriodSeconds")));
            assertEquals(SimTime.toSeconds(term.time()), seconds(term.facts().get("sigtermAt")));
            assertTrue(seconds(b.facts().get("first")) >= SimTime.toSeconds(term.time()), "refused only after SIGTERM");
            // k8s-semantics.md 5: the slice drops the pod (or marks it not ready), kube-proxy applies it later.
            Decision slice = run.decisions().stream().filter(d -> d.object().equals("Pod/" + pod)
                    && (d.kind().equals("EndpointNotReady") || d.kind().equals("EndpointRemoved"))).findFirst()
                    .orElse(null);
            assertNotNull(slice, "the EndpointSlice controller recorded the change of " + pod);
            assertEquals("default/web", slice.facts().get("service"));
            Decision proxy = run.of("ProxyUpdated", pod).stream()
                    .filter(d -> d.source().equals("kube-proxy") && d.time() >= slice.time()
                            && Boolean.FALSE.equals(d.facts().get("routed")))
                    .findFirst().orElse(null);
            assertNotNull(proxy, "kube-proxy recorded when it stopped routing to " + pod);
            assertEquals(SimTime.toSeconds(proxy.time() - slice.time()), seconds(proxy.facts().get("delaySeconds")),
                    1e-6, "delaySeconds: after the slice change");
            // k8s-semantics.md 17.5: once kube-proxy has removed the endpoint, no new connection reaches the pod.
            assertTrue(seconds(b.facts().get("last")) <= SimTime.toSeconds(proxy.time()),
                    "no refusal after kube-proxy stopped routing: " + b + " / " + proxy);
        }
    }

    @Test
    @DisplayName("preStop sleep 5 s: Terminating says so and SIGTERM comes 5 s later; no request fails, so no burst")
    void preStopSleepRecorded() {
        Run run = run(new LifecycleHandler("sleep 5s", 5000), TrafficMode.EXACT);
        List<Decision> terminating = run.of("Terminating");
        assertEquals(4, terminating.size());
        for (Decision t : terminating) {
            assertEquals("sleep 5s", t.facts().get("preStop"));
            assertEquals(5.0, seconds(t.facts().get("preStopSeconds")));
            assertEquals(SimTime.toSeconds(t.time()) + 5.0, seconds(t.facts().get("sigtermAt")), 1e-9);
        }
        assertEquals(List.of(), run.of("RequestsFailed"));
    }

    @Test
    @DisplayName("the decisions are the same, in the same order, in two runs")
    void deterministic() {
        assertEquals(run(null, TrafficMode.EXACT).decisions(), run(null, TrafficMode.EXACT).decisions());
    }
}
