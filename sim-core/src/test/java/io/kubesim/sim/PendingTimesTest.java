package io.kubesim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Container;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodSpec;
import io.kubesim.api.Resources;
import io.kubesim.app.ApplicationModel;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.PendingTimes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** summary.json's {@code pods.longestPendingSeconds}: how long the most patient pod waited for a node. */
class PendingTimesTest {
    private static final Resources SMALL = Resources.of(2000, 8L << 30);

    private static Manifest pod(String name, long cpuMillis) {
        Container c = new Container("app", "app:1", Resources.of(cpuMillis, 64L << 20), Resources.NONE, List.of(),
                null, null, null, null, false);
        return new Manifest.PodManifest("default", name, Map.of(), Map.of(), PodSpec.of(List.of(c)),
                Manifest.Origin.UNKNOWN);
    }

    private static PendingTimes.Wait longest(List<Manifest> pods, List<TimelineAction> timeline, long duration) {
        List<NodePool> pools = List.of(new NodePool("small", 1, SMALL, 110, Map.of(), List.of(), List.of()),
                new NodePool("large", 0, Resources.of(16000, 64L << 30), 110, Map.of(), List.of(), List.of()));
        SimulationSpec spec = new SimulationSpec("pending", 1, duration, SimTime.seconds(1), pools, pods, Map.of(),
                ApplicationModel.DEFAULT, timeline);
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(duration);
        return sim.result().pods().longestPending();
    }

    @Test
    @DisplayName("pods that fit at once wait no more than the scheduler takes")
    void noWait() {
        PendingTimes.Wait w = longest(List.of(pod("a", 500), pod("b", 500)), List.of(), SimTime.minutes(1));
        assertTrue(w.micros() < SimTime.seconds(1), "waited " + w.micros());
    }

    @Test
    @DisplayName("a pod too big for the cluster waits until a node that fits it joins")
    void waitsForANode() {
        PendingTimes.Wait w = longest(List.of(pod("a", 500), pod("big", 4000)),
                List.of(new TimelineAction.AddNodes(SimTime.seconds(90), "large", 1)), SimTime.minutes(5));
        assertEquals("default/big", w.pod());
        assertTrue(w.micros() >= SimTime.seconds(90) && w.micros() < SimTime.seconds(100), "waited " + w.micros());
    }

    @Test
    @DisplayName("a pod never scheduled counts as waiting until the end of the run")
    void stillWaitingAtTheEnd() {
        PendingTimes.Wait w = longest(List.of(pod("big", 4000)), List.of(), SimTime.minutes(3));
        assertEquals("default/big", w.pod());
        assertEquals(SimTime.minutes(3), w.micros());
    }
}
