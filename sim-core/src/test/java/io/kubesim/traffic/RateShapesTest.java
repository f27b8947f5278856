package io.kubesim.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubesim.engine.SimTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The load shapes as step series: rates at chosen times, worked by hand. */
class RateShapesTest {
    private static final long S = SimTime.MICROS_PER_SECOND;
    private static final long M = SimTime.MICROS_PER_MINUTE;
    private static final long H = SimTime.MICROS_PER_HOUR;

    /** ramp from 10 to 200 over 10 s starting at 60 s: step k of 10 has 10 + 190 k / 10. */
    private static final RateSeries RAMP = RateShapes.ramp(10, 200, 10 * S, 60 * S);
    /** 20 until 5 m, then 80. */
    private static final RateSeries STEPS = RateShapes.steps(List.of(new RateShapes.Step(0, 20),
            new RateShapes.Step(5 * M, 80)));
    /** mean 100, amplitude 60, daily, peak at 14 h, two days. */
    private static final RateSeries DIURNAL = RateShapes.diurnal(100, 60, 24 * H, 14 * H, 48 * H);
    /** base 20; 300/s for 30 s at 3 m; 5x base for 1 m at 10 m. */
    private static final RateSeries SPIKES = RateShapes.spikes(20, List.of(
            RateShapes.Burst.relative(10 * M, M, 5), RateShapes.Burst.absolute(3 * M, 30 * S, 300)));

    static Stream<Arguments> ratesAt() {
        return Stream.of(
                Arguments.of("constant", RateShapes.constant(50), 3 * H, 50.0),
                Arguments.of("ramp: from before it starts", RAMP, 59 * S, 10.0),
                Arguments.of("ramp: first step", RAMP, 60 * S, 10.0),
                Arguments.of("ramp: second step", RAMP, 61 * S, 29.0),
                Arguments.of("ramp: inside the sixth step", RAMP, 65 * S + 500_000, 105.0),
                Arguments.of("ramp: last step", RAMP, 69 * S, 181.0),
                Arguments.of("ramp: to once over", RAMP, 70 * S, 200.0),
                Arguments.of("ramp: to forever", RAMP, 5 * H, 200.0),
                Arguments.of("steps: first", STEPS, 5 * M - 1, 20.0),
                Arguments.of("steps: second exactly at its time", STEPS, 5 * M, 80.0),
                Arguments.of("diurnal: peak is mean + amplitude", DIURNAL, 14 * H, 160.0),
                Arguments.of("diurnal: within the peak's minute", DIURNAL, 14 * H + 30 * S, 160.0),
                Arguments.of("diurnal: trough 12 h from the peak", DIURNAL, 2 * H, 40.0),
                Arguments.of("diurnal: the next day's peak", DIURNAL, 38 * H, 160.0),
                Arguments.of("diurnal: a quarter period from the peak is the mean", DIURNAL, 8 * H, 100.0),
                Arguments.of("diurnal: floored at 0", RateShapes.diurnal(50, 80, 24 * H, 14 * H, 24 * H), 2 * H, 0.0),
                Arguments.of("spikes: base before a burst", SPIKES, 3 * M - 1, 20.0),
                Arguments.of("spikes: absolute burst", SPIKES, 3 * M, 300.0),
                Arguments.of("spikes: absolute burst's last microsecond", SPIKES, 3 * M + 30 * S - 1, 300.0),
                Arguments.of("spikes: base after the burst", SPIKES, 3 * M + 30 * S, 20.0),
                Arguments.of("spikes: relative burst", SPIKES, 10 * M, 100.0),
                Arguments.of("spikes: base after the relative burst", SPIKES, 11 * M, 20.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void ratesAt(String name, RateSeries series, long t, double expected) {
        assertEquals(expected, series.rateAt(t), 1e-9);
    }

    @Test
    @DisplayName("a diurnal series has one step per minute up to the horizon")
    void diurnalStepCount() {
        assertEquals(2 * 24 * 60, DIURNAL.times().length);
        assertEquals(M, DIURNAL.times()[1]);
    }

    @Test
    @DisplayName("a ramp over 0 s jumps at its start")
    void instantRamp() {
        RateSeries r = RateShapes.ramp(1, 9, 0, 10 * S);
        assertEquals(1.0, r.rateAt(10 * S - 1));
        assertEquals(9.0, r.rateAt(10 * S));
    }

    @Test
    @DisplayName("overlapping bursts and steps out of order are rejected")
    void rejects() {
        assertThrows(IllegalArgumentException.class, () -> RateShapes.spikes(1, List.of(
                RateShapes.Burst.absolute(0, 10 * S, 5), RateShapes.Burst.absolute(5 * S, 10 * S, 5))));
        assertThrows(IllegalArgumentException.class, () -> RateShapes.steps(List.of(
                new RateShapes.Step(5 * S, 1), new RateShapes.Step(5 * S, 2))));
    }
}
