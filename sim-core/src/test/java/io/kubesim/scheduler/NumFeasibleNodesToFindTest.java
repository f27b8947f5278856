package io.kubesim.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * numFeasibleNodesToFind, k8s-semantics.md 3.3: all nodes below 100; adaptive percentage
 * max(50 - N/125, 5) (integer division) when configured 0; never fewer than 100.
 */
class NumFeasibleNodesToFindTest {
    @ParameterizedTest(name = "pct {0}, N={1} -> {2}")
    @CsvSource({
            "0,50,50",        // fewer than 100 nodes: all of them
            "0,100,100",      // 50 % of 100 = 50, raised to the minimum 100
            "0,1000,420",     // 50 - 8 = 42 %
            "0,5000,500",     // 50 - 40 = 10 %
            "0,6000,300",     // 50 - 48 = 2 %, raised to the 5 % floor
            "40,6000,2400",   // configured 40 %
            "100,6000,6000",  // 100 % or more: all
            "1,1000,100"})    // 1 % = 10, raised to 100
    void examples(int pct, int nodes, int expected) {
        assertEquals(expected, Scheduler.numFeasibleNodesToFind(pct, nodes));
    }
}
