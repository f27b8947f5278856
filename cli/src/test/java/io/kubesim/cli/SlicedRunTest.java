package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.engine.SimTime;
import io.kubesim.reports.EventsJsonl;
import io.kubesim.reports.SummaryReport;
import io.kubesim.reports.TimeSeriesCsv;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.SimulationSpec;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CLI runs simulations in slices of virtual time to draw its progress line; the slices must
 * change nothing: the same events in the same order, the same series and summary.
 */
class SlicedRunTest {
    @TempDir
    Path tmp;

    /** events.jsonl, timeseries.csv and summary.json of a run, as text. */
    private record Outputs(String events, String series, String summary) {
    }

    private Outputs run(String scenario, long slice) throws IOException {
        SimulationSpec spec = ScenarioLoader.load(Path.of(CliHarness.library(scenario))).value();
        StringWriter events = new StringWriter();
        ClusterSimulation cluster;
        try (EventsJsonl sink = new EventsJsonl(events)) {
            cluster = new ClusterSimulation(spec, ClusterSimulation.Options.streaming(sink, null));
            if (slice == 0) {
                cluster.run(spec.duration());
            } else {
                SlicedRun.run(cluster, spec.duration(), slice, (t, n) -> { });
            }
        }
        StringWriter series = new StringWriter();
        var result = cluster.result();
        TimeSeriesCsv.write(result.series(), series);
        Path summary = Files.createTempFile(tmp, "summary", ".json");
        SummaryReport.write(SummaryReport.build(result, 0), summary);
        return new Outputs(events.toString(), series.toString(), Files.readString(summary));
    }

    @ParameterizedTest(name = "{0} in slices of {1} ms")
    @CsvSource({
            "no-prestop.yaml,       37",   // traffic and a rollout; slice ends fall between requests
            "node-failure.yaml,     1000", // heartbeats, taints, evictions on whole seconds
            "hpa-target-95.yaml,    60000"}) // an hour; slice ends fall on the samples' and syncs' instants
    @DisplayName("running in slices writes the same events, series and summary as one run to the end")
    void slicesChangeNothing(String scenario, long sliceMillis) throws IOException {
        Outputs whole = run(scenario, 0);
        Outputs sliced = run(scenario, SimTime.millis(sliceMillis));
        assertTrue(whole.events().lines().count() > 10, "a run with events");
        assertEquals(whole.events(), sliced.events());
        assertEquals(whole.series(), sliced.series());
        assertEquals(whole.summary(), sliced.summary());
    }

    @Test
    @DisplayName("the listener hears the clock rise slice by slice to the end, with the engine's event count")
    void listenerHearsEachSlice() {
        SimulationSpec spec = ScenarioLoader.load(Path.of(CliHarness.library("no-prestop.yaml"))).value();
        ClusterSimulation cluster = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        List<long[]> heard = new ArrayList<>();
        long slice = SimTime.seconds(30);
        SlicedRun.run(cluster, spec.duration(), slice, (t, n) -> heard.add(new long[] {t, n}));
        assertEquals((spec.duration() + slice - 1) / slice, heard.size(), "one call per slice, the last one shorter");
        for (int i = 0; i < heard.size(); i++) {
            assertEquals(Math.min((i + 1) * slice, spec.duration()), heard.get(i)[0]);
            assertTrue(i == 0 || heard.get(i)[1] >= heard.get(i - 1)[1], "events only grow");
        }
        assertEquals(cluster.simulation().eventsProcessed(), heard.get(heard.size() - 1)[1]);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "a 5-minute run: 100 ms slices,  300,    100",
            "a day: 20000 slices of 4.32 s,  86400,  4320"})
    void sliceLength(String name, long durationSeconds, long sliceMillis) {
        assertEquals(SimTime.millis(sliceMillis), SlicedRun.sliceOf(SimTime.seconds(durationSeconds)));
    }
}
