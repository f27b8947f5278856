package io.kubesim.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.app.ClientSpec;
import io.kubesim.app.OnFailure;
import io.kubesim.app.ServingModel;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a caller answers when a call it needs fails (issue 15, "what callers answer"): the status
 * its call edge says, the callee's own status, or 200 with a fallback. {@code front} calls
 * {@code api}, which has no pod, so every call fails with no_endpoints (503); the entry point's
 * clients count what {@code front} answered. Both traffic modes agree.
 */
class CallerAnswersTest {
    private static final long S = SimTime.seconds(1);

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("default", OnFailure.DEFAULT, Map.of(502, 300L), 0L),
                Arguments.of("500", new OnFailure(false, 500), Map.of(500, 300L), 0L),
                Arguments.of("propagate", OnFailure.PROPAGATE, Map.of(503, 300L), 0L),
                Arguments.of("fallback", OnFailure.FALLBACK, Map.of(200, 300L), 300L));
    }

    @ParameterizedTest(name = "{0}, exact")
    @MethodSource("answers")
    void exact(String name, OnFailure answer, Map<Integer, Long> byStatus, long degraded) {
        check(TrafficMode.EXACT, answer, byStatus, degraded);
    }

    @ParameterizedTest(name = "{0}, fluid")
    @MethodSource("answers")
    void fluid(String name, OnFailure answer, Map<Integer, Long> byStatus, long degraded) {
        // The fluid mode passes no callee status on: propagate counts as 502 there.
        check(TrafficMode.FLUID, answer, answer == OnFailure.PROPAGATE ? Map.of(502, 300L) : byStatus, degraded);
    }

    private static void check(TrafficMode mode, OnFailure answer, Map<Integer, Long> byStatus, long degraded) {
        TrafficHarness h = new TrafficHarness(mode);
        ServingModel front = new ServingModel(64, 100, new DurationDistribution.Constant(SimTime.millis(5)),
                SimTime.seconds(5), 0, 1.0, true,
                List.of(new ServingModel.Call("default/api", 1.0, SimTime.seconds(2), ClientSpec.OPEN_LOOP, answer)));
        h.apps.put("front", TrafficHarness.app(front, 1, 1));
        h.start();
        h.service("front");
        h.service("api");
        h.pod("front", "front-1", null, 30);
        h.traffic("front", 10, 10 * S, 40 * S);
        h.sim.runUntil(60 * S);
        h.traffic.settle();
        TrafficLedger ledger = h.traffic.ledger();
        // Fluid mode: callers learn of a dependency's failures one step (100 ms) late, so the first
        // step's requests still succeed.
        long slack = mode == TrafficMode.FLUID ? 3 : 0;
        Map<Integer, Long> actual = ledger.entryStatuses();
        assertEquals(300, actual.values().stream().mapToLong(Long::longValue).sum(), actual.toString());
        for (Map.Entry<Integer, Long> e : byStatus.entrySet()) {
            assertEquals(e.getValue(), actual.getOrDefault(e.getKey(), 0L), slack, actual.toString());
        }
        assertEquals(degraded, ledger.entryDegraded(), slack);
        assertEquals(degraded, h.stats("front").degraded(), slack, "served with a fallback");
        assertEquals(300, h.stats("api").count(RequestCause.NO_ENDPOINTS), 1, "every call failed");
        assertEquals(answer.fallback() ? 0 : 300, h.stats("front").count(RequestCause.DEPENDENCY_FAILED), Math.max(1, slack));
    }
}
