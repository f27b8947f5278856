package io.kubesim.controllers.daemonset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.api.DaemonSetUpdateStrategy;
import io.kubesim.api.IntOrPercent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** updatedDesiredNodeCounts (k8s-semantics.md 12.6): percentages round up, unlike a Deployment's maxUnavailable. */
class DaemonSetFencepostsTest {
    @ParameterizedTest(name = "{0}: maxUnavailable {1}, maxSurge {2} of {3} nodes -> {4} / {5}")
    @CsvSource(delimiter = '|', value = {
        "10% of 15 rounds up (a Deployment gives 1)  | 10% | 0   | 15 | 2 | 0",
        "the default                                 | 1   | 0   | 40 | 1 | 0",
        "25% of 4                                    | 25% | 0   | 4  | 1 | 0",
        "surge 10% of 15 rounds up too               | 0   | 10% | 15 | 0 | 2",
        "0% of 5 and no surge falls back to 1        | 0%  | 0   | 5  | 1 | 0",
        "no node: nothing to fall back for           | 0%  | 0   | 0  | 0 | 0",
    })
    void resolve(String name, String unavailable, String surge, int desired, int wantUnavailable, int wantSurge) {
        DaemonSetUpdateStrategy s = new DaemonSetUpdateStrategy(false, IntOrPercent.parse(unavailable),
                IntOrPercent.parse(surge));
        assertEquals(new DaemonSetRollingUpdate.Fenceposts(wantUnavailable, wantSurge),
                DaemonSetRollingUpdate.Fenceposts.resolve(s, desired));
    }
}
