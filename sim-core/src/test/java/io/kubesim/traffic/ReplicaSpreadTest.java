package io.kubesim.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.app.ServingModel;
import io.kubesim.cluster.Pod;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.TimeSeriesStore;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How evenly a workload's replicas share its load ({@link ReplicaSpread}): per interval the
 * coefficient of variation over the pods that served the whole interval, then the mean and the
 * worst. Here every pod belongs to one workload, {@code Deployment/web}, whatever Service routes
 * to it, so that the load can be made uneven on purpose.
 */
class ReplicaSpreadTest {
    private static final String WORKLOAD = "Deployment/web";
    /** 2 ms of CPU per request, 20 ms of service time, room for all. */
    private static final ServingModel APP = new ServingModel(50, 100, new DurationDistribution.Constant(SimTime.millis(20)),
            SimTime.seconds(30), 0, 1.0, true, List.of(), SimTime.millis(2), 0);

    private static TrafficHarness harness(TrafficMode mode) {
        TrafficHarness h = new TrafficHarness(mode);
        h.apps.put("a", TrafficHarness.app(APP, 1, 1));
        h.apps.put("b", TrafficHarness.app(APP, 1, 1));
        h.start();
        h.traffic.ledger().pods().describe(p -> WORKLOAD, (ns, n) -> n);
        h.service("a");
        h.service("b");
        return h;
    }

    /** Samples every second up to {@code seconds}, running {@code at} (or nothing) before the sample at each second. */
    private static ReplicaSpread.Spread run(TrafficHarness h, int seconds, java.util.function.IntConsumer at) {
        ReplicaSpread spread = new ReplicaSpread(h.traffic, SimTime.seconds(1));
        for (int s = 0; s <= seconds; s++) {
            h.sim.runUntil(SimTime.seconds(s));
            at.accept(s);
            spread.sample(SimTime.seconds(s), new TimeSeriesStore());
        }
        return spread.of(WORKLOAD);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TrafficMode.class)
    @DisplayName("three pods offered 100, 50 and 50 requests a second: spread √((33.3² + 2·16.7²)/3) / 66.7 = 0.354")
    void unevenLoad(TrafficMode mode) {
        TrafficHarness h = harness(mode);
        h.pod("a", "a-1", null, 30);
        h.pod("b", "b-1", null, 30);
        h.pod("b", "b-2", null, 30);
        h.traffic("a", 100, SimTime.millis(10_500), SimTime.seconds(40));
        h.traffic("b", 100, SimTime.millis(10_500), SimTime.seconds(40));
        ReplicaSpread.Spread s = run(h, 40, t -> { });
        double expected = Math.sqrt(2) / 4;
        // kube-proxy picks b-1 or b-2 at random per request in exact mode: about ±5 per second.
        double tolerance = mode == TrafficMode.FLUID ? 1e-9 : 0.03;
        assertEquals(30, s.intervals(), "the intervals from 10 s to 40 s have traffic (from 10.5 s, off the sample instant)");
        assertEquals(expected, s.requestsMean(), tolerance);
        assertEquals(s.requestsMean(), s.cpuMean(), 1e-9, "every request costs the same CPU");
        assertTrue(s.requestsMax() >= s.requestsMean());
    }

    @Test
    @DisplayName("pods starting or stopping mid-interval are left out of it: a scale-up and a deletion leave an even load even")
    void partialIntervalsDoNotCount() {
        TrafficHarness h = harness(TrafficMode.FLUID);
        h.pod("a", "a-1", null, 30);
        h.pod("a", "a-2", null, 30);
        Pod leaving = h.pod("a", "a-3", null, 30);
        h.traffic("a", 300, SimTime.seconds(10), SimTime.seconds(60));
        ReplicaSpread.Spread s = run(h, 60, t -> {
            if (t == 20) {
                h.pod("a", "a-4", null, 30); // Ready about 2.3 s later, mid-interval
            }
            if (t == 40) {
                h.store.deletePod(leaving, null);
            }
        });
        assertEquals(50, s.intervals());
        assertEquals(0, s.requestsMax(), 1e-9, "the fluid model splits evenly over the pods routed to");
    }

    @Test
    @DisplayName("a pod that is Ready but gets no requests counts: the others carry its share")
    void readyPodWithoutRequests() {
        TrafficHarness h = harness(TrafficMode.FLUID);
        h.pod("a", "a-1", null, 30);
        h.pod("b", "b-1", null, 30);
        h.traffic("a", 100, SimTime.seconds(10), SimTime.seconds(20));
        ReplicaSpread.Spread s = run(h, 20, t -> { });
        assertEquals(10, s.intervals());
        assertEquals(1.0, s.requestsMean(), 1e-9, "[100, 0]: standard deviation 50, mean 50");
    }

    @Test
    @DisplayName("one replica has no spread")
    void oneReplica() {
        TrafficHarness h = harness(TrafficMode.EXACT);
        h.pod("a", "a-1", null, 30);
        h.traffic("a", 100, SimTime.seconds(10), SimTime.seconds(20));
        assertNull(run(h, 20, t -> { }));
    }
}
