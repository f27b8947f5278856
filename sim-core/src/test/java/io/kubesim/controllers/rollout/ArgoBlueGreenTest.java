package io.kubesim.controllers.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.RolloutStrategy;
import io.kubesim.cluster.Rollout;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.ClusterEvent;
import io.kubesim.sim.TimelineAction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A blue-green Rollout: preview, promotion, the old ReplicaSet's scale-down delay (k8s-semantics.md 20.4). */
class ArgoBlueGreenTest {
    private static RolloutStrategy.BlueGreen strategy(boolean autoPromotion, int autoSeconds, Integer previewReplicas) {
        return new RolloutStrategy.BlueGreen("web-active", "web-preview", autoPromotion, autoSeconds, previewReplicas,
                30, 30, null, null, null);
    }

    private static ArgoRollouts.Run run(RolloutStrategy.BlueGreen bg, List<TimelineAction> more) {
        return ArgoRollouts.Run.of(ArgoRollouts.spec(List.of(ArgoRollouts.service("web-active"),
                ArgoRollouts.service("web-preview"), ArgoRollouts.rollout(3, bg)), SimTime.minutes(8), more));
    }

    private static String selected(ArgoRollouts.Run run, String service) {
        return run.sim().store().services().get("default/" + service).selector().get(Rollout.LABEL_POD_TEMPLATE_HASH);
    }

    private static String hashOf(ArgoRollouts.Run run, String image) {
        return run.sim().store().replicaSets().list().stream()
                .filter(rs -> rs.template().spec().containers().get(0).image().equals(image))
                .map(rs -> rs.metadata().labels().get(Rollout.LABEL_POD_TEMPLATE_HASH)).findFirst().orElseThrow();
    }

    @Test
    void thePreviewFollowsTheNewVersionAtOnceAndTheActiveSwitchesOnPromote() {
        ArgoRollouts.Run run = run(strategy(false, 0, null), List.of(
                new TimelineAction.RolloutCommand(SimTime.seconds(200), "web", "promote")));
        run.until(SimTime.seconds(60) + 1);
        assertEquals(hashOf(run, "web:2"), selected(run, "web-preview"));
        assertEquals(hashOf(run, "web:1"), selected(run, "web-active"));
        run.until(SimTime.seconds(199));
        assertEquals(3, run.replicas("web:2"), "the preview runs at full size (no previewReplicaCount)");
        assertEquals(3, run.replicas("web:1"));
        assertEquals("Paused", run.rollout().phase());
        assertEquals("BlueGreenPause", run.rollout().message());
        assertEquals(hashOf(run, "web:1"), selected(run, "web-active"), "autoPromotionEnabled: false waits");
        run.until(SimTime.seconds(200) + 1);
        assertEquals(hashOf(run, "web:2"), selected(run, "web-active"));
        run.until(SimTime.seconds(229));
        assertEquals(3, run.replicas("web:1"), "the old ReplicaSet stays up for scaleDownDelaySeconds");
        run.until(SimTime.seconds(231));
        assertEquals(0, run.replicas("web:1"));
        assertEquals("Healthy", run.rollout().phase());
        assertTrue(run.events("RolloutCompleted").get(1).message().endsWith("Completed blue-green update"));
        // each selector switch is a SwitchService event on the Rollout, as switchServiceSelector records it
        String v1 = hashOf(run, "web:1");
        String v2 = hashOf(run, "web:2");
        assertEquals(List.of("Switched selector for service 'web-preview' from '' to '" + v1 + "'",
                "Switched selector for service 'web-active' from '' to '" + v1 + "'",
                "Switched selector for service 'web-preview' from '" + v1 + "' to '" + v2 + "'",
                "Switched selector for service 'web-active' from '" + v1 + "' to '" + v2 + "'"),
                run.events("SwitchService").stream().map(ClusterEvent::message).toList());
        long switched = run.events("SwitchService").get(3).time();
        assertTrue(switched >= SimTime.seconds(200) && switched <= SimTime.seconds(201), "the promotion switches the "
                + "active: " + SimTime.format(switched));
    }

    @Test
    void autoPromotionSecondsPromotesThatLongAfterThePauseStarted() {
        ArgoRollouts.Run run = run(strategy(true, 45, null), List.of());
        run.until(SimTime.minutes(4));
        ClusterEvent paused = run.events("RolloutPaused").get(0);
        ClusterEvent completed = run.events("RolloutCompleted").get(1);
        assertEquals(SimTime.seconds(45), completed.time() - paused.time());
        assertEquals(hashOf(run, "web:2"), selected(run, "web-active"));
    }

    @Test
    void withDefaultsTheActiveSwitchesAsSoonAsTheNewVersionIsAvailable() {
        ArgoRollouts.Run run = run(strategy(true, 0, null), List.of());
        run.until(SimTime.minutes(4));
        assertTrue(run.events("RolloutPaused").isEmpty());
        assertEquals(hashOf(run, "web:2"), selected(run, "web-active"));
        assertEquals(0, run.replicas("web:1"));
    }

    @Test
    void previewReplicaCountRunsASmallPreviewThenScalesUpBeforeTheSwitch() {
        ArgoRollouts.Run run = run(strategy(false, 0, 1), List.of(
                new TimelineAction.RolloutCommand(SimTime.seconds(200), "web", "promote")));
        run.until(SimTime.seconds(199));
        assertEquals(1, run.replicas("web:2"));
        assertEquals(hashOf(run, "web:1"), selected(run, "web-active"));
        run.until(SimTime.seconds(200) + 1);
        assertEquals(3, run.replicas("web:2"), "scaled to full size first");
        assertEquals(hashOf(run, "web:1"), selected(run, "web-active"), "the switch waits for the full size");
        run.until(SimTime.minutes(5));
        assertEquals(hashOf(run, "web:2"), selected(run, "web-active"));
    }

    @Test
    void abortKeepsTheActiveOnTheOldVersionAndScalesThePreviewDown() {
        ArgoRollouts.Run run = run(strategy(false, 0, null), List.of(
                new TimelineAction.RolloutCommand(SimTime.seconds(150), "web", "abort")));
        run.until(SimTime.minutes(4));
        assertEquals(hashOf(run, "web:1"), selected(run, "web-active"));
        assertEquals(0, run.replicas("web:2"));
        assertEquals(3, run.replicas("web:1"));
        assertEquals("Degraded", run.rollout().phase());
    }
}
