package io.kubesim.controllers.statefulset;

import static io.kubesim.controllers.statefulset.StatefulSetRun.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.IntOrPercent;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.StatefulSetUpdateStrategy;
import io.kubesim.cluster.ControllerRevision;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodDisruptionBudget;
import io.kubesim.cluster.PodPhase;
import io.kubesim.cluster.StatefulSet;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.ClusterEvent;
import io.kubesim.metrics.WorkloadStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The StatefulSet controller on the real engine, as k8s-semantics.md 11 states it: identity,
 * OrderedReady and Parallel management, rolling updates with a partition and maxUnavailable,
 * OnDelete, revision history, events and status.
 */
class StatefulSetControllerTest {
    private static final long MINUTE = SimTime.minutes(1);

    private static long readyAt(Pod p) {
        assertTrue(p.isReady(), p.name() + " is Ready");
        return p.readyCondition().lastTransitionTime();
    }

    @Test
    @DisplayName("k8s-semantics.md 11.2: pods <set>-<ordinal>, owned by the set, with the identity and revision labels")
    void identity() {
        StatefulSetRun run = new StatefulSetRun().with(set("web", 2)).runTo(MINUTE);
        StatefulSet web = run.statefulSet("web");
        for (int ordinal = 0; ordinal < 2; ordinal++) {
            Pod p = run.pod("web-" + ordinal);
            assertNotNull(p, "web-" + ordinal);
            assertEquals(web.metadata().uid(), p.metadata().owner().uid());
            assertEquals("StatefulSet", p.metadata().owner().kind());
            Map<String, String> labels = p.metadata().labels();
            assertEquals("web", labels.get("app"), "the template's labels");
            assertEquals("web-" + ordinal, labels.get(StatefulPodIdentity.LABEL_POD_NAME));
            assertEquals(Integer.toString(ordinal), labels.get(StatefulPodIdentity.LABEL_POD_INDEX));
            assertEquals(web.updateRevision(), labels.get(StatefulPodIdentity.LABEL_REVISION));
        }
        assertTrue(web.updateRevision().startsWith("web-"), "ControllerRevision <set>-<hash>");
        assertEquals(web.updateRevision(), web.currentRevision());
        assertEquals(List.of(web.updateRevision()), revisionNames(run, web));
    }

    @Test
    @DisplayName("k8s-semantics.md 11.3, 11.8: OrderedReady creates web-0, web-1, web-2 in turn, each after the "
            + "previous one is Running and Ready; status counts them")
    void orderedReadyCreatesInOrder() {
        StatefulSetRun run = new StatefulSetRun().with(set("web", 3).readinessProbe()).startup("web", SimTime.seconds(20))
                .runTo(5 * MINUTE);
        List<ClusterEvent> created = run.events("SuccessfulCreate");
        assertEquals(List.of("create Pod web-0 in StatefulSet web successful",
                "create Pod web-1 in StatefulSet web successful",
                "create Pod web-2 in StatefulSet web successful"), created.stream().map(ClusterEvent::message).toList());
        assertEquals("StatefulSet/web", created.get(0).object().replace("default/", ""));
        for (int i = 1; i < 3; i++) {
            long previousReady = readyAt(run.pod("web-" + (i - 1)));
            assertTrue(created.get(i).time() >= previousReady, "web-" + i + " created after web-" + (i - 1)
                    + " was Ready (" + SimTime.format(previousReady) + "), at " + SimTime.format(created.get(i).time()));
            assertTrue(created.get(i).time() > created.get(i - 1).time() + SimTime.seconds(20),
                    "each waits out the previous pod's 20 s start-up");
        }
        StatefulSet web = run.statefulSet("web");
        assertEquals(List.of(3, 3, 3, 3, 3), List.of(web.statusReplicas(), web.readyReplicas(),
                web.availableReplicas(), web.currentReplicas(), web.updatedReplicas()));
    }

    @Test
    @DisplayName("k8s-semantics.md 11.3: OrderedReady scale-down deletes the highest ordinal first, each after the "
            + "previous pod object is gone")
    void orderedReadyScaleDownInReverse() {
        StatefulSetRun run = new StatefulSetRun().with(set("web", 3)).runTo(2 * MINUTE);
        StatefulSet web = run.statefulSet("web");
        web.setReplicas(0);
        run.start().store().statefulSets().update(web);
        run.runTo(10 * MINUTE);
        List<ClusterEvent> deleted = run.events("SuccessfulDelete");
        assertEquals(List.of("web-2", "web-1", "web-0"), run.podsIn("SuccessfulDelete"));
        assertEquals("delete Pod web-2 in StatefulSet web successful", deleted.get(0).message());
        for (int i = 1; i < 3; i++) {
            String previous = run.podsIn("SuccessfulDelete").get(i - 1);
            assertTrue(deleted.get(i).time() >= run.removedAt(previous), run.podsIn("SuccessfulDelete").get(i)
                    + " deleted only after " + previous + " left the API");
        }
        assertEquals(0, web.statusReplicas());
    }

    @Test
    @DisplayName("k8s-semantics.md 11.3: under OrderedReady a pod that never becomes Ready halts the set: web-1 is "
            + "never created")
    void unreadyPodHaltsOrderedReady() {
        StatefulSetRun run = new StatefulSetRun().with(set("web", 3).readinessProbe()).startup("web", SimTime.minutes(90))
                .runTo(30 * MINUTE);
        assertEquals(List.of("web-0"), run.podsIn("SuccessfulCreate"));
        Pod web0 = run.pod("web-0");
        assertEquals(PodPhase.RUNNING, web0.phase());
        assertFalse(web0.isReady());
        assertNull(run.pod("web-1"));
        StatefulSet web = run.statefulSet("web");
        assertEquals(1, web.statusReplicas());
        assertEquals(0, web.readyReplicas());
    }

    @Test
    @DisplayName("k8s-semantics.md 11.3: a Failed pod is deleted and recreated under the same name once the old "
            + "object is gone")
    void failedPodIsReplaced() {
        StatefulSetRun run = new StatefulSetRun().with(set("web", 2)).runTo(MINUTE);
        Pod old = run.pod("web-1");
        old.setPhase(PodPhase.FAILED);
        run.start().store().pods().update(old);
        run.runTo(3 * MINUTE);
        assertEquals(List.of("web-1"), run.podsIn("SuccessfulDelete"));
        Pod recreated = run.pod("web-1");
        assertNotEquals(old, recreated);
        assertTrue(recreated.isReady());
        assertTrue(recreated.metadata().creationTimestamp() >= run.removedAt("web-1"));
    }

    @Test
    @DisplayName("k8s-semantics.md 11.3: OrderedReady scale-down does not start while a pod in [0, replicas) is "
            + "unhealthy")
    void scaleDownWaitsForUnhealthyPods() {
        StatefulSetRun run = new StatefulSetRun().with(set("web", 3)).runTo(MINUTE);
        StatefulSet web = run.statefulSet("web");
        Pod web0 = run.pod("web-0");
        // web-0 stops being Ready (as MarkPodsNotReady does when its node is lost), then the set is scaled to 2.
        web0.readyCondition().set(io.kubesim.cluster.ConditionStatus.FALSE, "", "", run.start().simulation().now());
        run.start().store().pods().update(web0);
        web.setReplicas(2);
        run.start().store().statefulSets().update(web);
        run.runTo(5 * MINUTE);
        assertEquals(List.of(), run.podsIn("SuccessfulDelete"), "web-2 stays while web-0 is not Ready");
    }

    @Test
    @DisplayName("k8s-semantics.md 11.3: Parallel creates every ordinal in the same sync, without waiting for readiness")
    void parallelCreatesAllAtOnce() {
        StatefulSetRun run = new StatefulSetRun().with(set("web", 3).parallel().readinessProbe())
                .startup("web", SimTime.minutes(90)).runTo(MINUTE);
        List<ClusterEvent> created = run.events("SuccessfulCreate");
        assertEquals(List.of("web-0", "web-1", "web-2"), run.podsIn("SuccessfulCreate"));
        assertEquals(created.get(0).time(), created.get(2).time(), "same instant");
        assertEquals(3, run.statefulSet("web").statusReplicas());
        assertEquals(0, run.statefulSet("web").readyReplicas());
    }

    @ParameterizedTest(name = "partition {0}: pods deleted {1}")
    @CsvSource(delimiter = ';', value = {"0; web-3 web-2 web-1 web-0", "2; web-3 web-2", "4; ''"})
    @DisplayName("k8s-semantics.md 11.5: RollingUpdate replaces pods from the highest ordinal down to the partition, "
            + "each after the one above is back Running and Ready; lower ordinals keep the current revision")
    void rollingUpdateHighestFirstDownToPartition(int partition, String expected) {
        StatefulSetRun run = new StatefulSetRun()
                .with(set("web", 4).strategy(StatefulSetUpdateStrategy.rolling(partition, IntOrPercent.ofInt(1))))
                .rollout(2 * MINUTE, "web", "db:2").runTo(2 * MINUTE - 1);
        String before = run.statefulSet("web").updateRevision();
        run.runTo(20 * MINUTE);
        List<String> deleted = run.podsIn("SuccessfulDelete");
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(" ")), deleted);
        List<ClusterEvent> deletes = run.events("SuccessfulDelete");
        for (int i = 1; i < deleted.size(); i++) {
            long upperReady = readyAt(run.pod(deleted.get(i - 1)));
            assertTrue(deletes.get(i).time() >= upperReady, deleted.get(i) + " deleted after the recreated "
                    + deleted.get(i - 1) + " was Ready");
        }
        StatefulSet web = run.statefulSet("web");
        String update = web.updateRevision();
        assertNotEquals(before, update);
        for (int ordinal = 0; ordinal < 4; ordinal++) {
            Pod p = run.pod("web-" + ordinal);
            String expectedRevision = ordinal < partition ? before : update;
            assertEquals(expectedRevision, StatefulPodIdentity.revision(p), p.name());
            assertEquals(ordinal < partition ? "db:1" : "db:2", p.spec().containers().get(0).image(), p.name());
        }
        assertEquals(4 - partition, web.updatedReplicas());
        assertEquals(partition == 0 ? update : before, web.currentRevision(),
                "the current revision becomes the update revision only when every pod is updated");
        WorkloadStatus stats = StatefulSetRun.status(run.start());
        assertEquals(1, stats.rollouts().size());
        assertEquals(2 * MINUTE, stats.rollouts().get(0).start());
        long end = stats.rollouts().get(0).end();
        if (partition < 4) {
            assertEquals(readyAt(run.pod("web-" + partition)), end,
                    "the rollout ends when the last pod at or above the partition is updated and Ready "
                            + "(kubectl rollout status: updatedReplicas >= replicas - partition, all ready)");
        } else {
            assertEquals(2 * MINUTE, end, "a partition above every ordinal has nothing to replace: complete at once");
        }
    }

    @Test
    @DisplayName("k8s-semantics.md 11.5: with maxUnavailable 2 the two highest outdated pods are deleted together; "
            + "recreation is still one ordinal at a time under OrderedReady")
    void maxUnavailableDeletesSeveral() {
        StatefulSetRun run = new StatefulSetRun()
                .with(set("web", 4).strategy(StatefulSetUpdateStrategy.rolling(0, IntOrPercent.ofInt(2))))
                .rollout(2 * MINUTE, "web", "db:2").runTo(20 * MINUTE);
        List<ClusterEvent> deletes = run.events("SuccessfulDelete");
        assertEquals(List.of("web-3", "web-2", "web-1", "web-0"), run.podsIn("SuccessfulDelete"));
        assertEquals(deletes.get(0).time(), deletes.get(1).time(), "web-3 and web-2 at once");
        assertEquals(deletes.get(2).time(), deletes.get(3).time(), "then web-1 and web-0 at once");
        List<ClusterEvent> creates = run.events("SuccessfulCreate").subList(4, 6);
        assertEquals("create Pod web-2 in StatefulSet web successful", creates.get(0).message(),
                "the lower ordinal first");
        assertTrue(creates.get(1).time() >= readyAt(run.pod("web-2")), "web-3 waits for web-2 to be Ready");
    }

    @Test
    @DisplayName("k8s-semantics.md 11.6: a rollout to an image that never runs sticks on the highest ordinal; "
            + "reverting the template does not replace the broken pod, deleting it by hand does")
    void stuckRolloutNeedsAManualDelete() {
        StatefulSetRun run = new StatefulSetRun().missingImage("db:404").with(set("web", 3))
                .rollout(2 * MINUTE, "web", "db:404").rollout(5 * MINUTE, "web", "db:1").runTo(2 * MINUTE - 1);
        String original = run.statefulSet("web").updateRevision();
        run.runTo(10 * MINUTE);
        Pod broken = run.pod("web-2");
        assertEquals("db:404", broken.spec().containers().get(0).image());
        assertEquals(PodPhase.PENDING, broken.phase(), "its image never pulls");
        assertEquals(List.of("web-2"), run.podsIn("SuccessfulDelete"), "only the first update deletion, none after "
                + "the revert");
        StatefulSet web = run.statefulSet("web");
        assertEquals(original, web.updateRevision(), "the revert made the old revision the update revision again");
        run.start().store().deletePod(broken, null);
        run.runTo(15 * MINUTE);
        Pod fixed = run.pod("web-2");
        assertEquals("db:1", fixed.spec().containers().get(0).image(), "recreated from the reverted revision");
        assertTrue(fixed.isReady());
        assertEquals(3, web.readyReplicas());
    }

    @Test
    @DisplayName("k8s-semantics.md 11.5: OnDelete never replaces pods; a pod deleted by hand comes back at the "
            + "update revision")
    void onDelete() {
        StatefulSetRun run = new StatefulSetRun().with(set("web", 3).strategy(StatefulSetUpdateStrategy.ON_DELETE))
                .rollout(2 * MINUTE, "web", "db:2").runTo(10 * MINUTE);
        assertEquals(List.of(), run.podsIn("SuccessfulDelete"));
        StatefulSet web = run.statefulSet("web");
        assertNotEquals(web.currentRevision(), web.updateRevision());
        assertEquals(0, web.updatedReplicas());
        run.start().store().deletePod(run.pod("web-1"), null);
        run.runTo(15 * MINUTE);
        assertEquals(web.updateRevision(), StatefulPodIdentity.revision(run.pod("web-1")));
        assertEquals("db:2", run.pod("web-1").spec().containers().get(0).image());
        assertEquals("db:1", run.pod("web-0").spec().containers().get(0).image());
        assertEquals("db:1", run.pod("web-2").spec().containers().get(0).image());
        assertEquals(1, web.updatedReplicas());
        assertEquals(2, web.currentReplicas());
    }

    @Test
    @DisplayName("k8s-semantics.md 11.5: rolling back to an older template reuses its ControllerRevision with the "
            + "next revision number")
    void rollbackReusesRevision() {
        StatefulSetRun run = new StatefulSetRun().with(set("web", 2)).runTo(MINUTE);
        StatefulSet web = run.statefulSet("web");
        String first = web.updateRevision();
        rollout(run, "db:2");
        run.runTo(5 * MINUTE);
        String second = web.updateRevision();
        assertNotEquals(first, second);
        rollout(run, "db:1");
        run.runTo(10 * MINUTE);
        assertEquals(first, web.updateRevision(), "the old revision is the update revision again");
        assertEquals(first, web.currentRevision());
        ControllerRevision r = run.start().store().controllerRevisions().get("default", first);
        assertEquals(3, r.revision(), "renumbered after revision 2");
        assertEquals(List.of(second, first), revisionNames(run, web));
    }

    @Test
    @DisplayName("k8s-semantics.md 11.5: revisions that no pod uses and that are neither current nor update are "
            + "deleted oldest first beyond revisionHistoryLimit")
    void historyTruncation() {
        StatefulSetRun run = new StatefulSetRun().with(set("web", 1).revisionHistoryLimit(1)).runTo(MINUTE);
        StatefulSet web = run.statefulSet("web");
        List<String> revisions = new ArrayList<>(List.of(web.updateRevision()));
        for (int v = 2; v <= 4; v++) {
            rollout(run, "db:" + v);
            run.runTo(run.start().simulation().now() + 2 * MINUTE);
            revisions.add(web.updateRevision());
        }
        assertEquals(web.currentRevision(), web.updateRevision());
        assertEquals(List.of(revisions.get(2), revisions.get(3)), revisionNames(run, web),
                "the live revision plus one of history");
    }

    @Test
    @DisplayName("k8s-semantics.md 11.3: minReadySeconds: a Ready pod counts as available, and lets the next ordinal "
            + "be created, only after minReadySeconds")
    void minReadySeconds() {
        StatefulSetRun run = new StatefulSetRun().with(set("web", 2).minReadySeconds(30)).runTo(5 * MINUTE);
        List<ClusterEvent> created = run.events("SuccessfulCreate");
        long web0Ready = readyAt(run.pod("web-0"));
        assertTrue(created.get(1).time() >= web0Ready + SimTime.seconds(30), "web-1 created at "
                + SimTime.format(created.get(1).time()) + ", web-0 Ready at " + SimTime.format(web0Ready));
        assertEquals(2, run.statefulSet("web").availableReplicas());
    }

    @Test
    @DisplayName("k8s-semantics.md 6.1: a PodDisruptionBudget over a StatefulSet's pods expects the set's replicas")
    void disruptionBudgetCountsTheSet() {
        StatefulSetRun run = new StatefulSetRun().with(set("zk", 3)).manifest(new Manifest.PodDisruptionBudgetManifest(
                "default", "zk", Map.of(), LabelSelector.of(Map.of("app", "zk")), null, IntOrPercent.ofInt(1), false,
                Manifest.Origin.UNKNOWN)).runTo(2 * MINUTE);
        PodDisruptionBudget pdb = run.start().store().podDisruptionBudgets().get("default", "zk");
        assertEquals(3, pdb.expectedPods(), "the StatefulSet's scale, not unmanaged pods");
        assertEquals(2, pdb.desiredHealthy());
        assertEquals(1, pdb.disruptionsAllowed());
        assertEquals(List.of(), run.events("UnmanagedPods"));
    }

    @Test
    @DisplayName("Determinism: the same scenario and seed give the same events")
    void determinism() {
        List<String> a = eventLog(new StatefulSetRun().seed(5).with(set("web", 3)).with(set("db", 2).parallel())
                .rollout(3 * MINUTE, "web", "db:2").runTo(10 * MINUTE));
        List<String> b = eventLog(new StatefulSetRun().seed(5).with(set("web", 3)).with(set("db", 2).parallel())
                .rollout(3 * MINUTE, "web", "db:2").runTo(10 * MINUTE));
        assertEquals(a, b);
        assertTrue(a.size() > 20);
    }

    private static List<String> eventLog(StatefulSetRun run) {
        return run.start().events().events().stream().map(ClusterEvent::toString).toList();
    }

    private static void rollout(StatefulSetRun run, String image) {
        StatefulSet web = run.statefulSet("web");
        web.setTemplate(web.template().withSpec(web.template().spec().withContainers(
                List.of(web.template().spec().containers().get(0).withImage(image)))));
        run.start().store().statefulSets().update(web);
    }

    private static List<String> revisionNames(StatefulSetRun run, StatefulSet set) {
        List<ControllerRevision> revs = new ArrayList<>(
                run.start().store().controllerRevisionsByOwner().get(set.metadata().uid()));
        revs.sort(java.util.Comparator.comparingLong(ControllerRevision::revision));
        return revs.stream().map(ControllerRevision::name).toList();
    }
}
