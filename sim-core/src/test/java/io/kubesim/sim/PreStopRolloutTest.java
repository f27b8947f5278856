package io.kubesim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.LifecycleHandler;
import io.kubesim.engine.SimTime;
import io.kubesim.traffic.RequestCause;
import io.kubesim.traffic.ServiceTraffic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The first seed failure pattern, end to end: during a rolling deploy, a pod without a preStop
 * hook gets SIGTERM while the balancers (1–2 s behind the EndpointSlices, k8s-semantics.md 5)
 * still send it requests, which are refused; a preStop sleep longer than that propagation keeps
 * the pod serving until no balancer routes to it.
 */
class PreStopRolloutTest {

    private static SimulationResult run(LifecycleHandler preStop) {
        SimulationSpec spec = RolloutUnderTraffic.spec("prestop", preStop, SimTime.minutes(4));
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(spec.duration());
        return sim.result();
    }

    @Test
    @DisplayName("no preStop: connections refused at each old pod's termination, and time out once it is gone; "
            + "preStop sleep 5 s: none")
    void preStopSleepPreventsRefusedRequests() {
        SimulationResult bad = run(null);
        SimulationResult fixed = run(new LifecycleHandler("sleep 5", 5000));
        ServiceTraffic b = bad.traffic().get(0);
        ServiceTraffic f = fixed.traffic().get(0);
        assertTrue(b.requests() > 40_000 && f.requests() > 40_000, "about 200 req/s from 30 s to 4 min");
        // k8s-semantics.md 17.5: refused while the pod is alive and not listening, a connect timeout
        // once its address is gone.
        assertEquals(b.failed(), b.count(RequestCause.CONNECTION_REFUSED) + b.count(RequestCause.CONNECT_TIMEOUT),
                "every failure is a connection the pod did not take");
        // Each of the 4 old pods is refused for about its balancer lag (1–2 s kube-proxy plus 0.1–1 s
        // slice update) at a quarter of 200 req/s: on the order of 4 × 50 × 2 = 400.
        assertTrue(b.failed() > 100, "failed: " + b.failed());
        assertTrue(b.count(RequestCause.CONNECTION_REFUSED) > 50, "refused: " + b.count(RequestCause.CONNECTION_REFUSED));
        assertEquals(0, f.failed(), "the preStop sleep outlasts the propagation");
        assertTrue(bad.entryOutcomes().get(RequestCause.CONNECTION_REFUSED) > 100);
    }
}
