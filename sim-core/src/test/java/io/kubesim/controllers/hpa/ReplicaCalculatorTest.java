package io.kubesim.controllers.hpa;

import static io.kubesim.engine.SimTime.minutes;
import static io.kubesim.engine.SimTime.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The replica calculation of k8s-semantics.md 1.2 and 1.3, with upstream's test-table settings (1.1). */
class ReplicaCalculatorTest {
    static final long NOW = minutes(60);
    final ReplicaCalculator calc = new ReplicaCalculator(0.1, new PodGrouping(minutes(2), seconds(10)));

    static HpaPod pod(String name, long request, long usage) {
        return HpaPod.ready(name, request, usage, NOW);
    }

    @Test
    void scaleUpWorkedExample_1_3() {
        Proposal p = calc.utilizationReplicas(3, 30,
                List.of(pod("a", 2000, 600), pod("b", 2000, 1000), pod("c", 2000, 1400)), true, NOW);
        assertEquals(5, p.replicas());
        assertEquals(50, p.utilization());
        assertEquals(1000, p.rawAverage());
    }

    @Test
    void ratioOnTheToleranceBoundaryKeepsTheCount_1_3() {
        // utilization 90 % of a 100 % target: ratio 0.9, within tolerance
        assertEquals(4, calc.utilizationReplicas(4, 100, fourPodsAt(900), true, NOW).replicas());
        // 110 %: ratio 1.1, within tolerance
        assertEquals(4, calc.utilizationReplicas(4, 100, fourPodsAt(1100), true, NOW).replicas());
        // 89 % and 111 %: outside
        assertEquals(4, calc.utilizationReplicas(4, 100, fourPodsAt(890), true, NOW).replicas(), "ceil(0.89 × 4) = 4");
        assertEquals(3, calc.utilizationReplicas(4, 100, fourPodsAt(700), true, NOW).replicas());
        assertEquals(5, calc.utilizationReplicas(4, 100, fourPodsAt(1110), true, NOW).replicas());
    }

    private static List<HpaPod> fourPodsAt(long usage) {
        return List.of(pod("a", 1000, usage), pod("b", 1000, usage), pod("c", 1000, usage), pod("d", 1000, usage));
    }

    @Test
    void missingPodsCountAsFullyUsedWhenScalingDown_1_3() {
        // 2 ready pods at 20 % of request, target 50 %, one pod without a sample.
        // ratio 0.4 → the missing pod is filled with max(100, 50) % = 1000m: (200+200+1000)/3000 = 46 % → 0.92, in tolerance
        HpaPod missing = new HpaPod("m", false, false, false, true, 0, 0, 1000, null);
        Proposal p = calc.utilizationReplicas(3, 50, List.of(pod("a", 1000, 200), pod("b", 1000, 200), missing), true, NOW);
        assertEquals(3, p.replicas());
        assertEquals(20, p.utilization(), "status reports the utilization before rebalancing");
    }

    @Test
    void missingPodsCountAsIdleWhenScalingUp_1_3() {
        // 2 ready pods at 100 %, target 50 %, one missing: (1000+1000+0)/3000 = 66 % → 1.32 → ceil(1.32 × 3) = 4
        HpaPod missing = new HpaPod("m", false, false, false, true, 0, 0, 1000, null);
        Proposal p = calc.utilizationReplicas(3, 50, List.of(pod("a", 1000, 1000), pod("b", 1000, 1000), missing), true, NOW);
        assertEquals(4, p.replicas(), "without the missing pod it would be ceil(2 × 2) = 4 as well, but from 3 samples");
    }

    @Test
    void aMissingRequestOnAnyTargetedPodInvalidatesTheMetric_1_3() {
        // upstream calculateRequests walks every pod of the selector, not only the ready ones:
        // a pending (unready) pod without a cpu request fails the Utilization metric as well
        HpaPod pendingWithoutRequest = new HpaPod("p", false, false, true, null, -1, 0, -1, null);
        Proposal p = calc.utilizationReplicas(3, 50,
                List.of(pod("a", 1000, 1500), pod("b", 1000, 1500), pendingWithoutRequest), true, NOW);
        assertFalse(p.valid());
    }

    @Test
    void unreadyPodsCountAsIdleOnlyWhenScalingUp_1_3() {
        HpaPod pending = new HpaPod("p", false, false, true, null, -1, 0, 1000, null);
        // scale up: 2 ready pods at 150 % of a 50 % target; the pending pod counts as 0: 3000×100/3000 = 100 % → ratio 2 → 6
        Proposal up = calc.utilizationReplicas(3, 50, List.of(pod("a", 1000, 1500), pod("b", 1000, 1500), pending), true, NOW);
        assertEquals(6, up.replicas());
        // scale down: unready pods are left out: ready pods at 10 % of 50 % → ratio 0.2 → ceil(0.2 × 2) = 1
        Proposal down = calc.utilizationReplicas(3, 50, List.of(pod("a", 1000, 100), pod("b", 1000, 100), pending), true, NOW);
        assertEquals(1, down.replicas());
    }

    @Test
    void cpuInitializationPeriodHidesAPodWithoutAFullWindowSinceReady_1_2() {
        PodGrouping g = new PodGrouping(minutes(2), seconds(10));
        long start = NOW - seconds(60);
        // Ready 20 s ago, sample window 60 s: no full window since Ready → unready
        HpaPod young = new HpaPod("y", false, false, false, true, start, NOW - seconds(20), 1000,
                new MetricSample(900, NOW, seconds(60)));
        assertEquals(PodBucket.UNREADY, g.classify(young, true, NOW));
        assertEquals(PodBucket.READY, g.classify(young, false, NOW), "memory ignores readiness");
        // past the initialization period: unready only if never ready since start (strict comparison)
        long oldStart = NOW - minutes(10);
        HpaPod neverReady = new HpaPod("n", false, false, false, false, oldStart, oldStart + seconds(5), 1000,
                new MetricSample(1, NOW, seconds(60)));
        assertEquals(PodBucket.UNREADY, g.classify(neverReady, true, NOW));
        HpaPod wasReady = new HpaPod("w", false, false, false, false, oldStart, oldStart + seconds(10), 1000,
                new MetricSample(1, NOW, seconds(60)));
        assertEquals(PodBucket.READY, g.classify(wasReady, true, NOW), "transition exactly at start + delay counts as ready");
        HpaPod deleting = new HpaPod("d", true, false, false, true, 0, 0, 1000, null);
        assertEquals(PodBucket.IGNORED, g.classify(deleting, true, NOW));
    }

    @Test
    void aContainerWithoutRequestMakesTheMetricInvalid_1_3() {
        Proposal p = calc.utilizationReplicas(1, 50, List.of(pod("a", -1, 100)), true, NOW);
        assertFalse(p.valid());
    }

    @Test
    void averageValueTargetsTheMeanPerPodValue_1_4() {
        // memory: 3 pods at 600Mi, target 300Mi per pod → ratio 2 → 6
        long mi = 1 << 20;
        Proposal p = calc.averageValueReplicas(3, 300 * mi,
                List.of(pod("a", -1, 600 * mi), pod("b", -1, 600 * mi), pod("c", -1, 600 * mi)), false, NOW);
        assertEquals(6, p.replicas());
    }

    @Test
    void severalMetricsTakeTheLargestAndNeverScaleDownOnPartialInformation_1_6() {
        Proposal invalid = Proposal.invalid("unable to get external metric");
        // TestScaleUpOneMetricEmpty: 3 replicas, cpu proposes 4, an External metric errors → 4
        assertEquals(4, MetricProposals.combine(3, List.of(new Proposal(4, 80, 0, null), invalid)));
        // TestNoScaleDownOneMetricInvalid: 5 replicas, cpu proposes 3, another invalid → nothing
        assertEquals(-1, MetricProposals.combine(5, List.of(new Proposal(3, 20, 0, null), invalid)));
        assertEquals(-1, MetricProposals.combine(5, List.of(invalid)));
        assertEquals(7, MetricProposals.combine(5, List.of(new Proposal(3, 20, 0, null), new Proposal(7, 20, 0, null))));
    }
}
