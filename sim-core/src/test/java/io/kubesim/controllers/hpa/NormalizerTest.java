package io.kubesim.controllers.hpa;

import io.kubesim.api.HpaScalingPolicy;
import io.kubesim.api.HpaScalingRules;
import static io.kubesim.engine.SimTime.minutes;
import static io.kubesim.engine.SimTime.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Normalization of the replica proposal: legacy path (k8s-semantics.md 1.8) and behavior path (1.9). */
class NormalizerTest {

    @Test
    void legacyScaleUpLimitIsTwiceCurrentOrFour_1_8() {
        LegacyNormalizer n = new LegacyNormalizer(minutes(5));
        assertEquals(6, n.normalize(1000, 3, 1, 2000, minutes(10)));
        assertEquals("ScaleUpLimit", n.reason());
        LegacyNormalizer small = new LegacyNormalizer(minutes(5));
        assertEquals(4, small.normalize(100, 1, 1, 10, minutes(10)), "max(2 × 1, 4)");
        LegacyNormalizer capped = new LegacyNormalizer(minutes(5));
        assertEquals(5, capped.normalize(100, 4, 1, 5, minutes(10)));
        assertEquals("TooManyReplicas", capped.reason());
        LegacyNormalizer floor = new LegacyNormalizer(minutes(5));
        assertEquals(2, floor.normalize(1, 4, 2, 5, minutes(10)));
        assertEquals("TooFewReplicas", floor.reason());
    }

    @Test
    void legacyDownscaleKeepsTheLargestRecommendationOfFiveMinutes_1_8() {
        LegacyNormalizer n = new LegacyNormalizer(minutes(5));
        long t = minutes(10);
        assertEquals(8, n.normalize(8, 8, 1, 20, t));
        // load drops: every sync for 5 minutes proposes 2, the 8 of t holds the count
        for (int s = 15; s < 300; s += 15) {
            assertEquals(8, n.normalize(2, 8, 1, 20, t + seconds(s)), "at +" + s + " s");
        }
        assertEquals(8, n.normalize(2, 8, 1, 20, t + seconds(300)), "the entry exactly 5 min old still counts");
        assertEquals(2, n.normalize(2, 8, 1, 20, t + seconds(315)));
    }

    @Test
    void behaviorStabilizationExample_1_9() {
        BehaviorNormalizer n = new BehaviorNormalizer(
                new HpaScalingRules(300, HpaScalingRules.SelectPolicy.MAX, HpaScalingRules.defaultScaleUp().policies()),
                HpaScalingRules.defaultScaleDown(300));
        long now = minutes(200);
        n.stabilize(2, 2, now - minutes(100));
        n.stabilize(3, 2, now - minutes(3));
        // recs [2 at 100 min ago, 3 at 3 min ago], current 2, desired 1 → upRec 1, downRec 3 → 2
        assertEquals(2, n.stabilize(1, 2, now));
    }

    @Test
    void defaultScaleUpDoublesPerPeriodAndThenContinues_1_9() {
        BehaviorNormalizer n = defaults();
        long t = minutes(10);
        int r = n.normalize(100, 10, 1, 100, t);
        assertEquals(20, r, "max(10 + 4, ceil(10 × 2))");
        assertEquals("ScaleUpLimit", n.reason());
        n.recordRescale(10, r, t);
        // the next sync 15 s later: the event of t is exactly one period old and no longer counts
        int r2 = n.normalize(100, 20, 1, 100, t + seconds(15));
        assertEquals(40, r2);
        n.recordRescale(20, r2, t + seconds(15));
        // within the same period a second sync may not add more: period start 40 − 0... events of t+15 still count
        assertEquals(40, n.normalize(100, 40, 1, 100, t + seconds(20)), "period start 20 → limit 40");
        assertEquals(80, n.normalize(100, 40, 1, 100, t + seconds(30)));
    }

    @Test
    void rateLimitExamples_1_9() {
        long now = minutes(10);
        HpaScalingRules up = new HpaScalingRules(0, HpaScalingRules.SelectPolicy.MAX,
                List.of(new HpaScalingPolicy(HpaScalingPolicy.Type.PERCENT, 200, 120)));
        BehaviorNormalizer n = new BehaviorNormalizer(up, HpaScalingRules.defaultScaleDown(300));
        n.recordRescale(0, 1, now - seconds(100));
        n.recordRescale(0, 5, now - seconds(60));
        n.recordRescale(0, 9, now - seconds(10));
        assertEquals(255, n.scaleUpLimit(100, now), "period start 85 → ceil(85 × 3)");

        HpaScalingRules down = new HpaScalingRules(0, HpaScalingRules.SelectPolicy.MAX,
                List.of(new HpaScalingPolicy(HpaScalingPolicy.Type.PERCENT, 50, 120)));
        BehaviorNormalizer d = new BehaviorNormalizer(HpaScalingRules.defaultScaleUp(), down);
        d.recordRescale(2, 0, now - seconds(100));
        d.recordRescale(4, 0, now - seconds(60));
        d.recordRescale(6, 0, now - seconds(10));
        assertEquals(56, d.scaleDownLimit(100, now), "period start 112 → int(112 × 0.5)");

        // default scale-up from 10 → max(14, 20) = 20
        assertEquals(20, defaults().scaleUpLimit(10, now));
    }

    @Test
    void selectPolicyMinAndDisabled_1_9() {
        HpaScalingRules minUp = new HpaScalingRules(0, HpaScalingRules.SelectPolicy.MIN, HpaScalingRules.defaultScaleUp().policies());
        assertEquals(14, new BehaviorNormalizer(minUp, HpaScalingRules.defaultScaleDown(300)).scaleUpLimit(10, 0));
        HpaScalingRules disabled = new HpaScalingRules(0, HpaScalingRules.SelectPolicy.DISABLED, List.of());
        BehaviorNormalizer n = new BehaviorNormalizer(disabled, disabled);
        assertEquals(10, n.normalize(50, 10, 1, 100, minutes(10)), "scale-up disabled");
        assertEquals(10, n.normalize(1, 10, 1, 100, minutes(11)), "scale-down disabled");
    }

    @Test
    void defaultScaleDownWaitsForTheFiveMinuteWindowThenDropsAtOnce_1_9() {
        BehaviorNormalizer n = defaults();
        long t = minutes(10);
        assertEquals(10, n.normalize(10, 10, 1, 100, t));
        for (int s = 15; s < 300; s += 15) {
            assertEquals(10, n.normalize(2, 10, 1, 100, t + seconds(s)), "at +" + s + " s");
        }
        // the behavior path counts only entries strictly newer than the cutoff: the 10 of t is out at +300 s,
        // and 100 % per 15 s allows the whole drop at once
        assertEquals(2, n.normalize(2, 10, 1, 100, t + seconds(300)));
    }

    private static BehaviorNormalizer defaults() {
        return new BehaviorNormalizer(HpaScalingRules.defaultScaleUp(), HpaScalingRules.defaultScaleDown(300));
    }
}
