package io.kubesim.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.app.ServingModel;
import io.kubesim.cluster.Pod;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The fluid mode on the situations {@link TrafficModelTest} checks request by request: the same
 * outcomes, as expected values. Volumes are whole requests once their fractions add up, so counts
 * may be one short of the exact figure.
 */
class FluidTrafficTest {
    private static final long STARTED = SimTime.millis(2300);
    /** 10 ms of its own, and a call to cart (1 s timeout) for every request. */
    private static final ServingModel FRONTEND_CALLING_CART = new ServingModel(10, 10,
            new DurationDistribution.Constant(SimTime.millis(10)), SimTime.seconds(30), 0, 1.0, true,
            List.of(new ServingModel.Call("cart", 1.0, SimTime.seconds(1))));

    private static TrafficHarness fluid() {
        return new TrafficHarness(TrafficMode.FLUID);
    }

    @Test
    @DisplayName("within capacity every request is served, in about its service time")
    void servesWithinCapacity() {
        TrafficHarness h = fluid();
        h.apps.put("web", TrafficHarness.app(TrafficHarness.serving(10, 100, 20, 30_000), 1, 0));
        h.start();
        h.service("web");
        h.pod("web", "web-1", null, 30);
        h.traffic("web", 100, SimTime.seconds(10), SimTime.seconds(20));
        h.sim.runUntil(SimTime.seconds(30));
        ServiceTraffic s = h.stats("web");
        assertEquals(1000, s.requests(), 1);
        assertEquals(s.requests(), s.succeeded());
        // 100/s x 20 ms = 2 busy of 10 workers: waiting is rare and short.
        assertTrue(s.latencyPercentile(50) >= SimTime.millis(20) && s.latencyPercentile(50) <= SimTime.millis(21),
                "p50 is the service time: " + s.latencyPercentile(50));
        assertTrue(s.latencyPercentile(99) < SimTime.millis(25), "p99: " + s.latencyPercentile(99));
    }

    @Test
    @DisplayName("beyond capacity a backlog builds; what does not fit the queue is refused with 503 queue_full")
    void overload() {
        TrafficHarness h = fluid();
        // One worker at 100 ms (10/s), five queue places, 20 requests per second for 10 s.
        h.apps.put("web", TrafficHarness.app(TrafficHarness.serving(1, 5, 100, 30_000), 1, 0));
        h.start();
        h.service("web");
        h.pod("web", "web-1", null, 30);
        h.traffic("web", 20, SimTime.seconds(10), SimTime.seconds(20));
        h.sim.runUntil(SimTime.seconds(40));
        ServiceTraffic s = h.stats("web");
        assertEquals(200, s.requests(), 1);
        // Served: 10 per second for 10 s plus the 5 queued; refused: the rest.
        assertEquals(105, s.succeeded(), 2);
        assertEquals(95, s.count(RequestCause.QUEUE_FULL), 2);
        // A full queue of 5 ahead at 10/s: half a second of waiting.
        assertTrue(s.latencyPercentile(90) >= SimTime.millis(550), "waits behind the backlog: " + s.latencyPercentile(90));
    }

    @Test
    @DisplayName("a Service with no ready pod answers 503 no_endpoints")
    void noEndpoints() {
        TrafficHarness h = fluid();
        h.start();
        h.service("web");
        h.traffic("web", 10, 0, SimTime.seconds(5));
        h.sim.runUntil(SimTime.seconds(10));
        assertEquals(50, h.stats("web").count(RequestCause.NO_ENDPOINTS), 1);
    }

    @Test
    @DisplayName("a view 3 s behind sends half the traffic to a pod after its SIGTERM until it is gone: 502 connection_refused")
    void sigtermWhileStillRouted() {
        TrafficHarness h = fluid();
        h.apps.put("web", TrafficHarness.app(TrafficHarness.serving(10, 100, 20, 30_000), 1, 1));
        h.staleFor = SimTime.seconds(3);
        h.start();
        h.service("web");
        Pod a = h.pod("web", "web-1", null, 30);
        h.pod("web", "web-2", null, 30);
        h.traffic("web", 100, SimTime.seconds(10), SimTime.seconds(30));
        h.sim.runUntil(SimTime.seconds(15));
        h.store.deletePod(a, null);
        h.sim.runUntil(SimTime.seconds(40));
        ServiceTraffic s = h.stats("web");
        assertEquals(2000, s.requests(), 1);
        // SIGTERM at 15 s; the app exits at 16 s and the pod object goes: half of 100/s for 1 s.
        assertEquals(50, s.count(RequestCause.CONNECTION_REFUSED), 6);
        assertEquals(s.failed(), s.count(RequestCause.CONNECTION_REFUSED));
    }

    @Test
    @DisplayName("an ingress retries refused connections on the next endpoint; without retries half of them fail")
    void ingressRetries() {
        for (int retries : new int[]{2, 0}) {
            TrafficHarness h = fluid();
            h.apps.put("web", TrafficHarness.app(TrafficHarness.serving(10, 100, 20, 30_000), 1, 1));
            h.staleFor = SimTime.seconds(3);
            h.start();
            h.service("web");
            Pod a = h.pod("web", "web-1", null, 30);
            h.pod("web", "web-2", null, 30);
            h.traffic(new EntryPoint("web", "web", true, new ArrivalSpec.Recorded(new long[0]), retries, 0), 100,
                    SimTime.seconds(10), SimTime.seconds(30));
            h.sim.runUntil(SimTime.seconds(15));
            h.store.deletePod(a, null);
            h.sim.runUntil(SimTime.seconds(40));
            ServiceTraffic s = h.stats("web");
            if (retries > 0) {
                assertEquals(0, s.failed(), "each refused share is retried on web-2");
            } else {
                assertEquals(50, s.count(RequestCause.CONNECTION_REFUSED), 6);
            }
        }
    }

    @Test
    @DisplayName("on SIGTERM an app that does not drain resets what it holds; one that drains finishes it")
    void drainOrReset() {
        for (boolean drain : new boolean[]{true, false}) {
            TrafficHarness h = fluid();
            ServingModel m = new ServingModel(100, 100, new DurationDistribution.Constant(SimTime.seconds(2)),
                    SimTime.seconds(30), 0, 1.0, drain, List.of());
            h.apps.put("web", TrafficHarness.app(m, 1, 5));
            h.start();
            h.service("web");
            Pod a = h.pod("web", "web-1", null, 30);
            h.traffic("web", 10, SimTime.seconds(10), SimTime.seconds(12));
            h.sim.runUntil(SimTime.seconds(12));
            h.store.deletePod(a, null);
            h.sim.runUntil(SimTime.seconds(40));
            ServiceTraffic s = h.stats("web");
            assertEquals(20, s.requests(), 1);
            if (drain) {
                assertEquals(s.requests(), s.succeeded(), "in-flight requests finish within the 5 s shutdown");
            } else {
                // 10/s from 10 s to 12 s, each held 2 s: at SIGTERM (12 s) all of them are still held.
                long reset = s.count(RequestCause.RESET_ON_SIGTERM);
                assertTrue(reset >= 18, "those in flight at SIGTERM were reset: " + reset);
                assertEquals(s.requests(), reset + s.succeeded(), "moved from served, not added");
            }
        }
    }

    @Test
    @DisplayName("requests still held when SIGKILL comes fail as killed_in_flight")
    void killedInFlight() {
        TrafficHarness h = fluid();
        ServingModel m = new ServingModel(100, 100, new DurationDistribution.Constant(SimTime.seconds(20)),
                SimTime.seconds(60), 0, 1.0, true, List.of());
        h.apps.put("web", TrafficHarness.app(m, 1, 60));
        h.start();
        h.service("web");
        Pod a = h.pod("web", "web-1", null, 10);
        h.traffic("web", 1, SimTime.seconds(10), SimTime.seconds(15));
        h.sim.runUntil(SimTime.seconds(15));
        h.store.deletePod(a, null);
        h.sim.runUntil(SimTime.seconds(60));
        // Five requests of 20 s each, started 10-15 s; SIGKILL at 25 s, before any finished.
        assertEquals(5, h.stats("web").count(RequestCause.KILLED_IN_FLIGHT), 1);
        assertEquals(5, h.stats("web").requests(), 1);
    }

    @Test
    @DisplayName("a response slower than the client's timeout counts as 504")
    void timeout() {
        TrafficHarness h = fluid();
        h.apps.put("web", TrafficHarness.app(TrafficHarness.serving(10, 10, 3000, 1000), 1, 0));
        h.start();
        h.service("web");
        h.pod("web", "web-1", null, 30);
        h.traffic("web", 1, SimTime.seconds(10), SimTime.seconds(13));
        h.sim.runUntil(SimTime.seconds(30));
        assertEquals(3, h.stats("web").count(RequestCause.TIMEOUT), 1);
        assertEquals(0, h.stats("web").succeeded());
    }

    @Test
    @DisplayName("a call to a Service with no endpoints fails the caller with dependency_failed")
    void dependencyFailure() {
        TrafficHarness h = fluid();
        h.apps.put("frontend", TrafficHarness.app(FRONTEND_CALLING_CART, 1, 0));
        h.start();
        h.service("frontend");
        h.service("cart");
        h.pod("frontend", "frontend-1", null, 30);
        h.traffic("frontend", 10, SimTime.seconds(10), SimTime.seconds(11));
        h.sim.runUntil(SimTime.seconds(20));
        // Calls reach the callee one step later, and the caller learns of failures one step after
        // that: the first 200 ms of requests still pass.
        assertEquals(10, h.stats("cart").count(RequestCause.NO_ENDPOINTS), 1);
        long failed = h.stats("frontend").count(RequestCause.DEPENDENCY_FAILED);
        assertTrue(failed >= 7 && failed <= 10, "callers fail with their dependency: " + failed);
    }

    @Test
    @DisplayName("a caller waits for its callee: a request of 10 ms that makes a 50 ms call takes about 50 ms")
    void callerWaitsForCallee() {
        TrafficHarness h = fluid();
        h.apps.put("frontend", TrafficHarness.app(FRONTEND_CALLING_CART, 1, 0));
        h.apps.put("cart", TrafficHarness.app(TrafficHarness.serving(10, 100, 50, 30_000), 1, 0));
        h.start();
        h.service("frontend");
        h.service("cart");
        h.pod("frontend", "frontend-1", null, 30);
        h.pod("cart", "cart-1", null, 30);
        h.traffic("frontend", 20, SimTime.seconds(10), SimTime.seconds(20));
        h.sim.runUntil(SimTime.seconds(30));
        // The caller's hold time is the longer of its own service time and the calls it makes,
        // drawn from the callee's latency sample: without that sample it would answer in 10 ms.
        long cart = h.stats("cart").latencyPercentile(50);
        long frontend = h.stats("frontend").latencyPercentile(50);
        assertTrue(cart >= SimTime.millis(50) && cart <= SimTime.millis(52), "callee p50 " + cart);
        assertTrue(frontend >= SimTime.millis(49) && frontend <= SimTime.millis(53), "caller p50 " + frontend);
    }

    @Test
    @DisplayName("an app that answers before it is warm is slower at first, at full speed after its warm-up")
    void warmUp() {
        ServingModel m = new ServingModel(100, 100, new DurationDistribution.Constant(SimTime.millis(100)),
                SimTime.seconds(30), SimTime.seconds(60), 4.0, true, List.of());
        TrafficHarness h = fluid();
        h.apps.put("web", TrafficHarness.app(m, 0, 0));
        h.start();
        h.service("web");
        h.pod("web", "web-1", null, 30);
        h.traffic("web", 10, STARTED, STARTED + SimTime.seconds(1));
        h.sim.runUntil(SimTime.seconds(5));
        assertTrue(h.stats("web").latencyPercentile(100) > SimTime.millis(380), "close to 4 x 100 ms");

        TrafficHarness later = fluid();
        later.apps.put("web", TrafficHarness.app(m, 0, 0));
        later.start();
        later.service("web");
        later.pod("web", "web-1", null, 30);
        later.traffic("web", 10, STARTED + SimTime.seconds(70), STARTED + SimTime.seconds(71));
        later.sim.runUntil(SimTime.seconds(80));
        assertEquals(SimTime.millis(100), later.stats("web").latencyPercentile(100), SimTime.millis(2), "warm: full speed");
    }

    @Test
    @DisplayName("an app that refuses until warm fails with not_warmed_up for exactly its warm-up time")
    void refusesUntilWarm() {
        ServingModel m = new ServingModel(100, 100, new DurationDistribution.Constant(SimTime.millis(10)),
                SimTime.seconds(30), SimTime.seconds(2), 0.0, true, List.of());
        TrafficHarness h = fluid();
        h.apps.put("web", TrafficHarness.app(m, 0, 0));
        h.start();
        h.service("web");
        h.pod("web", "web-1", null, 30);
        h.traffic("web", 100, SimTime.seconds(1), SimTime.seconds(10));
        h.sim.runUntil(SimTime.seconds(12));
        ServiceTraffic s = h.stats("web");
        // Listening from 2.3 s, warm from 4.3 s: 2 s x 100/s refused once it is routable.
        assertEquals(200, s.count(RequestCause.NOT_WARMED_UP), 11);
        assertEquals(503, RequestCause.NOT_WARMED_UP.status());
    }

    @Test
    @DisplayName("the same seed gives the same counts and latencies")
    void deterministic() {
        long[] first = null;
        for (int run = 0; run < 2; run++) {
            TrafficHarness h = fluid();
            h.apps.put("web", TrafficHarness.app(new ServingModel(4, 20,
                    new DurationDistribution.LogNormal(SimTime.millis(30), SimTime.millis(200)), SimTime.seconds(1), 0,
                    1.0, true, List.of()), 1, 0));
            h.start();
            h.service("web");
            h.pod("web", "web-1", null, 30);
            h.traffic("web", 120, SimTime.seconds(5), SimTime.seconds(25));
            h.sim.runUntil(SimTime.seconds(30));
            ServiceTraffic s = h.stats("web");
            long[] got = {s.requests(), s.succeeded(), s.count(RequestCause.QUEUE_FULL), s.count(RequestCause.TIMEOUT),
                    s.latencyPercentile(50), s.latencyPercentile(99)};
            if (first != null) {
                assertEquals(java.util.Arrays.toString(first), java.util.Arrays.toString(got));
            }
            first = got;
        }
    }
}
