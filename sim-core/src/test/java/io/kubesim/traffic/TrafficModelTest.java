package io.kubesim.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.LifecycleHandler;
import io.kubesim.app.ServingModel;
import io.kubesim.cluster.Pod;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * How the application in a pod serves, queues, refuses and loses requests, and which cause each
 * failure is put down to. Pods start at 0.1 s (pod worker) + 1 s (sandbox) + 1 s (pull) + 0.2 s
 * (container start) = 2.3 s, and listen after their start-up time.
 */
class TrafficModelTest {
    private static final long STARTED = SimTime.millis(2300);

    @Test
    @DisplayName("a pod within its capacity serves every request in its service time")
    void servesWithinCapacity() {
        TrafficHarness h = new TrafficHarness();
        h.apps.put("web", TrafficHarness.app(TrafficHarness.serving(10, 100, 20, 30_000), 1, 0));
        h.start();
        h.service("web");
        h.pod("web", "web-1", null, 30);
        h.traffic("web", 100, SimTime.seconds(10), SimTime.seconds(20));
        h.sim.runUntil(SimTime.seconds(30));
        ServiceTraffic s = h.stats("web");
        assertEquals(1000, s.requests());
        assertEquals(1000, s.succeeded());
        assertTrue(s.latencyPercentile(50) >= SimTime.millis(20) && s.latencyPercentile(99) <= SimTime.millis(21),
                "latency is the service time: " + s.latencyPercentile(50));
    }

    @Test
    @DisplayName("beyond concurrency and queue, requests are refused with 503 queue_full")
    void queueFull() {
        TrafficHarness h = new TrafficHarness();
        // One worker, one queue slot, 1 s per request, 10 requests per second.
        h.apps.put("web", TrafficHarness.app(TrafficHarness.serving(1, 1, 1000, 30_000), 1, 0));
        h.start();
        h.service("web");
        h.pod("web", "web-1", null, 30);
        h.traffic("web", 10, SimTime.seconds(10), SimTime.seconds(20));
        h.sim.runUntil(SimTime.seconds(40));
        ServiceTraffic s = h.stats("web");
        assertEquals(100, s.requests());
        // Served: the first, then one per second as the worker frees (the queued one goes in):
        // arrivals at 10.0 (served), 10.1 (queued), the rest of each second refused.
        assertEquals(11, s.succeeded());
        assertEquals(89, s.count(RequestCause.QUEUE_FULL));
        assertEquals(503, RequestCause.QUEUE_FULL.status());
    }

    @Test
    @DisplayName("a Service with no ready pod answers 503 no_endpoints")
    void noEndpoints() {
        TrafficHarness h = new TrafficHarness();
        h.start();
        h.service("web");
        h.traffic("web", 10, 0, SimTime.seconds(5));
        h.sim.runUntil(SimTime.seconds(10));
        assertEquals(50, h.stats("web").count(RequestCause.NO_ENDPOINTS));
    }

    @Test
    @DisplayName("a balancer 3 s behind still routes to a pod after its SIGTERM: 502 connection_refused; a 5 s preStop sleep avoids it")
    void sigtermWhileStillRouted() {
        for (boolean preStop : new boolean[]{false, true}) {
            TrafficHarness h = new TrafficHarness();
            h.apps.put("web", TrafficHarness.app(TrafficHarness.serving(10, 100, 20, 30_000), 1, 1));
            h.staleFor = SimTime.seconds(3);
            h.start();
            h.service("web");
            Pod a = h.pod("web", "web-1", preStop ? new LifecycleHandler("sleep 5", 5000) : null, 30);
            h.pod("web", "web-2", null, 30);
            h.traffic("web", 100, SimTime.seconds(10), SimTime.seconds(30));
            h.sim.runUntil(SimTime.seconds(15));
            h.store.deletePod(a, null);
            // For 3 s the view keeps sending half the traffic to web-1.
            h.sim.runUntil(SimTime.seconds(40));
            ServiceTraffic s = h.stats("web");
            assertEquals(2000, s.requests());
            if (preStop) {
                assertEquals(0, s.failed(), "during the preStop sleep the pod still serves");
            } else {
                // SIGTERM at once; the app exits 1 s later and the pod object goes. In that second
                // about half of 100 req/s (picked at random) still went to web-1.
                long refused = s.count(RequestCause.CONNECTION_REFUSED);
                assertTrue(refused > 30 && refused < 70, "refused after SIGTERM: " + refused);
                assertEquals(s.failed(), s.count(RequestCause.CONNECTION_REFUSED));
            }
        }
    }

    @Test
    @DisplayName("an ingress retries a refused connection on another endpoint (ingress-nginx proxy_next_upstream); without retries it is a 502")
    void ingressRetries() {
        for (int retries : new int[]{2, 0}) {
            TrafficHarness h = new TrafficHarness();
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
            assertEquals(2000, s.requests());
            if (retries > 0) {
                assertEquals(0, s.failed(), "each refused connection is retried on web-2");
            } else {
                // Round-robin: every other request goes to web-1 during the second before it is gone.
                assertEquals(50, s.count(RequestCause.CONNECTION_REFUSED), 1);
            }
        }
    }

    @Test
    @DisplayName("on SIGTERM an app that does not drain resets what it holds (reset_on_sigterm); one that drains finishes it")
    void drainOrReset() {
        for (boolean drain : new boolean[]{true, false}) {
            TrafficHarness h = new TrafficHarness();
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
            assertEquals(20, s.requests());
            if (drain) {
                assertEquals(20, s.succeeded(), "in-flight requests finish within the 5 s shutdown");
            } else {
                assertEquals(20, s.count(RequestCause.RESET_ON_SIGTERM) + s.succeeded());
                assertTrue(s.count(RequestCause.RESET_ON_SIGTERM) >= 10, "those in flight at SIGTERM were reset");
            }
        }
    }

    @Test
    @DisplayName("requests still held when SIGKILL comes fail as killed_in_flight")
    void killedInFlight() {
        TrafficHarness h = new TrafficHarness();
        // Requests take 20 s; the app would take 60 s to shut down; the grace period is 10 s.
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
        assertEquals(5, h.stats("web").count(RequestCause.KILLED_IN_FLIGHT));
    }

    @Test
    @DisplayName("a response slower than the client's timeout counts as 504 at the timeout")
    void timeout() {
        TrafficHarness h = new TrafficHarness();
        h.apps.put("web", TrafficHarness.app(TrafficHarness.serving(10, 10, 3000, 1000), 1, 0));
        h.start();
        h.service("web");
        h.pod("web", "web-1", null, 30);
        h.traffic("web", 1, SimTime.seconds(10), SimTime.seconds(13));
        h.sim.runUntil(SimTime.seconds(30));
        ServiceTraffic s = h.stats("web");
        assertEquals(3, s.count(RequestCause.TIMEOUT));
        assertEquals(504, RequestCause.TIMEOUT.status());
        assertEquals(1, s.count(RequestCause.TIMEOUT, 11), "the request sent at 10 s failed, for its client, at 11 s");
    }

    @Test
    @DisplayName("an ingress timeout shorter than the client's ends slow requests with 504 at the ingress timeout")
    void balancerTimeout() {
        TrafficHarness h = new TrafficHarness();
        h.apps.put("web", TrafficHarness.app(TrafficHarness.serving(10, 10, 3000, 30_000), 1, 0));
        h.start();
        h.service("web");
        h.pod("web", "web-1", null, 30);
        h.traffic(new EntryPoint("web", "web", true, new ArrivalSpec.Recorded(new long[0]), 0, SimTime.seconds(2)), 1,
                SimTime.seconds(10), SimTime.seconds(13));
        h.sim.runUntil(SimTime.seconds(30));
        ServiceTraffic s = h.stats("web");
        assertEquals(3, s.count(RequestCause.TIMEOUT));
        assertEquals(1, s.count(RequestCause.TIMEOUT, 12), "sent at 10 s, given up at 12 s");
    }

    @Test
    @DisplayName("a call to a Service with no endpoints fails the caller with dependency_failed")
    void dependencyFailure() {
        TrafficHarness h = new TrafficHarness();
        ServingModel front = new ServingModel(10, 10, new DurationDistribution.Constant(SimTime.millis(10)),
                SimTime.seconds(30), 0, 1.0, true, List.of(new ServingModel.Call("cart", 1.0, SimTime.seconds(1))));
        h.apps.put("frontend", TrafficHarness.app(front, 1, 0));
        h.start();
        h.service("frontend");
        h.service("cart");
        h.pod("frontend", "frontend-1", null, 30);
        h.traffic("frontend", 10, SimTime.seconds(10), SimTime.seconds(11));
        h.sim.runUntil(SimTime.seconds(20));
        assertEquals(10, h.stats("frontend").count(RequestCause.DEPENDENCY_FAILED));
        assertEquals(10, h.stats("cart").count(RequestCause.NO_ENDPOINTS));
    }

    @Test
    @DisplayName("while warming up an app is slower: 4x at first, easing to full speed over the warm-up")
    void warmUp() {
        TrafficHarness h = new TrafficHarness();
        ServingModel m = new ServingModel(100, 100, new DurationDistribution.Constant(SimTime.millis(100)),
                SimTime.seconds(30), SimTime.seconds(60), 4.0, true, List.of());
        h.apps.put("web", TrafficHarness.app(m, 0, 0));
        h.start();
        h.service("web");
        h.pod("web", "web-1", null, 30);
        h.traffic("web", 10, STARTED, STARTED + SimTime.seconds(1));
        h.sim.runUntil(SimTime.seconds(5));
        long early = h.stats("web").latencyPercentile(100);
        assertTrue(early > SimTime.millis(380), "first requests take close to 4 x 100 ms: " + early);
        TrafficHarness later = new TrafficHarness();
        later.apps.put("web", TrafficHarness.app(m, 0, 0));
        later.start();
        later.service("web");
        later.pod("web", "web-1", null, 30);
        later.traffic("web", 10, STARTED + SimTime.seconds(70), STARTED + SimTime.seconds(71));
        later.sim.runUntil(SimTime.seconds(80));
        assertEquals(SimTime.millis(100), later.stats("web").latencyPercentile(100), "warm: full speed");
    }

    @Test
    @DisplayName("a CPU slowdown stretches service times, in both modes, and ends with the process: a restarted app starts at full speed")
    void cpuSlowdownLastsOnlyAsLongAsTheProcess() {
        for (TrafficMode mode : TrafficMode.values()) {
            TrafficHarness h = new TrafficHarness(mode);
            h.apps.put("web", TrafficHarness.app(TrafficHarness.serving(50, 100, 20, 30_000), 1, 0));
            h.start();
            h.service("web");
            Pod p = h.pod("web", "web-1", null, 30);
            h.sim.runUntil(SimTime.seconds(10));
            h.traffic.cpuSlowdown(p, 3.0);
            h.traffic("web", 50, SimTime.seconds(10), SimTime.seconds(20));
            h.sim.runUntil(SimTime.seconds(21));
            long slowed = h.stats("web").latencyPercentile(50);
            assertTrue(slowed >= SimTime.millis(59) && slowed <= SimTime.millis(61), mode + ": 3 × 20 ms, got " + slowed);
            h.traffic.stopped(p, true);
            h.traffic.listening(p, null);
            h.traffic("web", 50, SimTime.seconds(30), SimTime.seconds(130));
            h.sim.runUntil(SimTime.seconds(131));
            long after = h.stats("web").latencyPercentile(50);
            assertTrue(after >= SimTime.millis(19) && after <= SimTime.millis(21),
                    mode + ": the new process serves in 20 ms again, got " + after);
        }
    }
}
