package io.kubesim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.app.ApplicationModel;
import io.kubesim.app.ApplicationVersion;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * rollbackOn's bake time: a release whose pods start crashing a while after the rollout is done
 * is only undone by a guard that keeps watching after completion, as a CD system's bake does.
 */
class RollbackBakeTimeTest {
    private static ClusterSimulation run(long bakeTime) {
        SimulationSpec base = RolloutUnderTraffic.spec("bake", new io.kubesim.api.LifecycleHandler("sleep 5", 5000),
                SimTime.minutes(10));
        ApplicationModel web = base.applications().get("web");
        ApplicationModel crashing = web.withCrashAfter(new DurationDistribution.Constant(SimTime.minutes(2)));
        RollbackOn on = new RollbackOn(0.05, 0, 0, false, SimTime.seconds(30), bakeTime);
        SimulationSpec spec = base.withVersions(Map.of("web", List.of(new ApplicationVersion("web:2", null, null,
                crashing)))).withTimeline(List.of(new TimelineAction.Rollout(SimTime.minutes(2), "web",
                Map.of("web", "web:2"), TimelineAction.Rollout.DEPLOYMENT, on)));
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(SimTime.minutes(10));
        return sim;
    }

    @Test
    void withoutABakeTimeTheWatchEndsWithTheRolloutAndMissesLaterCrashes() {
        ClusterSimulation sim = run(0);
        assertTrue(sim.events().events().stream().noneMatch(e -> e.reason().equals("RollbackTriggered")));
    }

    @Test
    void aBakeTimeKeepsWatchingAndUndoesTheRelease() {
        ClusterSimulation sim = run(SimTime.minutes(5));
        var triggered = sim.events().events().stream().filter(e -> e.reason().equals("RollbackTriggered")).toList();
        assertEquals(1, triggered.size());
        assertTrue(triggered.get(0).time() > SimTime.minutes(4), "after the pods began crashing");
        assertEquals(1, sim.events().events().stream().filter(e -> e.reason().equals("DeploymentRollback")).count());
    }
}
