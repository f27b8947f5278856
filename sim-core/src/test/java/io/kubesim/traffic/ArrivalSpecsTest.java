package io.kubesim.traffic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Delaying arrivals shifts every instant and every rate step by the delay, with nothing before it. */
class ArrivalSpecsTest {
    @Test
    void delaysRecordedArrivals() {
        ArrivalSpec d = ArrivalSpecs.delayed(new ArrivalSpec.Recorded(new long[]{0, 5, 5, 9}), 100);
        assertArrayEquals(new long[]{100, 105, 105, 109}, ((ArrivalSpec.Recorded) d).times());
    }

    @Test
    void delaysRateSteps() {
        RateSeries s = new RateSeries(new long[]{0, 50}, new double[]{10, 20});
        ArrivalSpec.Rate d = (ArrivalSpec.Rate) ArrivalSpecs.delayed(new ArrivalSpec.Rate(s, true), 100);
        assertEquals(0, d.series().rateAt(99));
        assertEquals(10, d.series().rateAt(100));
        assertEquals(20, d.series().rateAt(150));
        assertEquals(true, d.poisson());
    }

    @Test
    void noDelayIsTheSameSpec() {
        ArrivalSpec s = new ArrivalSpec.Rate(RateSeries.constant(1), false);
        assertEquals(s, ArrivalSpecs.delayed(s, 0));
    }
}
