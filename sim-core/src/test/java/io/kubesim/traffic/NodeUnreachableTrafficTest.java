package io.kubesim.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.engine.SimTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Requests to a pod whose node went down (k8s-semantics.md 7: the Pod object stays, and stays
 * Ready in the endpoints until the node-lifecycle controller notices): nothing answers, so they
 * fail with 504 node_unreachable when their client gives up, not with an instant 502; requests
 * the pod held when its node failed end the same way. Both traffic modes agree on the counts.
 */
class NodeUnreachableTrafficTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TrafficMode.class, names = {"EXACT", "FLUID"})
    @DisplayName("10 req/s, 2 s service time, 5 s timeout, node down at 15.05 s: the 31 done before are served, "
            + "the 20 in flight and the 49 after fail as node_unreachable")
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
        assertEquals(100, s.requests());
        assertEquals(504, RequestCause.NODE_UNREACHABLE.status());
        if (mode == TrafficMode.EXACT) {
            assertEquals(31, s.succeeded());
            assertEquals(69, s.count(RequestCause.NODE_UNREACHABLE));
            assertEquals(0, s.count(RequestCause.KILLED_IN_FLIGHT) + s.count(RequestCause.CONNECTION_REFUSED),
                    "no RST from a dead machine");
            for (int second = 15; second < 18; second++) {
                assertEquals(0, s.count(RequestCause.NODE_UNREACHABLE, second), "nothing fails before a timeout passes");
            }
            assertEquals(9, s.count(RequestCause.NODE_UNREACHABLE, 18),
                    "those sent at 13.1–13.9 s (held when the node died) fail for their clients at 18.1–18.9 s");
        } else {
            // Fluid mode decides outcomes on arrival (its approximation of the served share).
            assertEquals(31, s.succeeded(), 3);
            assertEquals(69, s.count(RequestCause.NODE_UNREACHABLE), 3);
            assertTrue(s.count(RequestCause.KILLED_IN_FLIGHT) + s.count(RequestCause.CONNECTION_REFUSED) == 0);
        }
    }
}
