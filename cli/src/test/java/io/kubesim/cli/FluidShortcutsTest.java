package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.SimulationResult;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.traffic.FluidTraffic;
import io.kubesim.traffic.RequestCause;
import io.kubesim.traffic.ServiceTraffic;
import io.kubesim.traffic.TrafficMode;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fluid mode's shortcuts (steady replicas served as cohorts, routes kept per balancer view and
 * dropped when a pod behind them changes) give what stepping every pod and working out every route
 * each step gives, on library scenarios where pods start, drain, get deleted, lose their node, are
 * replaced by rollouts and canaries, behind lagging views and ingress retries, with call graphs and
 * HPAs: every failure cause of every Service within 1 % (plus 2 requests for the rounding of
 * fractional volumes), requests within 0.01 %, the same pods scheduled and evicted, the same HPA
 * rescales, and each busy Service's p99 within 5 % (the cohorts draw fewer latency values). A
 * route kept after the pods behind it changed would send traffic to pods that refuse it or are
 * gone, far beyond these bounds.
 */
class FluidShortcutsTest {
    /** Below this many requests a Service's p99 rests on too few drawn values to compare closely. */
    private static final long BUSY = 20_000;

    @AfterEach
    void restore() {
        FluidTraffic.takeShortcuts(true);
    }

    private static SimulationResult run(SimulationSpec spec, boolean shortcuts) {
        FluidTraffic.takeShortcuts(shortcuts);
        ClusterSimulation sim = new ClusterSimulation(spec,
                ClusterSimulation.Options.IN_MEMORY.withTrafficMode(TrafficMode.FLUID));
        sim.run(spec.duration());
        return sim.result();
    }

    private static Map<String, ServiceTraffic> byService(SimulationResult r) {
        Map<String, ServiceTraffic> out = new TreeMap<>();
        for (ServiceTraffic t : r.traffic()) {
            out.put(t.key(), t);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"no-prestop.yaml", "drain-no-pdb.yaml", "node-failure.yaml", "early-readiness.yaml",
            "online-boutique-rollout.yaml", "bad-release-canary.yaml", "statefulset-node-failure.yaml",
            "vanished-pod-ip.yaml", "hpa-diurnal.yaml", "high-traffic-rollout.yaml", "default-max-unavailable.yaml"})
    @DisplayName("shortcuts on and off: the same outcomes per Service and cause, p99 within 5 %")
    void sameOutcomes(String scenario) {
        SimulationSpec spec = ScenarioLoader.load(CliHarness.ROOT.resolve("library").resolve(scenario)).value();
        SimulationResult plain = run(spec, false);
        SimulationResult quick = run(spec, true);
        Map<String, ServiceTraffic> a = byService(plain);
        Map<String, ServiceTraffic> b = byService(quick);
        assertEquals(a.keySet(), b.keySet());
        long failures = 0;
        for (String service : a.keySet()) {
            ServiceTraffic x = a.get(service);
            ServiceTraffic y = b.get(service);
            assertEquals(x.requests(), y.requests(), 1 + x.requests() * 1e-4, service + " requests");
            for (RequestCause c : RequestCause.values()) {
                long n = x.count(c);
                failures += c == RequestCause.OK ? 0 : n;
                assertEquals(n, y.count(c), 2 + n * 0.01, service + " " + c.label());
            }
            if (x.requests() >= BUSY) {
                double p99 = x.latencyPercentile(99);
                assertEquals(p99, y.latencyPercentile(99), p99 * 0.05, service + " p99");
            }
        }
        assertEquals(plain.pods(), quick.pods(), "pods scheduled, evicted, restarted");
        assertEquals(plain.hpas().toString(), quick.hpas().toString(), "HPA rescales");
        assertTrue(failures > 0 || scenario.equals("high-traffic-rollout.yaml") || scenario.equals("hpa-diurnal.yaml"),
                "the scenario fails requests, so failures are compared: " + scenario);
    }
}
