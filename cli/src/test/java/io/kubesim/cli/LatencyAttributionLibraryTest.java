package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.kubesim.metrics.LatencyHistogram;
import io.kubesim.metrics.TimeSeries;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.ActionWindow;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.SimulationResult;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.traffic.RequestCause;
import io.kubesim.traffic.ServiceTraffic;
import io.kubesim.traffic.TrafficMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The latencies behind summary.json's {@code p99Ms} of each action, of {@code startup} and of
 * {@code baseline}, checked against the slow way: every sample interval's served latencies kept
 * apart during the run, then merged after it by the rule that attributes request counts
 * (startup first: until the warm-up ends, before the Service's first ready endpoint and while
 * requests still find none; then each window the interval overlaps, up to its final end; the
 * baseline otherwise). early-readiness stretches its rollout's window over an outage that outlasts
 * the rollout; drain-no-pdb's outage lies inside its upgrade.
 */
class LatencyAttributionLibraryTest {
    private static final double[] PERCENTILES = {50, 99, 100};

    /** Each interval's latencies per Service, as the run closed them. */
    private static final class Recorder implements io.kubesim.traffic.IntervalLatencies {
        final List<Long> starts = new ArrayList<>();
        final List<Map<String, LatencyHistogram>> intervals = new ArrayList<>();
        long interval;

        @Override
        public void closed(long start, long end, List<ServiceTraffic> services) {
            interval = end - start;
            Map<String, LatencyHistogram> m = new LinkedHashMap<>();
            for (ServiceTraffic t : services) {
                LatencyHistogram copy = new LatencyHistogram();
                copy.add(t.intervalLatency());
                m.put(t.displayName(), copy);
            }
            starts.add(start);
            intervals.add(m);
        }
    }

    @ParameterizedTest(name = "{0}, {1} traffic")
    @CsvSource({
            "early-readiness.yaml, EXACT, 0",
            "early-readiness.yaml, FLUID, 0",
            "no-prestop.yaml, EXACT, 0",
            "no-prestop.yaml, FLUID, 150",
            "drain-no-pdb.yaml, EXACT, 0",
            "node-failure.yaml, EXACT, 0",
    })
    @DisplayName("each window's, startup's, baseline's and after-startup latencies are those of the intervals "
            + "attributed to them")
    void sameAsMergingEveryInterval(String scenario, TrafficMode mode, int warmupSeconds) throws Exception {
        SimulationSpec loaded = ScenarioLoader.load(CliHarness.ROOT.resolve("library").resolve(scenario)).value();
        SimulationSpec spec = loaded.withWarmup(warmupSeconds * 1_000_000L);
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY.withTrafficMode(mode));
        Recorder rec = new Recorder();
        sim.onIntervalLatencies(rec);
        sim.run(spec.duration());
        SimulationResult r = sim.result();
        assertFalse(r.actions().isEmpty());

        long runEnd = r.simulatedMicros();
        Map<String, Object> summary = io.kubesim.reports.SummaryReport.build(r, 0);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> byService = (Map<String, Map<String, Object>>)
                ((Map<String, Object>) summary.get("startup")).get("byService");
        for (ServiceTraffic t : r.traffic()) {
            String service = t.displayName();
            int startup = startupIntervals(r, t, rec.interval, spec.warmup());
            assertEquals(startup == 0 ? null : Math.min(runEnd, startup * rec.interval) / 1e6,
                    byService.containsKey(service) ? ((Number) byService.get(service).get("until")).doubleValue() : null,
                    service + ": the rule here is summary.json's (startup.byService." + service + ".until)");
            LatencyHistogram expectedStartup = new LatencyHistogram();
            LatencyHistogram expectedBaseline = new LatencyHistogram();
            LatencyHistogram expectedAfterStartup = new LatencyHistogram();
            List<LatencyHistogram> expectedWindows = new ArrayList<>();
            r.actions().forEach(w -> expectedWindows.add(new LatencyHistogram()));
            for (int k = 0; k < rec.starts.size(); k++) {
                long from = rec.starts.get(k);
                int index = (int) (from / rec.interval);
                LatencyHistogram h = rec.intervals.get(k).get(service);
                if (h == null) {
                    continue;
                }
                if (index < startup) {
                    expectedStartup.add(h);
                    continue;
                }
                expectedAfterStartup.add(h);
                boolean inWindow = false;
                for (int w = 0; w < r.actions().size(); w++) {
                    ActionWindow window = r.actions().get(w);
                    if (from + rec.interval > window.start() && from < window.endOr(runEnd)) {
                        expectedWindows.get(w).add(h);
                        inWindow = true;
                    }
                }
                if (!inWindow) {
                    expectedBaseline.add(h);
                }
            }
            assertSame(expectedStartup, r.latencies().startup().get(service), service + " startup");
            assertSame(expectedBaseline, r.latencies().baseline().get(service), service + " baseline");
            assertSame(expectedAfterStartup, r.latencies().afterStartup().get(service), service + " after startup");
            for (int w = 0; w < r.actions().size(); w++) {
                assertSame(expectedWindows.get(w), r.actions().get(w).latencies().get(service),
                        service + " in " + r.actions().get(w).kind() + " " + r.actions().get(w).target());
            }
        }
    }

    /** summary.json's rule: the warm-up's intervals, or up to the first ready endpoint and on while requests find none. */
    private static int startupIntervals(SimulationResult r, ServiceTraffic t, long interval, long warmup) {
        int warm = (int) ((warmup + interval - 1) / interval);
        TimeSeries ready = r.series().find("service_endpoints_ready", "service=" + t.displayName());
        for (int i = 0; ready != null && i < ready.size(); i++) {
            if (ready.valueAt(i) > 0) {
                int k = (int) (ready.timeAt(i) / interval);
                while (k < t.intervals() && t.count(RequestCause.NO_ENDPOINTS, k) > 0) {
                    k++;
                }
                return Math.max(warm, k);
            }
        }
        return warm;
    }

    private static void assertSame(LatencyHistogram expected, LatencyHistogram actual, String what) {
        long count = actual == null ? 0 : actual.count();
        assertEquals(expected.count(), count, what + ": count");
        for (double p : PERCENTILES) {
            assertEquals(expected.percentile(p), actual == null ? 0 : actual.percentile(p), what + ": p" + p);
        }
    }
}
