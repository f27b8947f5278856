package io.kubesim.scheduler;

import static io.kubesim.api.TaintEffect.NO_SCHEDULE;
import static io.kubesim.engine.SimTime.seconds;
import static io.kubesim.testing.Fixtures.node;
import static io.kubesim.testing.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.cluster.ConditionStatus;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.Pod;
import io.kubesim.metrics.ClusterEvent;
import io.kubesim.testing.TestCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduler on the real engine and store: placements, events, retries, preemption (k8s-semantics.md 3). */
class SchedulerEndToEndTest {
    private final TestCluster c = new TestCluster(42);
    private final Scheduler scheduler = new Scheduler(c.store, c.events, SchedulerConfig.DEFAULTS);

    @Test
    void placesPodsByFilterAndScoreAndReportsScheduled() {
        c.add(node("n1").cpu("4").memory("8Gi").zone("a").build());
        c.add(node("n2").cpu("4").memory("8Gi").zone("b").build());
        c.add(node("n3").cpu("4").memory("8Gi").zone("c").label("disk", "ssd").build());
        c.add(pod("existing").cpu("3").nodeName("n1").build());
        scheduler.start();
        c.add(pod("ssd").nodeSelector("disk", "ssd").build());
        c.add(pod("big").cpu("3").build());
        c.runFor(seconds(1));

        assertEquals("n3", c.pod("ssd").nodeName(), "the only node with disk=ssd");
        // big does not fit n1 (1 cpu free). LeastAllocated: n2 (cpu 25, memory 97) = 61 beats n3, where
        // ssd's non-zero defaults (100m / 200Mi) count: (cpu 22, memory 95) = 58; the other scores tie.
        assertEquals("n2", c.pod("big").nodeName());
        List<String> messages = c.events("Scheduled").stream().map(ClusterEvent::message).toList();
        assertEquals(List.of("Successfully assigned default/ssd to n3", "Successfully assigned default/big to n2"),
                messages, "a pod created bound is not scheduled");
        assertEquals("default-scheduler", c.events("Scheduled").get(0).source());
        assertTrue(c.pod("big").scheduledCondition().isTrue());
    }

    @Test
    void aPodThatFitsNowhereGetsTheCountedMessage() {
        c.add(node("small-1").cpu("1").memory("4Gi").build());
        c.add(node("small-2").cpu("1").memory("4Gi").build());
        for (int i = 1; i <= 3; i++) {
            c.add(node("gpu-" + i).cpu("8").memory("32Gi").taint("gpu", "true", NO_SCHEDULE).build());
        }
        scheduler.start();
        c.add(pod("web").cpu("2").build());
        c.runFor(seconds(1));

        // small nodes: Insufficient cpu (Unschedulable) and no lower-priority pods to evict;
        // gpu nodes: untolerated taint (UnschedulableAndUnresolvable), preemption cannot help.
        String expected = "0/5 nodes are available: 2 Insufficient cpu, 3 node(s) had untolerated taint(s). "
                + "preemption: 0/5 nodes are available: 2 No preemption victims found for incoming pod, "
                + "3 Preemption is not helpful for scheduling.";
        List<ClusterEvent> failed = c.events("FailedScheduling");
        assertEquals(1, failed.size());
        assertEquals(expected, failed.get(0).message());
        assertTrue(failed.get(0).warning());
        Pod web = c.pod("web");
        assertEquals(ConditionStatus.FALSE, web.scheduledCondition().status());
        assertEquals("Unschedulable", web.scheduledCondition().reason());
        assertEquals(expected, web.scheduledCondition().message());
        assertEquals(1, scheduler.queue().unschedulableSize());
    }

    @Test
    void preemptionPolicyNeverSaysSo() {
        c.add(node("n1").cpu("1").memory("4Gi").build());
        c.add(pod("low").cpu("1").priority(0).nodeName("n1").build());
        scheduler.start();
        c.add(pod("polite").cpu("1").priority(100).preemptNever().build());
        c.runFor(seconds(1));
        assertEquals("0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.",
                c.events("FailedScheduling").get(0).message());
        assertFalse(c.pod("low").metadata().isDeleting());
    }

    @Test
    void preemptionPolicyNeverStillQueuesByPriority() {
        // k8s-semantics.md 3.2 and 3.6: Never only stops preempting; once room appears the
        // higher-priority pod is popped first and takes it, though it was created later.
        c.add(node("n1").cpu("1").memory("4Gi").build());
        Pod low = c.add(pod("low").cpu("1").priority(0).nodeName("n1").build());
        scheduler.start();
        c.add(pod("batch").cpu("1").priority(10).preemptNever().build());
        c.runFor(seconds(1));
        c.add(pod("polite").cpu("1").priority(100).preemptNever().build());
        c.runFor(seconds(20));
        assertFalse(low.metadata().isDeleting(), "nobody preempted");
        assertTrue(c.events("Preempted").isEmpty());
        c.store.pods().remove(low);
        c.runFor(seconds(20));
        assertEquals("n1", c.pod("polite").nodeName());
        assertFalse(c.pod("batch").isBound());
    }

    @Test
    void aNewNodeRetriesAnUnschedulablePodAtOnce() {
        c.add(node("n1").cpu("4").memory("8Gi").build());
        scheduler.start();
        c.add(pod("huge").cpu("8").build());
        c.sim.schedule(seconds(10), () -> c.add(node("n2").cpu("16").memory("64Gi").build()));
        c.runFor(seconds(20));
        assertEquals("n2", c.pod("huge").nodeName());
        assertEquals(seconds(10), c.events("Scheduled").get(0).time(), "backoff (1 s) long over: straight to activeQ");
        assertEquals(1, c.events("FailedScheduling").size());
    }

    @Test
    void aPodMovedDuringBackoffWaitsForTheNextOneSecondFlush() {
        Node n1 = c.add(node("n1").cpu("4").memory("8Gi").taint("maintenance", "", NO_SCHEDULE).build());
        scheduler.start();
        c.add(pod("p").build());
        c.sim.schedule(seconds(1) / 2, () -> {
            n1.setTaints(List.of());
            c.store.nodes().update(n1);
        });
        c.runFor(seconds(5));
        assertEquals("n1", c.pod("p").nodeName());
        // failed at 0 s; the node update at 0.5 s moves it to backoffQ (1 s backoff); the 1 s flush frees it.
        assertEquals(seconds(1), c.events("Scheduled").get(0).time());
    }

    @Test
    void preemptionEvictsALowerPriorityPodAndNominatesTheNode() {
        c.add(node("n1").cpu("2").memory("4Gi").build());
        c.add(pod("low").cpu("1500m").priority(0).nodeName("n1").build());
        c.add(pod("other-low").cpu("100m").priority(0).nodeName("n1").build());
        scheduler.start();
        c.add(pod("high").cpu("1").priority(100).build());
        c.runFor(seconds(1));

        // evicting "low" (1.5 cpu) is enough; "other-low" is reprieved because high fits beside it.
        assertEquals("0/1 nodes are available: 1 Insufficient cpu.", c.events("FailedScheduling").get(0).message(),
                "preemption succeeded, so it adds no message");
        Pod low = c.pod("low");
        assertTrue(low.metadata().isDeleting());
        assertEquals("PreemptionByScheduler", low.disruptionTarget().reason());
        assertFalse(c.pod("other-low").metadata().isDeleting());
        List<ClusterEvent> preempted = c.events("Preempted");
        assertEquals(1, preempted.size());
        assertEquals("Pod/default/low", preempted.get(0).object());
        assertEquals("Preempted by pod uid-default-high on node n1", preempted.get(0).message());
        assertEquals("n1", c.pod("high").nominatedNodeName());
        assertFalse(c.pod("high").isBound(), "not bound in the preempting cycle");

        // the kubelet removes the victim after its grace period; the preemptor then lands on n1.
        c.sim.schedule(seconds(5), () -> c.store.pods().remove(low));
        c.runFor(seconds(10));
        assertEquals("n1", c.pod("high").nodeName());
        assertEquals(1, scheduler.preemptions());
        assertEquals(1, scheduler.preemptedPods());
    }

    @Test
    void theRoomPreemptionMadeIsKeptForTheNominatedPod() {
        c.add(node("n1").cpu("2").memory("4Gi").build());
        Pod low = c.add(pod("low").cpu("1500m").priority(0).nodeName("n1").build());
        scheduler.start();
        c.add(pod("high").cpu("1").priority(100).build());
        c.runFor(seconds(1) / 2);
        assertEquals("n1", c.pod("high").nominatedNodeName());
        c.store.pods().remove(low); // victim gone at 0.5 s; high waits in backoff until 1 s
        c.runFor(seconds(1) / 10);
        c.add(pod("sneaky").cpu("1500m").priority(0).build());
        c.runFor(seconds(2));
        // at 0.6 s n1 has 2 cpu free, but high (1 cpu, priority 100 >= 0) is nominated there: 1 cpu left.
        assertFalse(c.pod("sneaky").isBound());
        assertEquals("n1", c.pod("high").nodeName());
        assertEquals(seconds(1), c.events("Scheduled").get(0).time());
    }

    @Test
    void anAssumedPodHoldsItsRoomUntilTheBindIsWritten() {
        TestCluster slow = new TestCluster(42);
        Scheduler s = new Scheduler(slow.store, slow.events, SchedulerConfig.DEFAULTS.withBindLatency(seconds(1)));
        slow.add(node("n1").cpu("4").memory("8Gi").build());
        slow.add(node("n2").cpu("4").memory("8Gi").build());
        s.start();
        slow.add(pod("a").cpu("3").build());
        slow.add(pod("b").cpu("3").build());
        slow.runFor(seconds(1) / 2);
        assertFalse(slow.pod("a").isBound(), "the bind is written after 1 s");
        slow.runFor(seconds(1));
        assertEquals(2, slow.events("Scheduled").size());
        assertEquals(seconds(1), slow.events("Scheduled").get(0).time());
        assertNotEquals(slow.pod("a").nodeName(), slow.pod("b").nodeName(), "b saw a's assumed 3 cpu");
    }

    @Test
    void aChangeNoHintSeesIsPickedUpByTheFiveMinuteLeftoverFlush() {
        Node n1 = c.add(node("n1").cpu("4").memory("8Gi").taint("maintenance", "", NO_SCHEDULE).build());
        scheduler.start();
        c.add(pod("p").build());
        c.runFor(seconds(60));
        n1.setTaints(List.of()); // changed in place without a store update: no NodeUpdate event
        c.runFor(seconds(400));
        // failed at 0 s; flush ticks every 30 s move pods waiting longer than 5 min: 300 s is not
        // longer, so the 330 s tick retries it.
        assertEquals("n1", c.pod("p").nodeName());
        assertEquals(seconds(330), c.events("Scheduled").get(0).time());
    }

    @Test
    void cyclesAreSpacedByTheConfiguredCycleDuration() {
        TestCluster timed = new TestCluster(42);
        Scheduler s = new Scheduler(timed.store, timed.events,
                SchedulerConfig.DEFAULTS.toBuilder().cycleDuration(seconds(1) / 100).build());
        timed.add(node("n1").cpu("4").memory("8Gi").build());
        s.start();
        for (String p : List.of("a", "b", "c")) {
            timed.add(pod(p).build());
        }
        timed.runFor(seconds(1));
        assertEquals(List.of(0L, seconds(1) / 100, seconds(1) / 50),
                timed.events("Scheduled").stream().map(ClusterEvent::time).toList());
    }

    @Test
    void podsForAnotherSchedulerOrBeingDeletedAreLeftAlone() {
        c.add(node("n1").cpu("4").memory("8Gi").build());
        scheduler.start();
        c.add(pod("custom").schedulerName("my-scheduler").build());
        Pod deleting = pod("deleting").build();
        deleting.metadata().markDeleting(0, 30);
        c.add(deleting);
        c.runFor(seconds(1));
        assertFalse(c.pod("custom").isBound());
        assertFalse(c.pod("deleting").isBound());
        assertEquals(0, scheduler.attempts());
    }

    @Test
    void aTerminalPodFreesItsRoom() {
        c.add(node("n1").cpu("1").memory("4Gi").build());
        Pod done = c.add(pod("job").cpu("1").nodeName("n1").build());
        scheduler.start();
        c.add(pod("next").cpu("1").build());
        c.runFor(seconds(1));
        assertFalse(c.pod("next").isBound());
        done.setPhase(io.kubesim.cluster.PodPhase.SUCCEEDED);
        c.store.pods().update(done);
        c.runFor(seconds(5));
        assertEquals("n1", c.pod("next").nodeName());
    }
}
