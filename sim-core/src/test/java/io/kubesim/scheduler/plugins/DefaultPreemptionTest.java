package io.kubesim.scheduler.plugins;

import static io.kubesim.testing.Fixtures.node;
import static io.kubesim.testing.Fixtures.pod;
import static io.kubesim.testing.Fixtures.term;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.cluster.Node;
import io.kubesim.cluster.Pod;
import io.kubesim.scheduler.SchedulerCache;
import io.kubesim.scheduler.framework.Code;
import io.kubesim.scheduler.framework.CycleState;
import io.kubesim.scheduler.framework.FilterRunner;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.scheduler.framework.PostFilterResult;
import io.kubesim.scheduler.framework.Status;
import io.kubesim.testing.TestCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DefaultPreemption, k8s-semantics.md 3.6: victim selection, pickOneNodeForPreemption, messages. */
class DefaultPreemptionTest {
    private final TestCluster cluster = new TestCluster(1);
    private final SchedulerCache cache = new SchedulerCache(cluster.store);
    private final NodeResourcesFit fit = new NodeResourcesFit(1, 1);
    private final InterPodAffinity interPodAffinity = new InterPodAffinity(cache, 1);
    /** Fit then InterPodAffinity, with InterPodAffinity's PreFilter extensions. */
    private final FilterRunner filters = new FilterRunner() {
        @Override
        public Status runFilters(CycleState state, PodInfo pod, NodeInfo node) {
            Status s = fit.filter(state, pod, node);
            return s.isSuccess() ? interPodAffinity.filter(state, pod, node) : s;
        }

        @Override
        public void addPod(CycleState state, PodInfo pod, PodInfo added, NodeInfo node) {
            interPodAffinity.addPod(state, pod, added, node);
        }

        @Override
        public void removePod(CycleState state, PodInfo pod, PodInfo removed, NodeInfo node) {
            interPodAffinity.removePod(state, pod, removed, node);
        }
    };
    private final DefaultPreemption preemption = new DefaultPreemption(cache, filters, n -> 0, () -> 0L, 10, 100);

    private void addNode(Node n) {
        cluster.add(n);
        cache.addNode(n);
    }

    private Pod place(Pod p) {
        cluster.add(p);
        cache.addPod(p);
        return p;
    }

    private static List<String> names(List<Pod> pods) {
        return pods.stream().map(Pod::name).toList();
    }

    @Test
    void victimsAreTheFewestLowerPriorityPodsReprievedFromTheMostImportant() {
        // 4 cpu: low-1 (prio 1, 2 cpu), low-2 (prio 2, 1 cpu), mid (prio 50, 1 cpu); the preemptor
        // (prio 100) needs 2 cpu. All three removed: 4 free. Reprieve mid (3 free after), then low-2
        // (2 free), then low-1 would leave 0: low-1 is the only victim.
        addNode(node("n1").cpu("4").memory("8Gi").build());
        place(pod("low-1").cpu("2").priority(1).on("n1").build());
        place(pod("low-2").cpu("1").priority(2).on("n1").build());
        place(pod("mid").cpu("1").priority(50).on("n1").build());
        PodInfo preemptor = PodInfo.of(pod("high").cpu("2").priority(100).build());
        PostFilterResult r = preemption.postFilter(new CycleState(), preemptor,
                Map.of("n1", Status.unschedulable(NodeResourcesFit.NAME, "Insufficient cpu")));
        assertEquals("n1", r.nominatedNode());
        assertEquals(List.of("low-1"), names(r.victims()));
    }

    @Test
    void removingAVictimAlsoLiftsTheAntiAffinityItCaused() {
        addNode(node("n1").cpu("4").memory("8Gi").build());
        place(pod("web-old").label("app", "web").cpu("100m").priority(0).on("n1").build());
        place(pod("batch").label("app", "batch").cpu("100m").priority(0).on("n1").build());
        PodInfo preemptor = PodInfo.of(pod("web-new").label("app", "web").priority(100)
                .podAntiAffinity(term(Node.LABEL_HOSTNAME, "app", "web")).build());
        CycleState state = new CycleState();
        interPodAffinity.preFilter(state, preemptor);
        PostFilterResult r = preemption.postFilter(state, preemptor, Map.of("n1",
                Status.unschedulable(InterPodAffinity.NAME, InterPodAffinity.ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH)));
        assertEquals("n1", r.nominatedNode());
        assertEquals(List.of("web-old"), names(r.victims()), "batch is reprieved: it never was in the way");
        assertEquals(Code.UNSCHEDULABLE, interPodAffinity.filter(state, preemptor, cache.nodeInfo("n1")).code(),
                "the dry run worked on a copy of the cycle state");
    }

    @Test
    void whenEvenAllLowerPriorityPodsAreNotEnoughTheFilterReasonIsReported() {
        addNode(node("n1").cpu("1").memory("8Gi").build());
        place(pod("low").cpu("500m").priority(0).on("n1").build());
        PodInfo preemptor = PodInfo.of(pod("high").cpu("2").priority(100).build());
        PostFilterResult r = preemption.postFilter(new CycleState(), preemptor,
                Map.of("n1", Status.unschedulable(NodeResourcesFit.NAME, "Insufficient cpu")));
        assertEquals("preemption: 0/1 nodes are available: 1 Insufficient cpu.", r.status().message());
        assertTrue(r.clearNomination(), "no candidate: an old nomination is cleared");
    }

    @Test
    void equalOrHigherPriorityPodsAreNeverVictims() {
        addNode(node("n1").cpu("1").memory("8Gi").build());
        place(pod("peer").cpu("1").priority(100).on("n1").build());
        PodInfo preemptor = PodInfo.of(pod("high").cpu("1").priority(100).build());
        PostFilterResult r = preemption.postFilter(new CycleState(), preemptor,
                Map.of("n1", Status.unschedulable(NodeResourcesFit.NAME, "Insufficient cpu")));
        assertEquals("preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
                r.status().message());
    }

    private static DefaultPreemption.Candidate candidate(String node, Pod... victims) {
        List<PodInfo> v = new ArrayList<>();
        for (Pod p : victims) {
            v.add(PodInfo.of(p));
        }
        return new DefaultPreemption.Candidate(node, v);
    }

    private static Pod victim(String name, int priority, long startTime) {
        Pod p = pod(name).priority(priority).build();
        p.setStartTime(startTime);
        return p;
    }

    @Test
    void pickPrefersTheLowestHighestVictimPriority() {
        DefaultPreemption.Candidate n1 = candidate("n1", victim("a", 10, 0));
        DefaultPreemption.Candidate n2 = candidate("n2", victim("b", 5, 0), victim("c", 5, 0));
        assertEquals("n2", preemption.pickOneNodeForPreemption(List.of(n1, n2)).node());
    }

    @Test
    void thenTheSmallestSumOfOffsetPriorities() {
        // n1: 5 + 2^31; n2: (5 + 2^31) + (1 + 2^31): every extra victim costs 2^31, so n1.
        DefaultPreemption.Candidate n1 = candidate("n1", victim("a", 5, 0));
        DefaultPreemption.Candidate n2 = candidate("n2", victim("b", 5, 0), victim("c", 1, 0));
        assertEquals("n1", preemption.pickOneNodeForPreemption(List.of(n2, n1)).node());
    }

    @Test
    void thenTheLatestStartedHighestPriorityVictims() {
        DefaultPreemption.Candidate n1 = candidate("n1", victim("a", 5, 10));
        DefaultPreemption.Candidate n2 = candidate("n2", victim("b", 5, 20));
        assertEquals("n2", preemption.pickOneNodeForPreemption(List.of(n1, n2)).node(),
                "evicting the pod that has run for less time");
        DefaultPreemption.Candidate n3 = candidate("n3", victim("c", 5, 20));
        assertEquals("n2", preemption.pickOneNodeForPreemption(List.of(n1, n2, n3)).node(), "then the first found");
    }

    @Test
    void candidatesExaminedAreTenPercentButAtLeastAHundred() {
        assertEquals(100, preemption.numCandidates(500));
        assertEquals(50, preemption.numCandidates(50));
        assertEquals(500, preemption.numCandidates(5000));
    }
}
