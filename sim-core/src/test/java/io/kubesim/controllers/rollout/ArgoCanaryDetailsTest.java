package io.kubesim.controllers.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.CanaryStep;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodTemplate;
import io.kubesim.api.RolloutSpec;
import io.kubesim.api.RolloutStrategy;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.ClusterEvent;
import io.kubesim.sim.TimelineAction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rest of the canary's rules: setCanaryScale, going back to stable, manual pause, the progress deadline. */
class ArgoCanaryDetailsTest {
    private static RolloutStrategy.Canary routed(List<CanaryStep> steps, boolean dynamicStable) {
        return new RolloutStrategy.Canary(steps, RolloutStrategy.Canary.DEFAULT_MAX_SURGE,
                RolloutStrategy.Canary.DEFAULT_MAX_UNAVAILABLE, "web-canary", "web-stable",
                new RolloutStrategy.TrafficRouting("istio"), null, null, dynamicStable, null, null);
    }

    private static ArgoRollouts.Run run(RolloutStrategy strategy, List<TimelineAction> more) {
        return ArgoRollouts.Run.of(ArgoRollouts.spec(List.of(ArgoRollouts.service("web-canary"),
                ArgoRollouts.service("web-stable"), ArgoRollouts.rollout(10, strategy)), SimTime.minutes(6), more));
    }

    @Test
    void setCanaryScaleSizesTheCanaryApartFromItsWeight() {
        // 20.3: setCanaryScale {replicas: 3} gives the canary 3 pods at weight 0; {weight: 50} half of
        // R; matchTrafficWeight goes back to following setWeight
        ArgoRollouts.Run run = run(routed(List.of(new CanaryStep.SetCanaryScale(3, null, false),
                new CanaryStep.Pause(30L, "30s"), new CanaryStep.SetCanaryScale(null, 50, false),
                new CanaryStep.Pause(30L, "30s"), new CanaryStep.SetCanaryScale(null, null, true),
                new CanaryStep.SetWeight(20), new CanaryStep.Pause(null, null)), false), List.of());
        run.until(SimTime.seconds(80));
        assertEquals(3, run.replicas("web:2"));
        assertEquals(10, run.replicas("web:1"), "the stable stays at full size with a router");
        assertEquals(0, run.rollout().canaryWeight(), "scaling the canary sends it no traffic");
        run.until(SimTime.seconds(125));
        assertEquals(5, run.replicas("web:2"));
        run.until(SimTime.minutes(5));
        assertEquals(2, run.replicas("web:2"), "back to ceil(20 % of 10)");
        assertEquals(20, run.rollout().canaryWeight());
        assertTrue(run.events("RolloutStepCompleted").stream().map(ClusterEvent::message)
                .anyMatch(m -> m.equals("Rollout step 1/7 completed (setCanaryScale{replicas: 3})")));
    }

    @Test
    void dynamicStableScaleShrinksTheStableAsTheCanaryTakesTraffic() {
        // 20.3: with dynamicStableScale the stable gets ceil((100 - W) x R / 100), never below what
        // its current traffic needs
        ArgoRollouts.Run run = run(routed(List.of(new CanaryStep.SetWeight(40), new CanaryStep.Pause(null, null)),
                true), List.of());
        run.until(SimTime.minutes(3));
        assertEquals(4, run.replicas("web:2"));
        assertEquals(6, run.replicas("web:1"));
        assertEquals(40, run.rollout().canaryWeight());
    }

    @Test
    void goingBackToTheStableTemplateSkipsEverySteps() {
        // 20.5: reverting the template to the stable revision is detected: SkipSteps, immediate
        ArgoRollouts.Run run = run(ArgoRollouts.basicCanary(List.of(new CanaryStep.SetWeight(20),
                new CanaryStep.Pause(null, null))), List.of(new TimelineAction.Rollout(SimTime.seconds(120), "web",
                Map.of("web", "web:1"), TimelineAction.Rollout.ARGO_ROLLOUT)));
        run.until(SimTime.minutes(4));
        assertEquals(List.of("Rollback to stable ReplicaSets"),
                run.events("SkipSteps").stream().map(ClusterEvent::message).toList());
        assertEquals(10, run.replicas("web:1"));
        assertEquals(0, run.replicas("web:2"));
        assertEquals("Healthy", run.rollout().phase());
    }

    @Test
    void aManualPauseHoldsTheCanaryUntilResumed() {
        ArgoRollouts.Run run = run(ArgoRollouts.basicCanary(List.of(new CanaryStep.SetWeight(20),
                new CanaryStep.Pause(30L, "30s"), new CanaryStep.SetWeight(50))), List.of(
                new TimelineAction.RolloutCommand(SimTime.seconds(62), "web", "pause"),
                new TimelineAction.RolloutCommand(SimTime.seconds(240), "web", "resume")));
        run.until(SimTime.seconds(239));
        assertEquals("Paused", run.rollout().phase());
        assertEquals("manually paused", run.rollout().message());
        assertEquals(2, run.replicas("web:2"));
        run.until(SimTime.minutes(6));
        assertEquals("Healthy", run.rollout().phase());
        assertEquals(10, run.replicas("web:2"));
    }

    @Test
    void aCanaryThatCannotBecomeReadyExceedsItsProgressDeadline() {
        // 20.5: ProgressDeadlineExceeded "Rollout "web" has timed out progressing.", Degraded; with
        // progressDeadlineAbort the update is aborted
        for (boolean abort : new boolean[] {false, true}) {
            PodTemplate broken = ArgoRollouts.template("web:1");
            RolloutSpec spec = new RolloutSpec(4, LabelSelector.of(Map.of("app", "web")), broken, null, 0, 10, 60, abort,
                    false, ArgoRollouts.basicCanary(List.of(new CanaryStep.SetWeight(50))));
            Manifest.RolloutManifest r = new Manifest.RolloutManifest("default", "web", Map.of(), Map.of(), spec,
                    Manifest.Origin.UNKNOWN);
            var base = ArgoRollouts.spec(List.of(ArgoRollouts.service("web-stable"), r), SimTime.minutes(5), List.of());
            var neverReady = io.kubesim.app.ApplicationModel.DEFAULT.withStartupTime(
                    new io.kubesim.engine.DurationDistribution.Constant(SimTime.minutes(60)));
            ArgoRollouts.Run run = ArgoRollouts.Run.of(base.withVersions(Map.of("web", List.of(
                    new io.kubesim.app.ApplicationVersion("web:2", null, null, neverReady)))));
            run.until(SimTime.minutes(5));
            List<ClusterEvent> timedOut = run.events("ProgressDeadlineExceeded");
            assertEquals(1, timedOut.size());
            assertEquals("Rollout \"web\" has timed out progressing.", timedOut.get(0).message());
            assertEquals("Degraded", run.rollout().phase());
            assertEquals(abort, run.rollout().aborted());
            assertEquals(abort ? 0 : 2, run.replicas("web:2"));
        }
    }
}
