package io.kubesim.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.api.IntOrPercent;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ResolveFenceposts examples from k8s-semantics.md 2.2: surge rounds up, unavailable down, 0/0 → 0/1. */
class FencepostsTest {

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("39%/39% of 10", "39%", "39%", 10, 4, 3),
                Arguments.of("25%/25% of 10", "25%", "25%", 10, 3, 2),
                Arguments.of("25%/25% of 3", "25%", "25%", 3, 1, 0),
                Arguments.of("0%/0% of 0 gives unavailable 1", "0%", "0%", 0, 0, 1),
                Arguments.of("0/0 of 10 gives unavailable 1", "0", "0", 10, 0, 1),
                Arguments.of("50% unavailable of 10", "0", "50%", 10, 0, 5),
                Arguments.of("absolute values are not scaled", "2", "10", 5, 2, 10));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void resolves(String name, String surge, String unavailable, int replicas, int wantSurge, int wantUnavailable) {
        Fenceposts f = Fenceposts.resolve(IntOrPercent.parse(surge), IntOrPercent.parse(unavailable), replicas);
        assertEquals(wantSurge, f.surge(), "surge");
        assertEquals(wantUnavailable, f.unavailable(), "unavailable");
    }

    @org.junit.jupiter.api.Test
    void maxUnavailableIsCappedAtReplicas() {
        // 2.2: MaxUnavailable(d) = min(unavailable, replicas): maxUnavailable 10 with 5 replicas → 5.
        ControllerHarness h = new ControllerHarness().start();
        var d = h.create(ControllerHarness.deployment("web", 5, ControllerHarness.rolling("0", "10")));
        assertEquals(5, Fenceposts.maxUnavailable(d));
        assertEquals(0, Fenceposts.minAvailable(d));
    }
}
