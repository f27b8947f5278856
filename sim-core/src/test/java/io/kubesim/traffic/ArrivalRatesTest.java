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
    @DisplayName("auto mode: exact up to 2000 requests per second including calls, fluid above")
    void autoMode() {
        assertEquals(TrafficMode.EXACT, TrafficMode.choose(700, 0));
        assertEquals(TrafficMode.FLUID, TrafficMode.choose(2500, 0));
        assertEquals(TrafficMode.FLUID, TrafficMode.choose(500, 4), "500 entry requests fan out to 2500");
        EntryPoint a = new EntryPoint("a", "a", false, new ArrivalSpec.Rate(RateSeries.constant(1500), true));
        EntryPoint b = new EntryPoint("b", "b", false, new ArrivalSpec.Rate(RateSeries.constant(1000), true));
        assertEquals(2500, TrafficMode.peakRate(List.of(a, b)), 1e-9);
    }

    @Test
    @DisplayName("auto mode weighs the pods serving the traffic: fluid only above 40 requests per second per serving pod")
    void autoModeWeighsServingPods() {
        // fluid steps every serving pod ten times a second whatever the rate: with many pods and a
        // moderate rate, exact is the cheaper mode (and the reference)
        assertEquals(TrafficMode.FLUID, TrafficMode.choose(3200, 0, 50), "64 requests per second per pod");
        assertEquals(TrafficMode.EXACT, TrafficMode.choose(3200, 0, 2880), "about one request per second per pod");
        assertEquals(TrafficMode.FLUID, TrafficMode.choose(200_000, 0, 2880), "70 requests per second per pod");
        assertEquals(TrafficMode.EXACT, TrafficMode.choose(1500, 0, 0), "below the threshold whatever the pods");
        assertEquals(TrafficMode.choose(2500, 0), TrafficMode.choose(2500, 0, 0));
    }
}
