package io.kubesim.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.engine.SimTime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rates as the fluid mode reads them, and the automatic choice of mode. */
class ArrivalRatesTest {
    @Test
    @DisplayName("a rate series averages over a window that spans a step change")
    void seriesAverage() {
        ArrivalRates r = ArrivalRates.of(new ArrivalSpec.Rate(
                new RateSeries(new long[]{0, SimTime.seconds(1)}, new double[]{100, 300}), true));
        assertEquals(200, r.average(SimTime.millis(500), SimTime.millis(1500)), 1e-9);
        assertEquals(300, r.peak());
    }

    @Test
    @DisplayName("recorded arrivals become the rate of those in the window, none lost or counted twice")
    void recordedAverage() {
        long[] times = {0, SimTime.millis(50), SimTime.millis(100), SimTime.millis(100), SimTime.millis(250)};
        ArrivalRates r = ArrivalRates.of(new ArrivalSpec.Recorded(times));
        double total = 0;
        for (long t = 0; t < SimTime.seconds(1); t += SimTime.millis(100)) {
            total += r.average(t, t + SimTime.millis(100)) * 0.1;
        }
        assertEquals(5, total, 1e-9);
        assertEquals(20, r.average(0, SimTime.millis(100)), 1e-9, "two arrivals in 100 ms");
        assertEquals(5, r.peak(), "the busiest second");
    }

    @Test
    @DisplayName("auto mode: exact while its requests fit the budget, fluid beyond it where the fluid mode costs less")
    void autoMode() {
        // the budget (10 s) buys about 10 million requests of exact mode
        assertEquals(TrafficMode.EXACT, TrafficMode.choose(8e6, 3600, 1), "about 8 s exact");
        assertEquals(TrafficMode.FLUID, TrafficMode.choose(20e6, 3600, 1), "20 s exact, 0.4 s fluid");
        // a day of 100 Services at 100 requests per second: 864 million requests (864 s exact; fluid
        // 259 s: 10 latency values a step)
        assertEquals(TrafficMode.FLUID, TrafficMode.choose(864e6, 86_400, 100));
        // a day of 1,000 Services at one request per second each: 86 s exact, but 1,309 s of fluid steps
        assertEquals(TrafficMode.EXACT, TrafficMode.choose(86.4e6, 86_400, 1000), "fluid would cost more");
        assertEquals(TrafficMode.EXACT, TrafficMode.choose(0, 86_400, 0), "no traffic");
    }

    @Test
    @DisplayName("the requests of a run: each entry point's rate integrated over the duration")
    void requestsOfARun() {
        EntryPoint constant = new EntryPoint("a", "a", false, new ArrivalSpec.Rate(RateSeries.constant(100), true));
        assertEquals(360_000, TrafficMode.requests(constant, SimTime.seconds(3600)), 1e-6);
        EntryPoint steps = new EntryPoint("b", "b", false, new ArrivalSpec.Rate(
                new RateSeries(new long[]{0, SimTime.seconds(60)}, new double[]{10, 1000}), true));
        assertEquals(10 * 60 + 1000 * 60, TrafficMode.requests(steps, SimTime.seconds(120)), 1e-6);
        long[] times = {0, SimTime.millis(50), SimTime.seconds(5), SimTime.seconds(200)};
        EntryPoint recorded = new EntryPoint("c", "c", false, new ArrivalSpec.Recorded(times));
        assertEquals(3, TrafficMode.requests(recorded, SimTime.seconds(100)), 1e-9, "those within the run");
        EntryPoint a = new EntryPoint("a", "a", false, new ArrivalSpec.Rate(RateSeries.constant(1500), true));
        EntryPoint b = new EntryPoint("b", "b", false, new ArrivalSpec.Rate(RateSeries.constant(1000), true));
        assertEquals(2500, TrafficMode.peakRate(List.of(a, b)), 1e-9);
    }
}
