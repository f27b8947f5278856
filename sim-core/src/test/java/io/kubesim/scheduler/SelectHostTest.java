package io.kubesim.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * selectHost, k8s-semantics.md 3.3 step 7: the highest total wins; ties are broken uniformly at
 * random among the tied nodes. kubesim draws once among them where upstream samples a reservoir
 * (the same distribution, docs/fidelity.md).
 */
class SelectHostTest {

    @Test
    @DisplayName("a node that leads alone wins, and no random value is drawn")
    void soleLeaderTakesNoDraw() {
        Well19937c rng = new Well19937c(7);
        assertEquals(2, Scheduler.selectHost(new long[] {10, 40, 90, 40, 12}, rng));
        assertEquals(new Well19937c(7).nextInt(), rng.nextInt());
    }

    @Test
    @DisplayName("only nodes with the highest total are chosen, each of them about as often")
    void tiesAreUniform() {
        long[] totals = {70, 95, 10, 95, 94, 95, 0};
        Well19937c rng = new Well19937c(42);
        long[] chosen = new long[totals.length];
        int draws = 30_000;
        for (int i = 0; i < draws; i++) {
            chosen[Scheduler.selectHost(totals, rng)]++;
        }
        assertEquals(draws, chosen[1] + chosen[3] + chosen[5], Arrays.toString(chosen));
        double[] expected = {draws / 3.0, draws / 3.0, draws / 3.0};
        long[] observed = {chosen[1], chosen[3], chosen[5]};
        assertTrue(new ChiSquareTest().chiSquareTest(expected, observed) > 0.001, Arrays.toString(observed));
    }

    @Test
    @DisplayName("the first and the last node of the list can win a tie")
    void endsOfTheListWin() {
        long[] totals = {5, 1, 5};
        Well19937c rng = new Well19937c(1);
        boolean first = false;
        boolean last = false;
        for (int i = 0; i < 200 && !(first && last); i++) {
            int c = Scheduler.selectHost(totals, rng);
            first |= c == 0;
            last |= c == 2;
        }
        assertTrue(first && last);
    }

    @Test
    @DisplayName("a tie among 500 nodes costs one draw, whatever their number")
    void oneDrawPerTie() {
        long[] totals = new long[500];
        Arrays.fill(totals, 300);
        Well19937c rng = new Well19937c(3);
        Well19937c twin = new Well19937c(3);
        assertEquals(twin.nextInt(500), Scheduler.selectHost(totals, rng));
        assertEquals(twin.nextInt(), rng.nextInt());
    }
}
