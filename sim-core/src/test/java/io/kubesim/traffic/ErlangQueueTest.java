package io.kubesim.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The queueing formulas the fluid mode waits by, against textbook values. */
class ErlangQueueTest {
    private final ErlangQueue q = new ErlangQueue();

    @Test
    @DisplayName("M/M/1 with a long queue: an arrival waits with probability rho, 1/(mu - lambda) on average if it does")
    void mm1() {
        q.evaluate(1, 10_000, 0.5, 1.0, 1.0);
        assertEquals(0.5, q.waitProbability, 1e-9);
        assertEquals(2.0, q.meanWaitIfWaiting, 1e-6);
        assertEquals(0, q.blocking, 1e-12);
    }

    @Test
    @DisplayName("Erlang C: two servers at offered load 1 make one arrival in three wait")
    void erlangC() {
        q.evaluate(2, 10_000, 1.0, 1.0, 1.0);
        assertEquals(1.0 / 3, q.waitProbability, 1e-9);
        assertEquals(1.0, q.meanWaitIfWaiting, 1e-6, "1 / (c mu - lambda)");
    }

    @Test
    @DisplayName("no queue (Erlang B): one server at offered load 1 refuses half the arrivals, and nobody waits")
    void erlangB() {
        q.evaluate(1, 0, 1.0, 1.0, 1.0);
        assertEquals(0.5, q.blocking, 1e-12);
        assertEquals(0, q.waitProbability, 1e-12);
    }

    @Test
    @DisplayName("M/M/1/K at rho = 1 spreads the states evenly: blocking 1/(K+1)")
    void fullLoadFiniteQueue() {
        q.evaluate(1, 4, 1.0, 1.0, 1.0);
        assertEquals(1.0 / 6, q.blocking, 1e-9);
    }

    @Test
    @DisplayName("Allen-Cunneen: constant service times (Cs² = 0) halve the mean wait of exponential ones")
    void allenCunneen() {
        q.evaluate(4, 10_000, 3.0, 1.0, 1.0);
        double exponential = q.meanWaitIfWaiting;
        q.evaluate(4, 10_000, 3.0, 1.0, 0.0);
        assertEquals(exponential / 2, q.meanWaitIfWaiting, 1e-9);
    }

    @Test
    @DisplayName("far below capacity with many servers nothing overflows or waits")
    void manyServersLightLoad() {
        q.evaluate(1000, 100, 0.001, 1.0, 1.0);
        assertEquals(0, q.waitProbability, 1e-12);
        assertEquals(0, q.blocking, 1e-12);
    }
}
