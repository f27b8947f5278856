package io.kubesim.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.api.Resources;
import io.kubesim.app.ApplicationModel;
import io.kubesim.engine.SimTime;
import io.kubesim.sim.NodePool;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.sim.TimelineAction;
import io.kubesim.traffic.ArrivalSpec;
import io.kubesim.traffic.EntryPoint;
import io.kubesim.traffic.NetworkSpec;
import io.kubesim.traffic.RateSeries;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Where the planner loses a node: the busiest minute of offered traffic and each disruptive timeline action. */
class LossMomentTest {
    private static SimulationSpec scenario(List<EntryPoint> traffic, List<TimelineAction> timeline) {
        List<NodePool> pools = List.of(new NodePool("p", 3, Resources.of(4000, 16L << 30), 110, Map.of(), List.of(),
                List.of()));
        return new SimulationSpec("moments", 1, SimTime.minutes(20), SimTime.seconds(1), pools, List.of(), Map.of(),
                ApplicationModel.DEFAULT, timeline).withTraffic(traffic, NetworkSpec.DEFAULT);
    }

    private static EntryPoint steps(long[] at, double[] rates) {
        return new EntryPoint("shop", "frontend", false, new ArrivalSpec.Rate(new RateSeries(at, rates), true));
    }

    @Test
    @DisplayName("the middle of the busiest minute (windows on 10 s steps), then rollouts, upgrades and drains in time order")
    void peakAndDisruptions() {
        EntryPoint shop = steps(new long[]{0, SimTime.minutes(7), SimTime.seconds(7 * 60 + 40)}, new double[]{10, 90, 20});
        List<TimelineAction> timeline = List.of(
                new TimelineAction.Scale(SimTime.minutes(2), "web", 5),
                new TimelineAction.Rollout(SimTime.minutes(3), "web", Map.of()),
                new TimelineAction.Drain(SimTime.minutes(12), "p-1", SimTime.minutes(1), null, false));
        List<LossMoment> m = LossMoment.of(scenario(List.of(shop), timeline));
        assertEquals(List.of(SimTime.minutes(3), SimTime.seconds(7 * 60 + 30), SimTime.minutes(12)),
                m.stream().map(LossMoment::at).toList());
        assertEquals("rollout of web", m.get(0).why());
        assertEquals("peak traffic, 67 req/s", m.get(1).why(), "40 s at 90 and 20 s at 20 req/s");
        assertEquals("drain of p-1", m.get(2).why());
    }

    @Test
    @DisplayName("equal windows: the earliest wins; no traffic and no disruption: the middle of the run")
    void tiesAndFallback() {
        EntryPoint flat = steps(new long[]{0}, new double[]{50});
        assertEquals(List.of(SimTime.seconds(30)),
                LossMoment.of(scenario(List.of(flat), List.of())).stream().map(LossMoment::at).toList(),
                "the first minute's middle: its traffic has flowed for 30 s");
        List<LossMoment> none = LossMoment.of(scenario(List.of(), List.of()));
        assertEquals(List.of(new LossMoment(SimTime.minutes(10), "middle of the run")), none);
    }
}
