package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.SimulationResult;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.traffic.RequestCause;
import io.kubesim.traffic.ServiceTraffic;
import io.kubesim.traffic.TrafficMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fluid mode agrees with the exact mode on every library scenario with traffic that {@code auto}
 * runs in exact mode: failed
 * requests within 5 %, summed over five seeds (plus 0.01 % of the requests, for scenarios where
 * the exact mode fails none), and each busy Service's p99 within 10 % on every seed. The exact
 * runs compared open a connection per request ({@code Options.withConnectionPerRequest}): the
 * fluid mode balances every request, and cannot follow kept-alive connections. With its
 * connections, the exact mode fails no more than with a connection per request (5 % on seed 1): a
 * caller's pooled connections keep working while a pod drains, where per-request balancing sends
 * some of those requests into the proxies' stale view. A connect timeout is one request the fluid
 * mode counts at once, where in exact mode its caller waits for it and holds a worker meanwhile
 * (so the caller's next requests queue instead of failing): each such request in the exact runs
 * widens the allowance by one, and a seed where a call's connect timed out compares no p99 (the
 * callers' queueing is exact mode's alone). Scenarios with settings the fluid mode does not model
 * ({@code FluidLimits}: client retries, connect timeouts, HTTP/2, affinity) are not compared.
 *
 * <p>Why five seeds: the fluid mode computes expected values, the exact mode draws one sample.
 * Where failures are the excess of arrivals over capacity, the exact count moves with the
 * arrivals' own noise: in default-max-unavailable it ranges from 1512 to 1891 across seeds 1-5
 * for the same cluster timeline. docs/traffic-modes.md states the same criteria.
 */
class TrafficModesAgreementTest {
    private static final long[] SEEDS = {1, 2, 3, 4, 5};
    /**
     * Below this many requests a Service's p99 varies by more than 10 % between exact runs alone:
     * opentelemetry-demo's shipping (about 7,100 requests) gives 27.4 to 31.2 ms over seeds 1-5.
     */
    private static final long BUSY = 10_000;

    static Stream<String> trafficScenarios() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(CliHarness.ROOT.resolve("library"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                SimulationSpec spec = ScenarioLoader.load(f).value();
                // Scenarios busy enough for auto to pick fluid take minutes in exact mode five times over;
                // docs/traffic-modes.md compares high-traffic-rollout once, by hand.
                // HPA scenarios are left out: the autoscaling feedback loop amplifies the modes' differences
                // near saturation (hpa-target-95 is saturated by design), and five seeds in both modes of an
                // hour each would cost about a minute; HpaLibraryTest checks them in exact mode.
                boolean autoscaled = spec.manifests().stream()
                        .anyMatch(m -> m instanceof io.kubesim.api.Manifest.HorizontalPodAutoscalerManifest);
                // Closed-loop entry points exist only in exact mode (fluid refuses them); client retries,
                // connect timeouts, HTTP/2 and affinity only there too (FluidLimits; run warns).
                if (!spec.traffic().isEmpty() && !autoscaled && !TrafficMode.hasClosedLoop(spec.traffic())
                        && io.kubesim.sim.FluidLimits.unmodelled(spec).isEmpty()
                        && ClusterSimulation.chooseTrafficMode(spec) == TrafficMode.EXACT) {
                    out.add(f.getFileName().toString());
                }
            }
        }
        return out.stream();
    }

    @Test
    @DisplayName("the library has the traffic scenarios this test compares")
    void libraryHasTrafficScenarios() throws IOException {
        List<String> names = trafficScenarios().toList();
        assertTrue(names.containsAll(List.of("no-prestop.yaml", "prestop-sleep.yaml", "early-readiness.yaml",
                "calibrated-readiness.yaml", "default-max-unavailable.yaml", "zero-max-unavailable.yaml",
                "online-boutique-rollout.yaml")), names.toString());
    }

    private record Run(long seed, TrafficMode mode, SimulationResult result) {
    }

    private static SimulationResult run(SimulationSpec spec, long seed, TrafficMode mode) {
        return run(spec, seed, mode, true);
    }

    private static SimulationResult run(SimulationSpec spec, long seed, TrafficMode mode, boolean perRequest) {
        SimulationSpec seeded = spec.with(seed, spec.duration());
        ClusterSimulation.Options options = ClusterSimulation.Options.IN_MEMORY.withTrafficMode(mode);
        ClusterSimulation sim = new ClusterSimulation(seeded, perRequest ? options.withConnectionPerRequest() : options);
        sim.run(seeded.duration());
        return sim.result();
    }

    private static long failed(SimulationResult r) {
        long n = 0;
        for (Map.Entry<RequestCause, Long> e : r.entryOutcomes().entrySet()) {
            if (e.getKey() != RequestCause.OK) {
                n += e.getValue();
            }
        }
        return n;
    }

    private static String shortName(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    /** The applications that call any of {@code services}, directly or through others (names as in the scenario). */
    private static java.util.Set<String> upstreamOf(SimulationSpec spec, java.util.Set<String> services) {
        java.util.Set<String> out = new java.util.HashSet<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(services);
        while (!todo.isEmpty()) {
            String callee = todo.poll();
            for (Map.Entry<String, io.kubesim.app.ApplicationModel> a : spec.applications().entrySet()) {
                for (io.kubesim.app.ServingModel.Call c : a.getValue().serving().calls()) {
                    if (shortName(c.service()).equals(callee) && out.add(shortName(a.getKey()))) {
                        todo.add(shortName(a.getKey()));
                    }
                }
            }
        }
        return out;
    }

    private static long total(SimulationResult r) {
        return r.entryOutcomes().values().stream().mapToLong(Long::longValue).sum();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trafficScenarios")
    @DisplayName("exact and fluid agree: failures within 5 %, busy Services' p99 within 10 %")
    void modesAgree(String scenario) {
        SimulationSpec spec = ScenarioLoader.load(CliHarness.ROOT.resolve("library").resolve(scenario)).value();
        List<Run> runs = new ArrayList<>();
        for (long seed : SEEDS) {
            for (TrafficMode mode : TrafficMode.values()) {
                runs.add(new Run(seed, mode, null));
            }
        }
        List<Run> done = runs.parallelStream().map(r -> new Run(r.seed(), r.mode(), run(spec, r.seed(), r.mode())))
                .toList();
        long exactFailed = 0;
        long fluidFailed = 0;
        long exactTotal = 0;
        long exactConnectTimeouts = 0;
        Map<Long, SimulationResult> exactBySeed = new HashMap<>();
        for (Run r : done) {
            assertEquals(r.mode(), r.result().trafficMode(), "the mode asked for is the mode used");
            if (r.mode() == TrafficMode.EXACT) {
                exactFailed += failed(r.result());
                exactTotal += total(r.result());
                for (ServiceTraffic t : r.result().traffic()) {
                    exactConnectTimeouts += t.count(RequestCause.CONNECT_TIMEOUT);
                }
                exactBySeed.put(r.seed(), r.result());
            } else {
                fluidFailed += failed(r.result());
            }
        }
        double allowed = 0.05 * exactFailed + 0.0001 * exactTotal + exactConnectTimeouts;
        assertTrue(Math.abs(fluidFailed - exactFailed) <= allowed, scenario + ": failed requests over "
                + SEEDS.length + " seeds, exact " + exactFailed + ", fluid " + fluidFailed + ", allowed ±" + allowed);

        int compared = 0;
        for (Run r : done) {
            if (r.mode() != TrafficMode.FLUID) {
                continue;
            }
            Map<String, ServiceTraffic> exact = new HashMap<>();
            java.util.Set<String> timedOut = new java.util.HashSet<>();
            for (ServiceTraffic t : exactBySeed.get(r.seed()).traffic()) {
                exact.put(t.key(), t);
                if (t.count(RequestCause.CONNECT_TIMEOUT) > 0) {
                    timedOut.add(shortName(t.key()));
                }
            }
            // A call whose connect timed out held its caller's worker for the wait, so the caller's next
            // requests queued, and its callers' in turn: latency the fluid mode does not have (it fails
            // such calls at once). Those callers' p99 is exact mode's alone.
            java.util.Set<String> waited = upstreamOf(spec, timedOut);
            for (ServiceTraffic fluid : r.result().traffic()) {
                ServiceTraffic e = exact.get(fluid.key());
                if (e == null || e.succeeded() < BUSY || waited.contains(shortName(fluid.key()))) {
                    continue;
                }
                double ep99 = e.latencyPercentile(99);
                double fp99 = fluid.latencyPercentile(99);
                assertTrue(Math.abs(fp99 - ep99) <= 0.10 * ep99, scenario + " seed " + r.seed() + " "
                        + fluid.displayName() + ": p99 exact " + ep99 / 1000 + " ms, fluid " + fp99 / 1000 + " ms");
                compared++;
            }
        }
        boolean anyBusy = exactBySeed.values().stream().flatMap(x -> x.traffic().stream())
                .anyMatch(t -> t.succeeded() >= BUSY);
        // a scenario where every request fails (network-policy-dns) has no latency to compare
        assertFalse(anyBusy && compared == 0, "at least one busy Service compared");

        long withConnections = failed(run(spec, SEEDS[0], TrafficMode.EXACT, false));
        long perRequest = failed(exactBySeed.get(SEEDS[0]));
        assertTrue(withConnections <= perRequest * 1.05 + 0.0001 * exactTotal / SEEDS.length, scenario
                + ": with its connections the exact mode fails " + withConnections + ", with a connection per request "
                + perRequest);
    }
}
