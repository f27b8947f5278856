package io.kubesim.scheduler;

import static io.kubesim.api.TaintEffect.NO_SCHEDULE;
import static io.kubesim.engine.SimTime.seconds;
import static io.kubesim.testing.Fixtures.node;
import static io.kubesim.testing.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.testing.TestCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decision log behind {@code kubesim explain}: filter results, per-plugin scores, the choice. */
class SchedulingDecisionLogTest {
    @Test
    void recordsFilterResultsScoresAndTheChoice() {
        TestCluster c = new TestCluster(3);
        c.add(node("tainted").cpu("4").memory("8Gi").taint("gpu", "true", NO_SCHEDULE).build());
        c.add(node("busy").cpu("4").memory("8Gi").build());
        c.add(node("idle").cpu("4").memory("8Gi").build());
        c.add(pod("filler").cpu("2").memory("4Gi").nodeName("busy").build());
        Scheduler s = new Scheduler(c.store, c.events, SchedulerConfig.DEFAULTS);
        s.start();
        c.add(pod("web").cpu("1").memory("1Gi").build());
        c.runFor(seconds(1));

        SchedulingDecision d = s.decisionLog().last("default/web");
        assertEquals(1, d.attempt());
        assertEquals(3, d.numAllNodes());
        assertEquals(3, d.evaluatedNodes());
        assertEquals(2, d.feasibleNodes());
        assertEquals(List.of(new SchedulingDecision.NodeFilterResult("tainted", "TaintToleration",
                "UNSCHEDULABLE_AND_UNRESOLVABLE", List.of("node(s) had untolerated taint(s)"))), d.filtered());
        assertEquals(2, d.scored().size());
        for (SchedulingDecision.NodeScore ns : d.scored()) {
            assertEquals(SchedulerConfig.DEFAULT_SCORE_WEIGHTS.size(), ns.plugins().size());
            long sum = 0;
            for (SchedulingDecision.PluginScore ps : ns.plugins()) {
                assertEquals(ps.normalized() * SchedulerConfig.DEFAULT_SCORE_WEIGHTS.get(ps.plugin()), ps.weighted());
                sum += ps.weighted();
            }
            assertEquals(sum, ns.total());
        }
        // LeastAllocated raw: idle (1 cpu, 1Gi of 4 / 8Gi) (75 + 87) / 2 = 81; busy (3 cpu, 5Gi) (25 + 37) / 2 = 31.
        SchedulingDecision.NodeScore idle = d.scored().stream().filter(n -> n.node().equals("idle")).findFirst().orElseThrow();
        SchedulingDecision.NodeScore busy = d.scored().stream().filter(n -> n.node().equals("busy")).findFirst().orElseThrow();
        assertEquals(81, fitScore(idle).raw());
        assertEquals(31, fitScore(busy).raw());
        assertEquals(81, fitScore(idle).normalized(), "LeastAllocated has no NormalizeScore");
        assertTrue(idle.plugins().stream().filter(p -> p.plugin().equals("NodeAffinity")).findFirst().orElseThrow()
                .skipped(), "no preferred node affinity: PreScore skips NodeAffinity");
        assertEquals("idle", d.selectedNode());
        assertEquals("", d.message());
    }

    private static SchedulingDecision.PluginScore fitScore(SchedulingDecision.NodeScore ns) {
        return ns.plugins().stream().filter(p -> p.plugin().equals("NodeResourcesFit")).findFirst().orElseThrow();
    }

    @Test
    void boundedRetentionKeepsTheLastDecisions() {
        TestCluster c = new TestCluster(3);
        c.add(node("n1").cpu("4").memory("8Gi").build());
        Scheduler s = new Scheduler(c.store, c.events, SchedulerConfig.DEFAULTS.withDecisionLogCapacity(2));
        s.start();
        for (String p : List.of("a", "b", "c")) {
            c.add(pod(p).build());
        }
        c.runFor(seconds(1));
        assertEquals(List.of("default/b", "default/c"), s.decisionLog().decisions().stream().map(SchedulingDecision::pod).toList());
        assertEquals(3, s.decisionLog().recordedCount());
        assertNull(s.decisionLog().last("default/a"));
    }

    @Test
    void everyAttemptOfAPodIsKept() {
        TestCluster c = new TestCluster(3);
        c.add(node("n1").cpu("1").memory("8Gi").build());
        Scheduler s = new Scheduler(c.store, c.events, SchedulerConfig.DEFAULTS);
        s.start();
        c.add(pod("big").cpu("2").build());
        c.sim.schedule(seconds(5), () -> c.add(node("n2").cpu("4").memory("8Gi").build()));
        c.runFor(seconds(10));
        List<SchedulingDecision> attempts = s.decisionLog().forPod("default/big");
        assertEquals(2, attempts.size());
        SchedulingDecision first = attempts.get(0);
        assertEquals(1, first.attempt());
        assertEquals("", first.selectedNode());
        assertEquals(c.events("FailedScheduling").get(0).message(), first.message());
        assertEquals(List.of("Insufficient cpu"), first.filtered().get(0).reasons());
        SchedulingDecision second = attempts.get(1);
        assertEquals(2, second.attempt());
        assertEquals(seconds(5), second.time());
        assertEquals("n2", second.selectedNode());
        assertEquals(1, second.feasibleNodes());
        assertEquals(List.of(), second.scored(), "a single feasible node is chosen without scoring");
    }

    @Test
    void capacityZeroRecordsNothing() {
        TestCluster c = new TestCluster(3);
        c.add(node("n1").cpu("4").memory("8Gi").build());
        Scheduler s = new Scheduler(c.store, c.events, SchedulerConfig.DEFAULTS.withDecisionLogCapacity(0));
        s.start();
        c.add(pod("a").build());
        c.runFor(seconds(1));
        assertEquals("n1", c.pod("a").nodeName());
        assertEquals(0, s.decisionLog().recordedCount());
    }
}
