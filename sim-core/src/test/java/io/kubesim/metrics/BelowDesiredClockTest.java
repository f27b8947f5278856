package io.kubesim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Time below desired counts only after the first full availability, and an open stretch up to now. */
class BelowDesiredClockTest {
    private static final long S = 1_000_000L;

    @Test
    @DisplayName("startup is not below desired: -1 until first fully available, then 0")
    void startupDoesNotCount() {
        BelowDesiredClock c = new BelowDesiredClock();
        c.update(0, 0, 3);
        c.update(5 * S, 2, 3);
        assertEquals(-1, c.micros(10 * S));
        c.update(10 * S, 3, 3);
        assertEquals(0, c.micros(20 * S));
    }

    @Test
    @DisplayName("each stretch below desired adds up; one still open counts up to now")
    void stretchesAddUp() {
        BelowDesiredClock c = new BelowDesiredClock();
        c.update(0, 3, 3);
        c.update(10 * S, 2, 3);
        c.update(12 * S, 1, 3);
        c.update(15 * S, 3, 3);
        assertEquals(5 * S, c.micros(20 * S));
        c.update(30 * S, 2, 3);
        assertEquals(5 * S + 8 * S, c.micros(38 * S));
    }

    @Test
    @DisplayName("a scale-up is below desired until the new pods are available")
    void scaleUpCounts() {
        BelowDesiredClock c = new BelowDesiredClock();
        c.update(0, 2, 2);
        c.update(60 * S, 2, 4);
        c.update(70 * S, 4, 4);
        assertEquals(10 * S, c.micros(100 * S));
    }
}
