package io.kubesim.scheduler;

import static io.kubesim.engine.SimTime.seconds;
import static io.kubesim.testing.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kubesim.cluster.Pod;
import io.kubesim.engine.SimTime;
import io.kubesim.scheduler.plugins.InterPodAffinity;
import io.kubesim.scheduler.plugins.NodeResourcesFit;
import io.kubesim.scheduler.plugins.TaintToleration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scheduling queue, k8s-semantics.md 3.2. */
class SchedulingQueueTest {
    private final SchedulingQueue queue = new SchedulingQueue(seconds(1), seconds(10), SimTime.minutes(5));

    @Test
    void backoffDoublesFromOneSecondAndCapsAtTen() {
        List<Long> seconds = new ArrayList<>();
        for (int attempts = 1; attempts <= 6; attempts++) {
            seconds.add(queue.backoffDuration(attempts) / SimTime.MICROS_PER_SECOND);
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 10L, 10L), seconds);
    }

    @Test
    void activeQPopsHigherPriorityFirstThenEarlierTimestamp() {
        queue.add(pod("low-late").priority(10).build(), seconds(5));
        queue.add(pod("high").priority(100).build(), seconds(10));
        queue.add(pod("low-early").priority(10).build(), seconds(1));
        List<String> order = new ArrayList<>();
        for (QueuedPodInfo q = queue.pop(); q != null; q = queue.pop()) {
            order.add(q.pod().name());
        }
        assertEquals(List.of("high", "low-early", "low-late"), order);
    }

    @Test
    void anErrorWaitsInBackoffQUntilItsBackoffExpires() {
        Pod p = pod("p").build();
        queue.add(p, 0);
        QueuedPodInfo q = queue.pop();
        queue.requeueAfterFailure(q, seconds(3), Set.of(), true);
        assertEquals(seconds(4), queue.nextBackoffExpiry(), "failed at 3 s, first attempt: 1 s");
        assertEquals(0, queue.flushBackoffCompleted(seconds(4) - 1));
        assertEquals(1, queue.flushBackoffCompleted(seconds(4)));
        assertEquals("p", queue.pop().pod().name());
    }

    @Test
    void aClusterEventMovesOnlyPodsItMayHelp() {
        Pod fit = pod("fit").build();
        Pod taint = pod("taint").build();
        queue.add(fit, 0);
        queue.add(taint, 0);
        queue.requeueAfterFailure(queue.pop(), 0, Set.of(NodeResourcesFit.NAME), false);
        queue.requeueAfterFailure(queue.pop(), 0, Set.of(TaintToleration.NAME), false);
        assertEquals(0, queue.moveAllToActiveOrBackoff(ClusterEventType.ASSIGNED_POD_ADD, seconds(2)),
                "a new pod frees no room and removes no taint");
        assertEquals(1, queue.moveAllToActiveOrBackoff(ClusterEventType.ASSIGNED_POD_DELETE, seconds(2)));
        assertEquals("fit", queue.pop().pod().name(), "backoff of 1 s expired at 2 s: straight to activeQ");
        assertEquals(1, queue.moveAllToActiveOrBackoff(ClusterEventType.NODE_ADD, seconds(2)));
    }

    @Test
    void aMovedPodStillBackingOffGoesToBackoffQ() {
        Pod p = pod("p").build();
        queue.add(p, 0);
        queue.requeueAfterFailure(queue.pop(), seconds(10), Set.of(InterPodAffinity.NAME), false);
        queue.moveAllToActiveOrBackoff(ClusterEventType.ASSIGNED_POD_ADD, seconds(10));
        assertNull(queue.pop());
        assertEquals(1, queue.backoffSize());
        assertEquals(seconds(11), queue.nextBackoffExpiry());
    }

    @Test
    void leftoversAreRetriedAfterMoreThanFiveMinutes() {
        queue.add(pod("p").build(), 0);
        queue.requeueAfterFailure(queue.pop(), seconds(30), Set.of(TaintToleration.NAME), false);
        assertEquals(0, queue.flushUnschedulableLeftover(seconds(330)), "exactly 5 minutes is not longer than 5");
        assertEquals(1, queue.flushUnschedulableLeftover(seconds(360)));
        assertEquals("p", queue.pop().pod().name());
    }

    @Test
    void statusOnlyUpdatesDoNotRequeue() {
        Pod p = pod("p").build();
        queue.add(p, 0);
        queue.requeueAfterFailure(queue.pop(), 0, Set.of(TaintToleration.NAME), false);
        p.setNominatedNodeName("n1");
        queue.update(p, seconds(20));
        assertEquals(1, queue.unschedulableSize());
        p.metadata().setLabels(java.util.Map.of("app", "web"));
        queue.update(p, seconds(20));
        assertEquals(0, queue.unschedulableSize(), "a label change may make it schedulable");
        assertEquals("p", queue.pop().pod().name());
    }
}
