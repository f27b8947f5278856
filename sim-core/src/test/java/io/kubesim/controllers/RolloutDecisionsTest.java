package io.kubesim.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.DeploymentStrategy;
import io.kubesim.api.LabelSelector;
import io.kubesim.cluster.Deployment;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.Decision;
import io.kubesim.metrics.DecisionRecorder;
import io.kubesim.metrics.EventRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Deployment controller's RolloutStep and RolloutWaiting decisions ({@code kubesim explain
 * --rollout}) pin the arithmetic of k8s-semantics.md 2.2 (fenceposts), 2.3 (one RollingUpdate
 * sync), 2.6 (Recreate) and 2.7 (proportional scaling) on the real controllers and kubelets.
 */
class RolloutDecisionsTest {

    /** A rollout of {@code replicas} pods that start in 5 s; the decisions recorded from the rollout on. */
    private static List<Decision> rollOut(int replicas, DeploymentStrategy strategy) {
        ControllerHarness h = new ControllerHarness().app(ControllerHarness.startingIn(5)).start();
        Deployment d = h.create(ControllerHarness.deployment("web", replicas, strategy));
        h.runFor(SimTime.minutes(2));
        int before = h.decisions.decisions().size();
        h.rollout(d, "example/web:2");
        h.runFor(SimTime.minutes(5));
        assertEquals(replicas, d.updatedReplicas(), "the rollout finished");
        return h.decisions.decisions().subList(before, h.decisions.decisions().size());
    }

    private static List<Map<String, Object>> steps(List<Decision> decisions) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Decision d : decisions) {
            if (d.kind().equals(RolloutDecisions.STEP)) {
                out.add(d.facts());
            }
        }
        return out;
    }

    private static int num(Map<String, Object> facts, String key) {
        return ((Number) facts.get(key)).intValue();
    }

    // k8s-semantics.md 2.2 and 2.3
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            10 replicas 25%/25%: surge ceil(2.5)=3, new RS 0 -> 3 first      | 10 | 25% | 25% | 3 | 2 | new | 0  | 3 | maxSurge
            10 replicas 0/0: unavailable becomes 1, old RS 10 -> 9 first     | 10 | 0   | 0   | 0 | 1 | old | 10 | 9 | maxUnavailable
            3 replicas 25%/25%: surge ceil(0.75)=1, unavailable floor(0.75)=0 | 3  | 25% | 25% | 1 | 0 | new | 0  | 1 | maxSurge
            10 replicas maxSurge 0, maxUnavailable 3: old RS 10 -> 7 first   | 10 | 0   | 3   | 0 | 3 | old | 10 | 7 | maxUnavailable
            """)
    void firstStepFollowsTheFenceposts(String name, int replicas, String surge, String unavailable, int maxSurge,
                                       int maxUnavailable, String role, int from, int to, String rule) {
        List<Map<String, Object>> steps = steps(rollOut(replicas, ControllerHarness.rolling(surge, unavailable)));
        Map<String, Object> first = steps.get(0);
        assertEquals(1, num(first, "step"));
        assertEquals(role, first.get("role"));
        assertEquals(from, num(first, "from"));
        assertEquals(to, num(first, "to"));
        assertEquals(rule, first.get("rule"));
        assertEquals(maxSurge, num(first, "maxSurge"));
        assertEquals(maxUnavailable, num(first, "maxUnavailable"));
        assertEquals(replicas + maxSurge, num(first, "maxTotalPods"));
        assertEquals(replicas - maxUnavailable, num(first, "minAvailable"));
    }

    @Test
    @DisplayName("10 replicas 25%/25% (2.3): new RS to 3 (13 allowed, 10 exist), old RS to 8 (13 - 8 - 3 = 2 may go), new RS to 5")
    void firstSyncsOfTheDefaultStrategy() {
        List<Decision> decisions = rollOut(10, ControllerHarness.rolling("25%", "25%"));
        List<Map<String, Object>> steps = steps(decisions);
        Map<String, Object> grow = steps.get(0);
        assertEquals(10, num(grow, "currentPods"));
        String newRs = (String) grow.get("replicaSet");
        assertEquals("scale up new ReplicaSet " + newRs + " from 0 to 3: maxSurge 25% (3) allows 13 pods "
                + "(10 replicas + 3), 10 exist", decisions.get(0).message());

        Map<String, Object> shrink = steps.get(1);
        assertEquals("old", shrink.get("role"));
        assertEquals(10, num(shrink, "from"));
        assertEquals(8, num(shrink, "to"));
        assertEquals(13, num(shrink, "currentPods"));
        assertEquals(3, num(shrink, "newUnavailable"));
        assertEquals(2, num(shrink, "maxScaleDown"), "allPods 13 - minAvailable 8 - new unavailable 3");
        assertEquals(2, num(shrink, "scaleDownBudget"), "available 10 - minAvailable 8");

        Map<String, Object> growAgain = steps.get(2);
        assertEquals(newRs, growAgain.get("replicaSet"));
        assertEquals(3, num(growAgain, "from"));
        assertEquals(5, num(growAgain, "to"), "13 allowed, 11 exist after the old RS went to 8");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            10 replicas 25%/25% | 10 | 25% | 25%
            10 replicas 0/1     | 10 | 0   | 1
            4 replicas 1/0      | 4  | 1   | 0
            7 replicas 50%/10%  | 7  | 50% | 10%
            """)
    @DisplayName("every step stays within its bound, steps count from 1, and the last one empties the old ReplicaSet")
    void everyStepWithinItsBound(String name, int replicas, String surge, String unavailable) {
        List<Decision> decisions = rollOut(replicas, ControllerHarness.rolling(surge, unavailable));
        List<Map<String, Object>> steps = steps(decisions);
        for (int i = 0; i < steps.size(); i++) {
            Map<String, Object> s = steps.get(i);
            assertEquals(i + 1, num(s, "step"));
            int delta = num(s, "to") - num(s, "from");
            switch ((String) s.get("rule")) {
                case "maxSurge" -> {
                    assertTrue(delta > 0 && delta <= num(s, "maxTotalPods") - num(s, "currentPods"), s.toString());
                    assertTrue(num(s, "to") <= replicas, s.toString());
                }
                case "maxUnavailable" -> {
                    assertTrue(-delta > 0 && -delta <= num(s, "scaleDownBudget"), s.toString());
                    assertEquals(num(s, "availablePods") - num(s, "minAvailable"), num(s, "scaleDownBudget"));
                    assertTrue(-delta <= num(s, "maxScaleDown"), s.toString());
                }
                default -> throw new AssertionError("unexpected rule in a plain rollout: " + s);
            }
        }
        Map<String, Object> last = steps.get(steps.size() - 1);
        assertTrue(last.get("role").equals("old") && num(last, "to") == 0
                || last.get("role").equals("new") && num(last, "to") == replicas, last.toString());
    }

    @Test
    @DisplayName("waits say which bound holds, never twice in a row for one state, and every new pod is reported available once")
    void waitsAndAvailability() {
        List<Decision> decisions = rollOut(10, ControllerHarness.rolling("25%", "25%"));
        String previous = null;
        TreeSet<String> available = new TreeSet<>();
        for (Decision d : decisions) {
            if (d.kind().equals(RolloutDecisions.WAITING)) {
                assertTrue(d.message().startsWith("wait: "), d.message());
                assertNotEquals(previous, d.message() + d.facts().get("availablePods"));
                previous = d.message() + d.facts().get("availablePods");
                if (num(d.facts(), "oldPods") > 0) {
                    assertTrue(((List<?>) d.facts().get("heldBy")).contains("maxUnavailable"), d.message());
                }
            } else {
                previous = null;
            }
            Object became = d.facts().get("becameAvailable");
            if (became != null) {
                for (Object o : (List<?>) became) {
                    Map<?, ?> pod = (Map<?, ?>) o;
                    assertTrue(available.add((String) pod.get("pod")), "reported once: " + pod);
                    assertTrue(((Number) pod.get("at")).doubleValue() <= SimTime.toSeconds(d.time()));
                }
            }
        }
        assertTrue(decisions.stream().anyMatch(d -> d.kind().equals(RolloutDecisions.WAITING)
                        && d.message().contains("cannot grow: maxSurge 25% (3) allows 13 pods, 13 exist")),
                "at 13 pods the new RS waits on maxSurge");
        assertTrue(available.size() >= 9, "the new pods that became available before the last step: " + available);
    }

    // k8s-semantics.md 2.3 (a)
    @Test
    @DisplayName("old pods that never became available go first: 13 - 8 - 3 = 2 unhealthy old pods removed, rule unhealthy")
    void unhealthyOldPodsFirst() {
        ControllerHarness h = new ControllerHarness().app(ControllerHarness.startingIn(3600)).start();
        Deployment d = h.create(ControllerHarness.deployment("web", 10, ControllerHarness.rolling("25%", "25%")));
        h.runFor(SimTime.minutes(2));
        assertEquals(0, d.availableReplicas(), "the old pods are still starting");
        int before = h.decisions.decisions().size();
        h.rollout(d, "example/web:2");
        h.runFor(SimTime.seconds(10));
        List<Map<String, Object>> steps = steps(h.decisions.decisions().subList(before, h.decisions.decisions().size()));
        Map<String, Object> cleanup = steps.get(1);
        assertEquals("unhealthy", cleanup.get("rule"));
        assertEquals(List.of("old", 10, 8), List.of(cleanup.get("role"), cleanup.get("from"), cleanup.get("to")));
        assertEquals(10, num(cleanup, "unhealthy"), "none of the 10 old pods is available");
        assertEquals(2, num(cleanup, "maxScaleDown"), "13 pods - minAvailable 8 - 3 new pods not available");
    }

    // k8s-semantics.md 2.6
    @Test
    @DisplayName("Recreate: old RS to 0, wait while old pods run (terminating ones count), then the new RS to all replicas")
    void recreate() {
        List<Decision> decisions = rollOut(4, DeploymentStrategy.RECREATE);
        List<Map<String, Object>> steps = steps(decisions);
        assertEquals(2, steps.size());
        assertEquals(List.of("old", 4, 0, "recreate"), List.of(steps.get(0).get("role"), steps.get(0).get("from"),
                steps.get(0).get("to"), steps.get(0).get("rule")));
        assertEquals(List.of("new", 0, 4, "recreate"), List.of(steps.get(1).get("role"), steps.get(1).get("from"),
                steps.get(1).get("to"), steps.get(1).get("rule")));
        Decision wait = decisions.stream().filter(d -> d.kind().equals(RolloutDecisions.WAITING)).findFirst()
                .orElseThrow();
        assertTrue(num(wait.facts(), "oldPodsRunning") > 0);
        assertTrue(decisions.indexOf(wait) < decisions.indexOf(decisions.stream()
                .filter(d -> d.kind().equals(RolloutDecisions.STEP) && "new".equals(d.facts().get("role")))
                .findFirst().orElseThrow()), "the wait comes before the new pods");
    }

    // k8s-semantics.md 2.7, first example
    @Test
    @DisplayName("proportional scaling 5 -> 10, maxSurge 0: old RS 3 -> 6 with share round(3 x 10 / 5) - 3 = 3, new RS 2 -> 4")
    void proportionalShares() {
        ControllerHarness h = new ControllerHarness();
        Deployment d = h.create(ControllerHarness.deployment("web", 5, ControllerHarness.rolling("0", "1")));
        ReplicaSet old = rs(h, d, "web-old", 3, SimTime.seconds(1));
        ReplicaSet neu = rs(h, d, "web-new", 2, SimTime.seconds(2));
        d.setReplicas(10);
        DecisionRecorder recorder = new DecisionRecorder(true);
        new ProportionalScaling(new ReplicaSetScaler(h.store, new EventRecorder(h.sim, false)),
                new RolloutDecisions(h.store, recorder)).scale(d, neu, List.of(old));
        List<Decision> steps = recorder.decisions();
        assertEquals(2, steps.size());
        Map<String, Object> first = steps.get(0).facts();
        assertEquals(List.of("web-old", 3, 6, "proportional", 10, 5, 3, 0),
                List.of(first.get("replicaSet"), first.get("from"), first.get("to"), first.get("rule"),
                        first.get("allowedPods"), first.get("toAdd"), first.get("share"), first.get("leftover")));
        assertTrue(steps.get(0).message().contains("its share round(3 x 10 / 5) - 3 = 3"), steps.get(0).message());
        assertEquals(List.of("web-new", 2, 4), List.of(steps.get(1).facts().get("replicaSet"),
                steps.get(1).facts().get("from"), steps.get(1).facts().get("to")));
        assertFalse(steps.get(1).message().contains("left over"));
    }

    private static ReplicaSet rs(ControllerHarness h, Deployment d, String name, int replicas, long created) {
        h.sim.runUntil(created);
        ObjectMeta m = new ObjectMeta("default", name, h.store.newUid());
        m.setOwner(new OwnerReference(Deployment.KIND, d.name(), d.metadata().uid()));
        m.putAnnotation(ReplicaSet.ANNOTATION_MAX_REPLICAS, "5");
        ReplicaSet r = new ReplicaSet(m, LabelSelector.of(Map.of("app", "web")), d.template(), replicas, 0);
        r.setStatus(replicas, replicas, replicas, replicas, 1);
        return h.store.replicaSets().create(r);
    }
}
