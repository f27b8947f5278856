package io.kubesim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Resources;
import io.kubesim.app.ApplicationModel;
import io.kubesim.engine.SimTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A failed node whose Node object is then deleted (as a cloud provider deletes a dead VM's node)
 * is still one of the run's node failures, with its zone and when the control plane noticed.
 */
class DeletedFailedNodeTest {
    @Test
    @DisplayName("failures list a node that failed and was then deleted, with its zone")
    void deletedNodeKeepsItsFailure() {
        List<NodePool> pools = List.of(new NodePool("n", 3, Resources.of(4000, 8L << 30), 110, Map.of(), List.of(),
                List.of("a", "b", "c")));
        List<TimelineAction> timeline = List.of(
                new TimelineAction.FailNodes(SimTime.seconds(30), "", 0, List.of("n-2")),
                new TimelineAction.RemoveNodes(SimTime.minutes(5), "", 0, List.of("n-2")));
        SimulationSpec spec = new SimulationSpec("deleted", 1, SimTime.minutes(8), SimTime.seconds(1), pools, List.of(),
                Map.of(), ApplicationModel.DEFAULT, timeline);
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(spec.duration());
        SimulationResult.NodeCounts nodes = sim.result().nodes();
        assertEquals(2, nodes.atEnd());
        assertEquals(1, nodes.failures().size(), nodes.failures().toString());
        SimulationResult.NodeFailure f = nodes.failures().get(0);
        assertEquals("n-2", f.node());
        assertEquals("b", f.zone());
        assertEquals(SimTime.seconds(30), f.failedAt());
        assertTrue(f.notReadyAt() > f.failedAt(), "the node-lifecycle controller noticed before the deletion");
        assertEquals(-1, f.recoveredAt());
    }
}
