package io.kubesim.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.engine.SimTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Requests to a pod whose node went down (k8s-semantics.md 7: the Pod object stays, and stays
 * Ready in the endpoints until the node-lifecycle controller notices): nothing answers and nothing
 * resets (17.5). New connections get no SYN-ACK and fail as 504 connect_timeout when the client
 * gives up; the requests the pod held when its node failed hang until their timeout, 504
 * node_unreachable. Neither is an instant 502. Both traffic modes agree on the counts.
 */
class NodeUnreachableTrafficTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TrafficMode.class, names = {"EXACT", "FLUID"})
    @DisplayName("10 req/s, 2 s service time, 5 s timeout, node down at 15.05 s: the 31 done before are served, "
            + "the 20 in flight fail as node_unreachable and the 49 after as connect_timeout")
    void requestsToADeadNodeHang(TrafficMode mode) {
        TrafficHarness h = new TrafficHarness(mode);
        h.apps.put("web", TrafficHarness.app(TrafficHarness.serving(100, 100, 2000, 5000), 1, 0));
        h.start();
        h.service("web");
        h.pod("web", "web-1", null, 30);
        h.traffic("web", 10, SimTime.seconds(10), SimTime.seconds(20));
        h.sim.runUntil(SimTime.millis(15_050));
        h.kubelets.machineDown("n-1");
        h.sim.runUntil(SimTime.seconds(40));
        ServiceTraffic s = h.stats("web");
        // Fluid amounts become whole requests per cause, so the total may be off by one.
        assertEquals(100, s.requests(), mode == TrafficMode.EXACT ? 0 : 1);
        assertEquals(504, RequestCause.NODE_UNREACHABLE.status());
        if (mode == TrafficMode.EXACT) {
            assertEquals(31, s.succeeded());
            assertEquals(20, s.count(RequestCause.NODE_UNREACHABLE));
            assertEquals(49, s.count(RequestCause.CONNECT_TIMEOUT));
            assertEquals(504, RequestCause.CONNECT_TIMEOUT.status());
            assertEquals(0, s.count(RequestCause.KILLED_IN_FLIGHT) + s.count(RequestCause.CONNECTION_REFUSED),
                    "no RST from a dead machine");
            for (int second = 15; second < 18; second++) {
                assertEquals(0, s.count(RequestCause.NODE_UNREACHABLE, second) + s.count(RequestCause.CONNECT_TIMEOUT,
                        second), "nothing fails before a timeout passes");
            }
            assertEquals(9, s.count(RequestCause.NODE_UNREACHABLE, 18),
                    "those sent at 13.1–13.9 s (held when the node died) fail for their clients at 18.1–18.9 s");
            assertEquals(10, s.count(RequestCause.CONNECT_TIMEOUT, 21),
                    "those sent at 16.0–16.9 s wait out the client's 5 s, within its request timeout");
            assertEquals(5_000, s.clientMaxLatency() / 1000, "a request waits no longer than its timeout");
        } else {
            // Fluid mode decides outcomes on arrival (its approximation of the served share).
            assertEquals(31, s.succeeded(), 3);
            assertEquals(20, s.count(RequestCause.NODE_UNREACHABLE), 3);
            assertEquals(49, s.count(RequestCause.CONNECT_TIMEOUT), 3);
            assertTrue(s.count(RequestCause.KILLED_IN_FLIGHT) + s.count(RequestCause.CONNECTION_REFUSED) == 0);
        }
    }
}
