package io.kubesim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** An empirical distribution replays its measured values, each equally likely. */
class EmpiricalDistributionTest {
    private final DurationDistribution.Empirical d = new DurationDistribution.Empirical(new long[]{10, 20, 20, 70});

    @Test
    @DisplayName("samples only the listed values, in proportion to how often each is listed")
    void samples() {
        Well19937c rng = new Well19937c(1);
        TreeMap<Long, Integer> counts = new TreeMap<>();
        for (int i = 0; i < 40_000; i++) {
            counts.merge(d.sample(rng), 1, Integer::sum);
        }
        assertEquals(Set.of(10L, 20L, 70L), counts.keySet());
        assertTrue(Math.abs(counts.get(20L) - 20_000) < 500, "20 is listed twice: " + counts);
        assertTrue(Math.abs(counts.get(10L) - 10_000) < 500, counts.toString());
    }

    @Test
    @DisplayName("the mean is the values' mean; equality is by value")
    void meanAndEquality() {
        assertEquals(30, d.mean());
        assertEquals(d, new DurationDistribution.Empirical(new long[]{10, 20, 20, 70}));
    }

    @Test
    @DisplayName("no values, or a negative one, is rejected")
    void rejects() {
        assertThrows(IllegalArgumentException.class, () -> new DurationDistribution.Empirical(new long[0]));
        assertThrows(IllegalArgumentException.class, () -> new DurationDistribution.Empirical(new long[]{-1}));
    }
}
