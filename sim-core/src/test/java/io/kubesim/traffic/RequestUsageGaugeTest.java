package io.kubesim.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kubesim.app.ApplicationCatalog;
import io.kubesim.app.ApplicationModel;
import io.kubesim.app.ServingModel;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.TimeSeries;
import io.kubesim.metrics.TimeSeriesStore;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The CPU and memory that requests cost a workload, in both traffic modes. */
class RequestUsageGaugeTest {
    @ParameterizedTest(name = "{0}")
    @EnumSource(TrafficMode.class)
    void usageFollowsTheLoad(TrafficMode mode) {
        TrafficHarness h = new TrafficHarness(mode);
        // 100 requests/s, each 200 ms of wall time, 5 ms of CPU and 1 MiB while held.
        ServingModel m = new ServingModel(64, 100, new DurationDistribution.Constant(SimTime.millis(200)),
                SimTime.seconds(30), 0, 1.0, true, List.of(), SimTime.millis(5), 1 << 20);
        h.apps.put("web", TrafficHarness.app(m, 1, 0));
        h.apps.put("idle", TrafficHarness.app(TrafficHarness.serving(4, 4, 10, 1000), 1, 0));
        h.start();
        h.service("web");
        h.pod("web", "web-1", null, 30);
        h.pod("idle", "idle-1", null, 30);
        h.traffic("web", 100, SimTime.seconds(5), SimTime.seconds(30));
        RequestUsageGauge gauge = new RequestUsageGauge(h.traffic,
                new ApplicationCatalog(h.store, h.apps, ApplicationModel.DEFAULT), SimTime.seconds(1), (ns, n) -> n);
        TimeSeriesStore series = new TimeSeriesStore();
        for (long t = 0; t <= SimTime.seconds(20); t += SimTime.seconds(1)) {
            h.sim.runUntil(t);
            gauge.sample(t, series);
        }
        TimeSeries cpu = series.find("workload_request_cpu_cores", "workload=web-1");
        TimeSeries memory = series.find("workload_request_memory_bytes", "workload=web-1");
        // In steady state (the pod listens from 3.3 s): 100/s x 5 ms = 0.5 cores; 100/s x 200 ms = 20 held.
        int checked = 0;
        for (int i = 0; i < cpu.size(); i++) {
            if (cpu.timeAt(i) >= SimTime.seconds(10)) {
                assertEquals(0.5, cpu.valueAt(i), 0.02, "cores at " + cpu.timeAt(i));
                checked++;
            }
        }
        for (int i = 0; i < memory.size(); i++) {
            if (memory.timeAt(i) >= SimTime.seconds(10)) {
                assertEquals(20.0 * (1 << 20), memory.valueAt(i), 2.0 * (1 << 20), "bytes at " + memory.timeAt(i));
                checked++;
            }
        }
        assertEquals(10 + 11, checked, "samples from 10 s to 20 s: CPU per interval start, memory per instant");
        assertNull(series.find("workload_request_cpu_cores", "workload=idle-1"), "no series without costs");
    }
}
