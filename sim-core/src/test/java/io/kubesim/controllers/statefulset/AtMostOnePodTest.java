package io.kubesim.controllers.statefulset;

import static io.kubesim.controllers.statefulset.StatefulSetRun.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.cluster.Pod;
import io.kubesim.engine.SimTime;
import io.kubesim.sim.TimelineAction;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * k8s-semantics.md 11.7: a StatefulSet never runs two pods of one identity, so its pod on a failed
 * node is not replaced while the pod object exists. The taint-eviction controller deletes it 300 s
 * after the node is tainted, but the kubelet is gone and never confirms: the pod stays Terminating.
 * A Deployment's ReplicaSet counts that pod as gone and replaces it then; the StatefulSet waits
 * until the object is removed (here: the Node object is deleted and PodGC removes its pods).
 *
 * <p>Timeline (defaults, section 7): the node fails at 60 s; it is Unknown and tainted about 50 s
 * later; the pods are deleted 300 s after the taint, at about 6 min 50 s.
 */
class AtMostOnePodTest {
    private static final long FAIL_AT = SimTime.seconds(60);
    private static final long REMOVE_NODE_AT = SimTime.minutes(20);

    /** One workload alone on a 2-node cluster; the busiest node (the one running its pod) fails at 60 s. */
    private static StatefulSetRun alone(StatefulSetRun run) {
        return run.nodes(2).action(new TimelineAction.FailBusiest(FAIL_AT, "", false));
    }

    /** When a pod of the workload other than {@code original} first became Ready, or -1. */
    private static long replacementReady(StatefulSetRun run, String original, String prefix) {
        for (Pod p : run.start().store().pods().list()) {
            if (p.name().startsWith(prefix) && p != run.start().store().pods().get("default", original)
                    && p.isReady() && !p.metadata().isDeleting()) {
                return p.readyCondition().lastTransitionTime();
            }
        }
        return -1;
    }

    @Test
    @DisplayName("k8s-semantics.md 11.7: a Deployment's pod is replaced when the taint manager deletes it; a "
            + "StatefulSet's pod is not, while the Terminating pod object remains")
    void statefulSetWaitsForThePodObject() {
        StatefulSetRun deployment = alone(new StatefulSetRun().deployment("web", 1)).runTo(SimTime.seconds(59));
        String webPod = deployment.start().store().pods().list().iterator().next().name();
        deployment.runTo(REMOVE_NODE_AT - 1);
        long webBack = replacementReady(deployment, webPod, "web-");
        assertTrue(webBack > FAIL_AT, "the Deployment's pod was replaced");
        long webDown = webBack - FAIL_AT;
        assertTrue(webDown > SimTime.seconds(340) && webDown < SimTime.seconds(420),
                "down for the grace period plus tolerationSeconds plus a start: " + SimTime.format(webDown));

        StatefulSetRun db = alone(new StatefulSetRun().with(set("db", 1)));
        db.runTo(SimTime.seconds(59));
        Pod original = db.pod("db-0");
        String node = original.nodeName();
        db.runTo(REMOVE_NODE_AT - 1);
        assertTrue(original.metadata().isDeleting(), "the taint manager deleted db-0");
        assertTrue(db.start().store().pods().contains(original), "db-0 is still Terminating on " + node);
        assertEquals(List.of("db-0"), db.podsIn("SuccessfulCreate"), "no second db-0 while the object exists");
        assertEquals(0, db.statefulSet("db").readyReplicas());
        assertEquals(0, StatefulSetRun.status(db.start()).minAvailable(),
                "the stats record the outage");

        // The cloud provider deletes the failed machine's Node object, as removeNodes does.
        db.start().store().nodes().remove(db.start().store().nodes().get(node));
        db.runTo(SimTime.minutes(30));
        long removed = db.removedAt("db-0");
        assertTrue(removed >= REMOVE_NODE_AT + SimTime.seconds(40), "PodGC removed db-0 after its quarantine");
        Pod recreated = db.pod("db-0");
        assertNotEquals(original, recreated);
        assertTrue(recreated.isReady(), "db-0 recreated once its old object was gone");
        long dbDown = recreated.readyCondition().lastTransitionTime() - FAIL_AT;
        assertTrue(dbDown > webDown + SimTime.minutes(12), "the StatefulSet member stayed down "
                + SimTime.format(dbDown) + ", the Deployment's pod " + SimTime.format(webDown));
        assertNotEquals(node, recreated.nodeName(), "on the remaining node");
    }
}
