package io.kubesim.traffic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.app.ServingModel;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Closed-loop virtual users ({@code arrivals: {closedLoop: ...}}) in exact mode: each user's next
 * request waits for the previous answer and a think time, so the entry point's rate is
 * {@code users / (latency + think time)} and falls when latency rises, while an open-loop entry
 * point keeps its rate. k8s-semantics.md 17.5: what the client sees (an answer or a failure, after
 * its latency) is what frees a user for its next request.
 */
class ClosedLoopClientsTest {
    private static final long FROM = SimTime.seconds(10);
    private static final long UNTIL = SimTime.seconds(20);

    /** One pod with room for every user (no queueing). */
    private static TrafficHarness oneRoomyPod(DurationDistribution serviceTime) {
        TrafficHarness h = new TrafficHarness();
        h.apps.put("web", TrafficHarness.app(new ServingModel(1000, 1000, serviceTime, SimTime.seconds(30), 0, 1.0,
                true, List.of()), 1, 0));
        h.start();
        h.service("web");
        h.pod("web", "web-1", null, 30);
        return h;
    }

    private static ArrivalSpec.ClosedLoop users(int users, DurationDistribution think, double maxRate) {
        return new ArrivalSpec.ClosedLoop(users, think, maxRate, FROM);
    }

    /** Requests answered by {@code UNTIL} from {@code arrivals} starting at {@code FROM}. */
    private static long answered(DurationDistribution serviceTime, ArrivalSpec arrivals) {
        return answered(serviceTime, arrivals, UNTIL);
    }

    private static long answered(DurationDistribution serviceTime, ArrivalSpec arrivals, long until) {
        TrafficHarness h = oneRoomyPod(serviceTime);
        h.traffic.addEntryPoint(new EntryPoint("web", "web", false, arrivals));
        h.sim.runUntil(until);
        return h.stats("web").requests();
    }

    static Stream<Arguments> throughputFollowsLatencyAndThinkTime() {
        return Stream.of(
                Arguments.of("10 users, 20 ms service, 80 ms think: 100/s", 10, 20, 80),
                Arguments.of("10 users, 20 ms service, no think time: 500/s", 10, 20, 0),
                Arguments.of("15 users, 100 ms service, 200 ms think: 50/s", 15, 100, 200),
                Arguments.of("1 user, 250 ms service, 750 ms think: 1/s", 1, 250, 750));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    @DisplayName("throughput is users / (latency + think time)")
    void throughputFollowsLatencyAndThinkTime(String name, int users, long serviceMillis, long thinkMillis) {
        long requests = answered(new DurationDistribution.Constant(SimTime.millis(serviceMillis)),
                users(users, new DurationDistribution.Constant(SimTime.millis(thinkMillis)), 0));
        double expected = users * (double) (UNTIL - FROM) / SimTime.millis(serviceMillis + thinkMillis);
        // Each user answers whole cycles, the first after its latency alone: within one per user.
        assertEquals(expected, requests, users, name);
    }

    @Test
    @DisplayName("random think times: the rate is users / (mean latency + mean think time), within 3 % over a minute")
    void randomThinkTime() {
        long requests = answered(new DurationDistribution.Constant(SimTime.millis(50)),
                users(20, new DurationDistribution.Exponential(SimTime.millis(150)), 0), FROM + SimTime.seconds(60));
        double expected = 20 * 60.0 / 0.2; // 6000
        assertEquals(expected, requests, expected * 0.03);
    }

    @Test
    @DisplayName("maxRate caps the users' total rate, as fortio -qps does")
    void maxRateCaps() {
        DurationDistribution service = new DurationDistribution.Constant(SimTime.millis(20));
        long capped = answered(service, users(10, DurationDistribution.Constant.ZERO, 50));
        assertEquals(500, capped, 1, "50/s for 10 s instead of 500/s");
        long uncapped = answered(service, users(10, DurationDistribution.Constant.ZERO, 0));
        assertTrue(uncapped > 4900, "without the cap: " + uncapped);
        long loose = answered(service, users(10, DurationDistribution.Constant.ZERO, 10_000));
        assertEquals(uncapped, loose, 10, "a cap above what the users reach changes nothing");
    }

    @Test
    @DisplayName("a slower service: the closed-loop users send fewer requests, an open-loop entry point at the same nominal rate does not")
    void throughputFallsWhenLatencyRises() {
        DurationDistribution fast = new DurationDistribution.Constant(SimTime.millis(20));
        DurationDistribution slow = new DurationDistribution.Constant(SimTime.millis(200));
        ArrivalSpec.ClosedLoop closed = users(15, new DurationDistribution.Constant(SimTime.millis(80)), 0);
        long closedFast = answered(fast, closed);
        long closedSlow = answered(slow, closed);
        // 15 / 0.1 s = 150/s, then 15 / 0.28 s = about 54/s.
        assertTrue(closedSlow < closedFast * 0.4, "closed loop: " + closedFast + " then " + closedSlow);

        // Open loop at the closed loop's fast rate, 150/s evenly spaced from FROM: the same count
        // whatever the latency (the requests still in flight at the end aside).
        ArrivalSpec open = ArrivalSpecs.delayed(new ArrivalSpec.Rate(RateSeries.constant(150), false), FROM);
        long openFast = answered(fast, open);
        long openSlow = answered(slow, open);
        assertEquals(openFast, openSlow, 150 * 0.2 + 1, "open loop: " + openFast + " then " + openSlow);
        assertEquals(closedFast, openFast, 15 + 3, "the nominal rates agree while the service is fast");
    }

    @Test
    @DisplayName("a failure answers too: with no endpoints each user sends again after its think time (k8s-semantics.md 17.5)")
    void failuresFreeTheUser() {
        TrafficHarness h = new TrafficHarness();
        h.start();
        h.service("web");
        h.traffic.addEntryPoint(new EntryPoint("web", "web", false,
                new ArrivalSpec.ClosedLoop(2, new DurationDistribution.Constant(SimTime.millis(100)), 0, 0)));
        h.sim.runUntil(SimTime.seconds(1) - 1);
        // Refused at once (latency 0): each user sends every 0 + 100 ms think, i.e. 10 in [0, 1 s).
        assertEquals(20, h.stats("web").count(RequestCause.NO_ENDPOINTS));
    }

    @Test
    @DisplayName("a user that fails at once with no think time still sends at most one request per millisecond")
    void minimumTurnaround() {
        TrafficHarness h = new TrafficHarness();
        h.start();
        h.service("web");
        h.traffic.addEntryPoint(new EntryPoint("web", "web", false,
                new ArrivalSpec.ClosedLoop(3, DurationDistribution.Constant.ZERO, 0, 0)));
        h.sim.runUntil(SimTime.seconds(1) - 1);
        assertEquals(3 * SimTime.seconds(1) / ClosedLoopClients.MIN_TURNAROUND,
                h.stats("web").count(RequestCause.NO_ENDPOINTS));
    }

    @Test
    @DisplayName("same seed, same outputs: two runs with random think and service times agree exactly")
    void deterministic() {
        long[][] runs = new long[2][];
        for (int i = 0; i < 2; i++) {
            TrafficHarness h = oneRoomyPod(new DurationDistribution.LogNormal(SimTime.millis(20), SimTime.millis(200)));
            h.traffic.addEntryPoint(new EntryPoint("web", "web", false,
                    users(25, new DurationDistribution.Exponential(SimTime.millis(100)), 120)));
            h.sim.runUntil(UNTIL);
            ServiceTraffic s = h.stats("web");
            long[] perSecond = new long[s.intervals() + 3];
            for (int k = 0; k < s.intervals(); k++) {
                perSecond[k] = s.requests(k);
            }
            perSecond[s.intervals()] = s.latencyPercentile(50);
            perSecond[s.intervals() + 1] = s.latencyPercentile(99);
            perSecond[s.intervals() + 2] = s.maxLatency();
            runs[i] = perSecond;
        }
        assertTrue(runs[0].length > 10);
        assertArrayEquals(runs[0], runs[1]);
    }

    @Test
    @DisplayName("fluid mode refuses closed-loop users and auto picks exact for them")
    void fluidModeRefuses() {
        TrafficHarness h = new TrafficHarness(TrafficMode.FLUID).start();
        EntryPoint entry = new EntryPoint("shop", "web", false, users(5, DurationDistribution.Constant.ZERO, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.traffic.addEntryPoint(entry));
        assertTrue(e.getMessage().contains("entry point \"shop\" has closedLoop arrivals"), e.getMessage());
        assertTrue(TrafficMode.hasClosedLoop(List.of(entry)));
        assertFalse(TrafficMode.hasClosedLoop(List.of(new EntryPoint("shop", "web", false,
                new ArrivalSpec.Rate(RateSeries.constant(10), true)))));
    }
}
