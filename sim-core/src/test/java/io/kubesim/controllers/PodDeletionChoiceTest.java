package io.kubesim.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.cluster.Deployment;
import io.kubesim.cluster.Pod;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.Decision;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The ReplicaSet controller's PodDeletionChoice decisions name the ranking rule of
 * k8s-semantics.md 2.8 (ActivePodsWithRanks) that sent each pod before the first pod kept.
 */
class PodDeletionChoiceTest {

    private static List<Decision> choices(ControllerHarness h) {
        return h.decisions.decisions().stream()
                .filter(d -> d.kind().equals(ReplicaSetController.DELETION_CHOICE)).toList();
    }

    @Test
    @DisplayName("scaling 3 -> 4 -> 3 before the 4th pod is ready deletes that pod, because it is not ready (rule 3)")
    void notReadyGoesFirst() {
        ControllerHarness h = new ControllerHarness().app(ControllerHarness.startingIn(30)).start();
        Deployment d = h.create(ControllerHarness.deployment("web", 3, ControllerHarness.rolling("25%", "25%")));
        h.runFor(SimTime.minutes(2));
        d.setReplicas(4);
        h.store.deployments().update(d);
        h.runFor(SimTime.seconds(10));
        Pod fourth = h.store.pods().list().stream().filter(p -> !p.isReady() && p.isActive()).findFirst().orElseThrow();
        d.setReplicas(3);
        h.store.deployments().update(d);
        h.runFor(SimTime.seconds(1));
        List<Decision> choices = choices(h);
        assertEquals(1, choices.size(), choices.toString());
        Decision c = choices.get(0);
        assertEquals("Pod/default/" + fourth.name(), c.object());
        assertEquals(3, ((Number) c.facts().get("rule")).intValue(), c.message());
        assertTrue(c.message().endsWith("not ready, while " + c.facts().get("kept") + " is ready"), c.message());
        assertEquals(List.of(4, 3, 1), List.of(c.facts().get("from"), c.facts().get("to"), c.facts().get("position")));
    }
}
