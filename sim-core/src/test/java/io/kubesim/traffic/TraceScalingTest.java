package io.kubesim.traffic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubesim.engine.SimTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Playing a trace faster or slower, louder or quieter, from a later point. */
class TraceScalingTest {
    private static final long S = SimTime.MICROS_PER_SECOND;
    /** 1/s, 2/s, 3/s per minute. */
    private static final RateSeries MINUTES = new RateSeries(new long[]{0, 60 * S, 120 * S}, new double[]{1, 2, 3});

    @Test
    @DisplayName("no scaling plays the series unchanged")
    void identity() {
        assertEquals(MINUTES, TraceScaling.NONE.apply(MINUTES));
    }

    @Test
    @DisplayName("offset 30 s, time x0.5, rate x2: steps at 0, 15 s, 45 s with rates x4 (x2, and /0.5 to keep every request)")
    void scaled() {
        RateSeries played = new TraceScaling(0.5, 2, 30 * S).apply(MINUTES);
        assertArrayEquals(new long[]{0, 15 * S, 45 * S}, played.times());
        assertArrayEquals(new double[]{4, 8, 12}, played.rates(), 1e-12);
    }

    @Test
    @DisplayName("an offset before the trace's first step plays silence until it")
    void offsetBeforeTheTrace() {
        RateSeries late = new RateSeries(new long[]{10 * S}, new double[]{5});
        RateSeries played = new TraceScaling(1, 1, 4 * S).apply(late);
        assertArrayEquals(new long[]{0, 6 * S}, played.times());
        assertArrayEquals(new double[]{0, 5}, played.rates());
    }

    @Test
    @DisplayName("recorded arrivals: those before the offset dropped, the rest shifted and scaled")
    void recorded() {
        assertArrayEquals(new long[]{0, 5 * S, 15 * S},
                new TraceScaling(0.5, 1, 10 * S).apply(new long[]{0, 10 * S, 20 * S, 40 * S}));
        assertThrows(IllegalArgumentException.class, () -> new TraceScaling(1, 2, 0).apply(new long[]{0}));
    }

    @Test
    @DisplayName("an arrival spec keeps its kind and its Poisson flag: time x2 doubles step times and halves rates")
    void spec() {
        assertEquals(new ArrivalSpec.Rate(new RateSeries(new long[]{0, 120 * S, 240 * S}, new double[]{0.5, 1, 1.5}), false),
                new TraceScaling(2, 1, 0).apply(new ArrivalSpec.Rate(MINUTES, false)));
        assertEquals(new ArrivalSpec.Recorded(new long[]{2 * S}),
                new TraceScaling(2, 1, 0).apply(new ArrivalSpec.Recorded(new long[]{S})));
    }

    @Test
    @DisplayName("scaling must be positive and finite; the offset not negative")
    void invalid() {
        assertThrows(IllegalArgumentException.class, () -> new TraceScaling(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TraceScaling(1, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TraceScaling(1, 1, -1));
    }
}
