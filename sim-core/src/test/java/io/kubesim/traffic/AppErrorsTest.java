package io.kubesim.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.app.ClientSpec;
import io.kubesim.app.RetryOn;
import io.kubesim.app.RetryPolicy;
import io.kubesim.app.ServingModel;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An application that answers a share of what it serves with an error of its own (a bad release's
 * {@code serving.errorRatio}): cause app_error, with the version's status; a client that retries
 * that status gets most of them served on another try.
 */
class AppErrorsTest {
    private static final long S = SimTime.seconds(1);

    private static TrafficHarness run(TrafficMode mode, ClientSpec client) {
        TrafficHarness h = new TrafficHarness(mode);
        ServingModel api = new ServingModel(64, 100, new DurationDistribution.Constant(SimTime.millis(10)),
                SimTime.seconds(5), 0, 1.0, true, List.of(), 0, 0, 0, 0.3, 503);
        h.apps.put("api", TrafficHarness.app(api, 1, 1));
        h.start();
        h.service("api");
        h.pod("api", "api-1", null, 30);
        h.pod("api", "api-2", null, 30);
        h.traffic(new EntryPoint("api", "api", false, new ArrivalSpec.Recorded(new long[0]), 0, 0, client, 1),
                100, 10 * S, 40 * S);
        h.sim.runUntil(60 * S);
        h.traffic.settle();
        return h;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TrafficMode.class, names = {"EXACT", "FLUID"})
    void aThirdOfRequestsAnswered503(TrafficMode mode) {
        TrafficHarness h = run(mode, null);
        ServiceTraffic s = h.stats("api");
        long slack = mode == TrafficMode.EXACT ? 60 : 3; // exact draws: 3000 x 0.3 with sd ~25
        assertEquals(900, s.count(RequestCause.APP_ERROR), slack);
        assertEquals(s.count(RequestCause.APP_ERROR), h.traffic.ledger().entryStatuses().getOrDefault(503, 0L), 1);
        assertEquals(3000, s.requests(), 1);
    }

    @org.junit.jupiter.api.Test
    void aRetryOn503ServesMostOfThem() {
        RetryPolicy retry = new RetryPolicy(1, 0, 0, 0, Set.of(RetryOn.STATUS_503), false, null);
        ClientSpec client = ClientSpec.OPEN_LOOP.withRetry(retry);
        ServiceTraffic s = run(TrafficMode.EXACT, client).stats("api");
        assertEquals(270, s.count(RequestCause.APP_ERROR), 40, "0.3 x 0.3 of 3000 fail twice");
        assertEquals(900, s.retried(), 60);
    }
}
