package io.kubesim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.LifecycleHandler;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.Decision;
import io.kubesim.traffic.ServiceTraffic;
import io.kubesim.traffic.TrafficMode;
import java.util.List;
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
        SimulationSpec spec = RolloutUnderTraffic.spec("failures", preStop, SimTime.minutes(3));
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
    @DisplayName("no preStop: per old pod, a burst of refused connections from its SIGTERM and, once its pod is gone, "
            + "one of connect timeouts, both for connections made before kube-proxy stopped routing to it")
    void burstPerStoppedPod(TrafficMode mode) {
        Run run = run(null, mode);
        ServiceTraffic web = run.result().traffic().get(0);
        List<Decision> bursts = run.of("RequestsFailed");
        List<Decision> terminating = run.of("Terminating");
        assertEquals(4, terminating.size(), "the rollout stops the 4 old pods");
        assertTrue(bursts.size() >= 4 && bursts.size() <= 8, "one or two bursts per stopped pod: " + bursts);
        long sum = bursts.stream().mapToLong(d -> (Long) d.facts().get("count")).sum();
        // Fluid amounts are rounded per burst, so the sum may differ from the total by a request per burst.
        assertEquals(web.failed(), sum, mode == TrafficMode.EXACT ? 0 : bursts.size());
        for (Decision b : bursts) {
            String pod = (String) b.facts().get("pod");
            // k8s-semantics.md 17.5: alive and not listening refuses at once; an address that is gone
            // swallows the SYN, and the client gives up at its 10 s timeout.
            Object cause = b.facts().get("cause");
            assertTrue(cause.equals("connection_refused") || cause.equals("connect_timeout"), b.toString());
            // (Fluid mode counts a request when it arrives.)
            double wait = cause.equals("connect_timeout") && mode == TrafficMode.EXACT ? 10.0 : 0.0;
            assertEquals("Service/default/web", b.object());
            Decision term = run.of("Terminating", pod).get(0);
            // k8s-semantics.md 4.3: no preStop hook, so SIGTERM at the deletion.
            assertEquals("rollout of Deployment default/web", term.facts().get("cause"));
            assertEquals("none", term.facts().get("preStop"));
            assertEquals(30.0, seconds(term.facts().get("gracePeriodSeconds")));
            assertEquals(SimTime.toSeconds(term.time()), seconds(term.facts().get("sigtermAt")));
            assertTrue(seconds(b.facts().get("first")) - wait >= SimTime.toSeconds(term.time()), "failed only after SIGTERM");
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
            assertTrue(seconds(b.facts().get("last")) - wait <= SimTime.toSeconds(proxy.time()) + 1e-6,
                    "no connection after kube-proxy stopped routing: " + b + " / " + proxy);
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
