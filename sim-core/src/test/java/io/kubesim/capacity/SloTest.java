package io.kubesim.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.engine.SimTime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A run meets an SLO when no bound is exceeded; a bound met exactly is met. */
class SloTest {
    private static RunOutcome outcome(long requests, long failed, long p99Millis, long pendingSeconds) {
        return new RunOutcome(requests, failed, SimTime.millis(p99Millis), "frontend", SimTime.seconds(pendingSeconds),
                "default/web-1", 0);
    }

    private static final Slo SLO = new Slo(0.01, SimTime.millis(200), SimTime.minutes(1));

    @Test
    @DisplayName("every bound exactly met: no violation")
    void boundsAreInclusive() {
        assertEquals(List.of(), SLO.violations(outcome(1000, 10, 200, 60)));
    }

    @Test
    @DisplayName("each bound exceeded is named, with the figures")
    void eachViolationIsNamed() {
        List<String> v = SLO.violations(outcome(1000, 11, 201, 61));
        assertEquals(3, v.size(), v.toString());
        assertEquals("error ratio 1.1% > 1% (11 of 1000 requests failed)", v.get(0));
        assertEquals("p99 of frontend 201.0 ms > 200ms", v.get(1));
        assertEquals("pod default/web-1 waited 1m1s for a node > 1m", v.get(2));
    }

    @Test
    @DisplayName("a negative bound is not checked; a run without requests has error ratio 0")
    void uncheckedBounds() {
        Slo none = new Slo(-1, -1, -1);
        assertEquals(List.of(), none.violations(outcome(10, 10, 100_000, 3600)));
        assertEquals(0.0, outcome(0, 0, 0, 0).errorRatio());
        assertEquals("none", none.describe());
    }

    @Test
    @DisplayName("replications: an error ratio's upper confidence bound is at most 100 %")
    void errorRatioBoundIsAtMostOne() {
        List<String> v = SLO.judge(List.of(outcome(1000, 1000, 0, 0), outcome(1000, 1000, 0, 0),
                outcome(1000, 200, 0, 0)), 0.95);
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).startsWith("error ratio 100% > 1% at 95 % confidence (mean 73.3333%"), v.get(0));
    }

    @Test
    @DisplayName("the default: 0.1 % of requests and 2 minutes of pending, p99 unchecked")
    void defaults() {
        assertEquals("error-ratio=0.1%,pending=2m", Slo.DEFAULT.describe());
        assertTrue(Slo.DEFAULT.violations(outcome(1000, 1, 10_000, 120)).isEmpty());
        assertEquals(1, Slo.DEFAULT.violations(outcome(1000, 2, 10, 0)).size());
    }
}
