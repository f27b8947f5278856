package io.kubesim.controllers.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.CanaryStep;
import io.kubesim.api.RolloutStrategy;
import io.kubesim.cluster.TrafficSplits;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.ClusterEvent;
import io.kubesim.sim.TimelineAction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An Argo canary through its steps, pause, promote and abort (k8s-semantics.md 20.2, 20.3, 20.5). */
class ArgoCanaryTest {
    private static final List<CanaryStep> STEPS = List.of(new CanaryStep.SetWeight(20),
            new CanaryStep.Pause(30L, "30s"), new CanaryStep.SetWeight(50), new CanaryStep.Pause(null, null));

    private static ArgoRollouts.Run basic(List<TimelineAction> more) {
        return ArgoRollouts.Run.of(ArgoRollouts.spec(List.of(ArgoRollouts.service("web"),
                ArgoRollouts.rollout(10, ArgoRollouts.basicCanary(STEPS))), SimTime.minutes(8), more));
    }

    private static RolloutStrategy.Canary routed(String router) {
        return new RolloutStrategy.Canary(STEPS, RolloutStrategy.Canary.DEFAULT_MAX_SURGE,
                RolloutStrategy.Canary.DEFAULT_MAX_UNAVAILABLE, "web-canary", "web-stable",
                new RolloutStrategy.TrafficRouting(router), null, null, false, null, null);
    }

    private static ArgoRollouts.Run routedRun(List<TimelineAction> more) {
        return ArgoRollouts.Run.of(ArgoRollouts.spec(List.of(ArgoRollouts.service("web-canary"),
                ArgoRollouts.service("web-stable"), ArgoRollouts.rollout(10, routed("nginx"))), SimTime.minutes(8), more));
    }

    private static List<String> messages(ArgoRollouts.Run run, String reason) {
        return run.events(reason).stream().map(ClusterEvent::message).toList();
    }

    @Test
    void aBasicCanaryApproximatesEachWeightByPodCountsAndWaitsForPromotion() {
        ArgoRollouts.Run run = basic(List.of(new TimelineAction.RolloutCommand(SimTime.seconds(300), "web", "promote")));
        run.until(SimTime.seconds(61));
        // 20.3: W = 20 of 10 is 2 canary and 8 stable pods, reached in one sync
        assertEquals(2, run.replicas("web:2"));
        assertEquals(8, run.replicas("web:1"));
        run.until(SimTime.seconds(200));
        assertEquals(5, run.replicas("web:2"));
        assertEquals(5, run.replicas("web:1"));
        assertEquals("Paused", run.rollout().phase(), "an indefinite pause waits for promote");
        assertEquals("CanaryPauseStep", run.rollout().message());
        assertEquals(3, run.rollout().currentStepIndex());
        run.until(SimTime.minutes(8));
        assertEquals(10, run.replicas("web:2"));
        assertEquals(0, run.replicas("web:1"));
        assertEquals("Healthy", run.rollout().phase());
        assertEquals(run.rollout().currentPodHash(), run.rollout().stableRs());
        assertEquals(List.of("Rollout step 1/4 completed (setWeight: 20)", "Rollout step 2/4 completed (pause: 30s)",
                "Rollout step 3/4 completed (setWeight: 50)", "Rollout step 4/4 completed (pause)"),
                messages(run, "RolloutStepCompleted"));
        List<ClusterEvent> completed = run.events("RolloutCompleted");
        assertEquals(2, completed.size());
        assertTrue(completed.get(1).message().startsWith("Rollout completed update to revision 2 ("));
        assertTrue(completed.get(1).message().endsWith("): Completed all 4 canary steps"));
        assertTrue(completed.get(1).time() > SimTime.seconds(300), "not before the promotion");
    }

    @Test
    void aTimedPauseLastsItsDuration() {
        ArgoRollouts.Run run = basic(List.of());
        run.until(SimTime.minutes(5));
        List<ClusterEvent> steps = run.events("RolloutStepCompleted");
        // 20.2: pause: {duration: 30s} completes 30 s after the step 1 completed
        assertEquals(SimTime.seconds(30), steps.get(1).time() - steps.get(0).time());
        assertEquals(3, steps.size(), "the indefinite pause never completes by itself");
    }

    @Test
    void eventsUseArgosWording() {
        ArgoRollouts.Run run = basic(List.of());
        run.until(SimTime.seconds(62));
        List<String> scaling = messages(run, "ScalingReplicaSet");
        assertTrue(scaling.stream().anyMatch(m -> m.matches(
                "Scaled up ReplicaSet web-[a-z0-9]+ \\(revision 2\\) from 0 to 2")), scaling.toString());
        assertTrue(scaling.stream().anyMatch(m -> m.matches(
                "Scaled down ReplicaSet web-[a-z0-9]+ \\(revision 1\\) from 10 to 8")), scaling.toString());
        assertEquals(List.of("Rollout updated to revision 2"), messages(run, "RolloutUpdated"));
    }

    @Test
    void promoteFullSkipsEveryRemainingStep() {
        ArgoRollouts.Run run = basic(List.of(
                new TimelineAction.RolloutCommand(SimTime.seconds(65), "web", "promoteFull")));
        run.until(SimTime.seconds(150));
        assertEquals(10, run.replicas("web:2"));
        assertEquals(0, run.replicas("web:1"));
        assertTrue(messages(run, "RolloutCompleted").get(1).endsWith("Full promotion requested"));
    }

    @Test
    void abortingABasicCanaryReturnsEveryPodToTheStable() {
        ArgoRollouts.Run run = basic(List.of(new TimelineAction.RolloutCommand(SimTime.seconds(150), "web", "abort")));
        run.until(SimTime.minutes(5));
        assertEquals(0, run.replicas("web:2"));
        assertEquals(10, run.replicas("web:1"));
        // 20.5: Degraded, RolloutAborted, step index back to 0, the template not reverted
        assertEquals("Degraded", run.rollout().phase());
        assertEquals(List.of("Rollout aborted update to revision 2"), messages(run, "RolloutAborted"));
        assertEquals(0, run.rollout().currentStepIndex());
        assertEquals("web:2", run.rollout().template().spec().containers().get(0).image());
    }

    @Test
    void retryAfterAbortStartsAgainFromStepZero() {
        ArgoRollouts.Run run = basic(List.of(new TimelineAction.RolloutCommand(SimTime.seconds(150), "web", "abort"),
                new TimelineAction.RolloutCommand(SimTime.seconds(240), "web", "retry")));
        run.until(SimTime.seconds(250));
        assertEquals(List.of("Retrying Rollout after abort"), messages(run, "RolloutRetry"));
        assertEquals(2, run.replicas("web:2"), "back at setWeight: 20");
        assertFalse(run.rollout().aborted());
    }

    @Test
    void withARouterTheStableStaysFullAndTheWeightFollowsTheCanarysAvailability() {
        ArgoRollouts.Run run = routedRun(List.of());
        run.until(SimTime.seconds(60) + 1);
        // 20.3: the canary gets ceil(20 % of 10) = 2 pods, the stable stays at 10
        assertEquals(2, run.replicas("web:2"));
        assertEquals(10, run.replicas("web:1"));
        TrafficSplits.Split split = run.sim().store().trafficSplits().of("default/web-stable");
        assertTrue(split == null || split.weight() == 0, "the weight waits for the canary's pods");
        run.until(SimTime.seconds(200));
        split = run.sim().store().trafficSplits().of("default/web-stable");
        assertEquals(50, split.weight());
        assertEquals("default/web-canary", split.canaryService());
        assertFalse(split.mesh(), "nginx splits at the edge only");
        assertEquals(5, run.replicas("web:2"));
        assertEquals(10, run.replicas("web:1"));
        assertEquals(List.of("Traffic weight updated from 0 to 20", "Traffic weight updated from 20 to 50"),
                messages(run, "TrafficWeightUpdated").subList(messages(run, "TrafficWeightUpdated").size() - 2,
                        messages(run, "TrafficWeightUpdated").size()));
    }

    @Test
    void abortingARoutedCanarySendsEverythingToTheStableAndScalesTheCanaryDownThirtySecondsLater() {
        ArgoRollouts.Run run = routedRun(List.of(new TimelineAction.RolloutCommand(SimTime.seconds(150), "web", "abort")));
        run.until(SimTime.seconds(150) + 1);
        assertEquals(0, run.sim().store().trafficSplits().of("default/web-stable").weight());
        assertEquals(5, run.replicas("web:2"), "kept for abortScaleDownDelaySeconds");
        run.until(SimTime.seconds(179));
        assertEquals(5, run.replicas("web:2"));
        run.until(SimTime.seconds(181));
        // 20.1 and 20.5: abortScaleDownDelaySeconds defaults to 30 with traffic routing
        assertEquals(0, run.replicas("web:2"));
        assertEquals(10, run.replicas("web:1"));
        assertNull(run.rollout().pauseCondition("CanaryPauseStep"), "an aborted rollout is not paused");
    }

    @Test
    void afterARoutedPromotionTheOldStableIsScaledDownAfterTheDelay() {
        ArgoRollouts.Run run = routedRun(List.of(new TimelineAction.RolloutCommand(SimTime.seconds(150), "web",
                "promoteFull")));
        run.until(SimTime.minutes(5));
        ClusterEvent completed = run.events("RolloutCompleted").get(1);
        ClusterEvent down = run.events("ScalingReplicaSet").stream()
                .filter(e -> e.message().contains("(revision 1) from 10 to 0")).findFirst().orElseThrow();
        // 20.1: scaleDownDelaySeconds 30 with traffic routing
        assertEquals(SimTime.seconds(30), down.time() - completed.time());
        assertEquals(0, run.sim().store().trafficSplits().of("default/web-stable").weight());
        assertTrue(run.sim().store().services().get("default/web-stable").selector()
                .containsValue(run.rollout().stableRs()), "the stable Service follows the new stable");
    }
}
