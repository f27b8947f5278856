package io.kubesim.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Resources;
import io.kubesim.app.ApplicationModel;
import io.kubesim.engine.SimTime;
import io.kubesim.sim.NodePool;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.sim.TimelineAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The search for the smallest pool size, against a stand-in for the simulation whose outcome
 * depends only on the node count (and on whether a node was lost): the planner must find the
 * threshold, try the count below it, and give every failure case at every size it tries.
 */
class CapacityPlannerTest {
    private static final Slo SLO = new Slo(0.01, -1, -1);

    private static SimulationSpec scenario() {
        List<NodePool> pools = List.of(
                new NodePool("web", 3, Resources.of(4000, 16L << 30), 110, Map.of(), List.of(), List.of()),
                new NodePool("system", 2, Resources.of(2000, 8L << 30), 110, Map.of(), List.of(), List.of()));
        return new SimulationSpec("plan", 1, SimTime.minutes(10), SimTime.seconds(1), pools, List.of(), Map.of(),
                ApplicationModel.DEFAULT, List.of(new TimelineAction.Scale(SimTime.minutes(5), "web", 4)));
    }

    /** Fails 5 % of requests below {@code enough} web nodes (one more when a node is lost); records what it ran. */
    private static final class Threshold implements CapacityPlanner.ScenarioRunner {
        final int enough;
        final List<SimulationSpec> ran = new ArrayList<>();

        Threshold(int enough) {
            this.enough = enough;
        }

        @Override
        public List<RunOutcome> runAll(List<SimulationSpec> specs) {
            List<RunOutcome> out = new ArrayList<>();
            for (SimulationSpec s : specs) {
                ran.add(s);
                int web = s.nodePools().get(0).count();
                boolean lost = s.timeline().stream().anyMatch(a -> a instanceof TimelineAction.FailBusiest);
                boolean ok = web >= enough + (lost ? 1 : 0);
                out.add(new RunOutcome(1000, ok ? 0 : 50, 0, "web", 0, "", 0));
            }
            return out;
        }
    }

    private static CapacityPlanner.Question question(List<FailureCase> failures, int min, int max) {
        return new CapacityPlanner.Question(scenario(), "web", null, SLO, failures, min, max);
    }

    @Test
    @DisplayName("doubling finds a passing size, halving the gap finds the smallest; the size below it was tried and failed")
    void smallestPassingSize() {
        Threshold runner = new Threshold(6);
        CapacityAnswer a = new CapacityPlanner(runner).answer(question(List.of(FailureCase.AS_WRITTEN), 1, 100));
        assertEquals(6, a.nodes());
        assertEquals(List.of(1, 2, 4, 8, 6, 5, 7), a.runs().stream().map(CapacityRun::nodes).toList(),
                "1, 2, 4 fail; 8 passes; then 6 passes and 5 fails; 7 checks that one node more passes too");
        assertEquals(null, a.monotonicity());
        assertEquals("at 5 nodes: error ratio 5% > 1% (50 of 1000 requests failed) (as written)", a.explanation());
        List<CapacityRun> why = a.justification();
        assertEquals(5, why.get(0).nodes());
        assertFalse(why.get(0).met());
        assertEquals(6, why.get(1).nodes());
        assertTrue(why.get(1).met());
    }

    @Test
    @DisplayName("only the sized pool changes; the other pools and the shape are kept")
    void onlyThePoolIsSized() {
        Threshold runner = new Threshold(3);
        new CapacityPlanner(runner).answer(question(List.of(FailureCase.AS_WRITTEN), 1, 10));
        for (SimulationSpec s : runner.ran) {
            assertEquals(2, s.nodePools().get(1).count(), "system pool untouched");
            assertEquals(4000, s.nodePools().get(0).allocatable().cpuMillis());
        }
    }

    @Test
    @DisplayName("a shape replaces the pool's allocatable and pod limit and labels the nodes with its name")
    void shapeIsApplied() {
        Threshold runner = new Threshold(2);
        NodeShape shape = new NodeShape("m5.2xlarge", Resources.of(8000, 32L << 30), 58, 0.384);
        CapacityAnswer a = new CapacityPlanner(runner).answer(new CapacityPlanner.Question(scenario(), "web", shape,
                SLO, List.of(FailureCase.AS_WRITTEN), 1, 10));
        NodePool sized = runner.ran.get(0).nodePools().get(0);
        assertEquals(8000, sized.allocatable().cpuMillis());
        assertEquals(58, sized.maxPods());
        assertEquals("m5.2xlarge", sized.labels().get("node.kubernetes.io/instance-type"));
        assertEquals(2 * 0.384, a.cost(), 1e-12);
    }

    @Test
    @DisplayName("the lower bound passing is the answer, with nothing below it to show")
    void lowerBoundPasses() {
        CapacityAnswer a = new CapacityPlanner(new Threshold(1)).answer(question(List.of(FailureCase.AS_WRITTEN), 3, 9));
        assertEquals(3, a.nodes());
        assertEquals(List.of(3, 4), a.runs().stream().map(CapacityRun::nodes).toList(), "and 4, the monotonicity check");
        assertEquals("3 nodes (the smallest count searched) already meet the SLO", a.explanation());
    }

    /** Threshold's outcome, but at exactly {@code enough} nodes one seed in three fails. */
    private static final class NoisyThreshold implements CapacityPlanner.ScenarioRunner {
        final int enough;
        final List<Long> seeds = new ArrayList<>();

        NoisyThreshold(int enough) {
            this.enough = enough;
        }

        @Override
        public List<RunOutcome> runAll(List<SimulationSpec> specs) {
            List<RunOutcome> out = new ArrayList<>();
            for (SimulationSpec s : specs) {
                seeds.add(s.seed());
                int web = s.nodePools().get(0).count();
                boolean unlucky = web == enough && s.seed() == io.kubesim.sim.ReplicationSeeds.seed(1, 3);
                out.add(new RunOutcome(1000, web >= enough && !unlucky ? 0 : 50, 0, "web", 0, "", 0));
            }
            return out;
        }
    }

    @Test
    @DisplayName("with replications a size passes only when the SLO holds at the confidence: one unlucky seed in "
            + "three fails the size")
    void replicationsAreJudgedAtTheirConfidence() {
        NoisyThreshold runner = new NoisyThreshold(6);
        CapacityAnswer one = new CapacityPlanner(runner).answer(new CapacityPlanner.Question(scenario(), "web", null,
                SLO, List.of(FailureCase.AS_WRITTEN), 1, 100, 1, 0.95));
        assertEquals(6, one.nodes(), "one seed: the lucky one");
        CapacityAnswer three = new CapacityPlanner(runner).answer(new CapacityPlanner.Question(scenario(), "web", null,
                SLO, List.of(FailureCase.AS_WRITTEN), 1, 100, 3, 0.95));
        assertEquals(7, three.nodes(), "mean 1.67 % over 3 runs, its upper 95 % bound above 1 %");
        assertEquals(3, three.runsAt(7).size());
        assertEquals(List.of(1, 2, 3), three.runsAt(7).stream().map(CapacityRun::replication).toList());
        assertEquals(3, new java.util.HashSet<>(runner.seeds).size(), "the same three seeds at every size");
        assertTrue(three.explanation().startsWith("at 6 nodes: error ratio "), three.explanation());
        assertTrue(three.explanation().contains("at 95 % confidence (mean 1.6667% over 3 runs)"), three.explanation());
    }

    @Test
    @DisplayName("when one node more misses the SLO, the answer says the search's assumption does not hold")
    void monotonicityIsChecked() {
        CapacityPlanner.ScenarioRunner sevenIsBad = specs -> specs.stream().map(s -> {
            int web = s.nodePools().get(0).count();
            return new RunOutcome(1000, web >= 6 && web != 7 ? 0 : 50, 0, "web", 0, "", 0);
        }).toList();
        CapacityAnswer a = new CapacityPlanner(sevenIsBad).answer(question(List.of(FailureCase.AS_WRITTEN), 1, 100));
        assertEquals(6, a.nodes());
        assertTrue(a.monotonicity().startsWith("7 nodes miss the SLO although 6 meet it"), a.monotonicity());
    }

    @Test
    @DisplayName("no answer when even the upper bound fails; the upper bound is tried even if doubling overshoots it")
    void noAnswer() {
        CapacityAnswer a = new CapacityPlanner(new Threshold(50)).answer(question(List.of(FailureCase.AS_WRITTEN), 1, 12));
        assertFalse(a.found());
        assertEquals(List.of(1, 2, 4, 8, 12), a.runs().stream().map(CapacityRun::nodes).toList());
        assertTrue(Double.isNaN(a.cost()));
        assertEquals(12, a.justification().get(0).nodes());
    }

    @Test
    @DisplayName("with a node loss every size runs each failure case; one failing case fails the size")
    void everyFailureCaseAtEverySize() {
        Threshold runner = new Threshold(4);
        List<LossMoment> moments = List.of(new LossMoment(SimTime.minutes(3), "peak traffic"),
                new LossMoment(SimTime.minutes(5), "rollout of web"));
        CapacityAnswer a = new CapacityPlanner(runner).answer(question(FailureCase.all(Loss.NODE, moments), 1, 100));
        assertEquals(5, a.nodes(), "one more node than without the loss");
        assertEquals(0, a.runs().size() % 3);
        for (SimulationSpec s : runner.ran) {
            long losses = s.timeline().stream().filter(t -> t instanceof TimelineAction.FailBusiest).count();
            assertTrue(losses <= 1);
        }
        SimulationSpec lossAt5m = runner.ran.get(2);
        assertEquals(2, lossAt5m.timeline().size());
        TimelineAction loss = lossAt5m.timeline().get(1);
        assertInstanceOf(TimelineAction.FailBusiest.class, loss, "added after the scale at the same moment");
        assertEquals("web", ((TimelineAction.FailBusiest) loss).pool());
        assertEquals("busiest node lost at 5m (rollout of web)", a.runs().get(2).failure().describe());
    }

    @Test
    @DisplayName("no answer because a node loss costs the same at every size: the explanation quotes that case, "
            + "not the scenario as written, which met the SLO")
    void noAnswerNamesTheBindingCase() {
        CapacityPlanner.ScenarioRunner lossAlwaysHurts = specs -> specs.stream().map(s -> {
            boolean loss = s.timeline().stream().anyMatch(t -> t instanceof TimelineAction.FailBusiest);
            return new RunOutcome(1000, loss ? 200 : 0, 0, "web", 0, "", 0);
        }).toList();
        List<LossMoment> moments = List.of(new LossMoment(SimTime.minutes(3), "peak traffic"));
        io.kubesim.api.Container c = new io.kubesim.api.Container("cache", "cache:1", Resources.of(100, 64L << 20),
                Resources.NONE, List.of(), null, null, null, null, false);
        io.kubesim.api.Manifest cache = new io.kubesim.api.Manifest.DeploymentManifest("default", "cache", Map.of(),
                Map.of(), io.kubesim.api.LabelSelector.of(Map.of("app", "cache")),
                new io.kubesim.api.PodTemplate(Map.of("app", "cache"), Map.of(), io.kubesim.api.PodSpec.of(List.of(c))),
                1, io.kubesim.api.DeploymentStrategy.DEFAULT_ROLLING, 0, 10, 600, false,
                io.kubesim.api.Manifest.Origin.UNKNOWN);
        SimulationSpec spec = new SimulationSpec("plan", 1, SimTime.minutes(10), SimTime.seconds(1),
                scenario().nodePools(), List.of(cache), Map.of(), ApplicationModel.DEFAULT, List.of());
        CapacityAnswer a = new CapacityPlanner(lossAlwaysHurts).answer(new CapacityPlanner.Question(spec, "web", null,
                SLO, FailureCase.all(Loss.NODE, moments), 1, 8));
        assertFalse(a.found());
        assertTrue(a.explanation().startsWith("even 8 nodes miss the SLO; adding nodes does not help (busiest node lost "
                + "at 3m (peak traffic)): error ratio 20% at 4 nodes, 20% at 8"), a.explanation());
        assertTrue(a.explanation().contains("what no node count changes: single replica (cache): losing the node one "
                + "runs on is an outage"), "a node loss binds, so the single replica comes first: " + a.explanation());
    }
}
