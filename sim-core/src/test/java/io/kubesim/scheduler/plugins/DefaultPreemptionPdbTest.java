package io.kubesim.scheduler.plugins;

import static io.kubesim.testing.Fixtures.node;
import static io.kubesim.testing.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.api.IntOrPercent;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodDisruptionBudget;
import io.kubesim.scheduler.SchedulerCache;
import io.kubesim.scheduler.framework.CycleState;
import io.kubesim.scheduler.framework.FilterRunner;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.scheduler.framework.PostFilterResult;
import io.kubesim.scheduler.framework.Status;
import io.kubesim.testing.Fixtures;
import io.kubesim.testing.TestCluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * DefaultPreemption with PodDisruptionBudgets in view, k8s-semantics.md 3.6 (victims step 3-4,
 * pickOneNodeForPreemption tie-breaker 1): budgets are preferred, not enforced.
 */
class DefaultPreemptionPdbTest {
    private final TestCluster cluster = new TestCluster(1);
    private final SchedulerCache cache = new SchedulerCache(cluster.store);
    private final NodeResourcesFit fit = new NodeResourcesFit(1, 1);
    private final FilterRunner filters = new FilterRunner() {
        @Override
        public Status runFilters(CycleState state, PodInfo pod, NodeInfo node) {
            return fit.filter(state, pod, node);
        }

        @Override
        public void addPod(CycleState state, PodInfo pod, PodInfo added, NodeInfo node) {
        }

        @Override
        public void removePod(CycleState state, PodInfo pod, PodInfo removed, NodeInfo node) {
        }
    };
    private final List<PodDisruptionBudget> budgets = new ArrayList<>();
    private final DefaultPreemption preemption =
            new DefaultPreemption(cache, filters, n -> 0, () -> 0L, 10, 100, () -> budgets);

    private void addNode(String name, String cpu) {
        var n = node(name).cpu(cpu).memory("8Gi").build();
        cluster.add(n);
        cache.addNode(n);
    }

    private Pod place(String name, String app, int priority, String node) {
        Pod p = pod(name).label("app", app).cpu("1").priority(priority).on(node).build();
        cluster.add(p);
        cache.addPod(p);
        return p;
    }

    /** A budget over app={@code app} whose status allows {@code allowed} more disruptions. */
    private PodDisruptionBudget budget(String app, int allowed) {
        PodDisruptionBudget b = new PodDisruptionBudget(new ObjectMeta("default", "pdb-" + app, "uid-pdb-" + app),
                Fixtures.selector("app", app), IntOrPercent.ofInt(1), null, null);
        b.setStatus(allowed + 1, 1, allowed + 1, allowed, Map.of(), 0);
        budgets.add(b);
        return b;
    }

    private PostFilterResult preempt(String cpu, String... unschedulableNodes) {
        PodInfo preemptor = PodInfo.of(pod("high").cpu(cpu).priority(1000).build());
        Map<String, Status> statuses = new LinkedHashMap<>();
        for (String n : unschedulableNodes) {
            statuses.put(n, Status.unschedulable(NodeResourcesFit.NAME, "Insufficient cpu"));
        }
        return preemption.postFilter(new CycleState(), preemptor, statuses);
    }

    private static List<String> names(List<Pod> pods) {
        return pods.stream().map(Pod::name).toList();
    }

    @Test
    @DisplayName("3.6 pick 1: a node whose victims would violate a PDB loses to one with no violation")
    void nodeWithoutViolationWins() {
        // n1's victim is guarded by a budget with no disruption left; n2's is not guarded. Without
        // the budget n1 would win the walk (first found, equal on every other tie-breaker).
        addNode("n1", "1");
        addNode("n2", "1");
        place("guarded", "db", 0, "n1");
        place("free", "batch", 0, "n2");
        budget("db", 0);
        PostFilterResult r = preempt("1", "n1", "n2");
        assertEquals("n2", r.nominatedNode());
        assertEquals(List.of("free"), names(r.victims()));
    }

    @Test
    @DisplayName("3.6 candidates / upstream preemption.go dryRunPreemption: the walk stops only once a non-violating candidate is found")
    void candidateWalkGoesOnUntilANonViolatingCandidate() {
        // minCandidateNodesAbsolute 1: one candidate is wanted. n1 is walked first and its only
        // victim is guarded by an exhausted budget; upstream cancels the walk only when it holds
        // enough candidates and at least one of them violates no PDB, so it reaches n2.
        DefaultPreemption oneWanted = new DefaultPreemption(cache, filters, n -> 0, () -> 0L, 10, 1, () -> budgets);
        addNode("n1", "1");
        addNode("n2", "1");
        place("guarded", "db", 0, "n1");
        place("free", "batch", 0, "n2");
        budget("db", 0);
        Map<String, Status> statuses = new LinkedHashMap<>();
        for (String n : List.of("n1", "n2")) {
            statuses.put(n, Status.unschedulable(NodeResourcesFit.NAME, "Insufficient cpu"));
        }
        PostFilterResult r = oneWanted.postFilter(new CycleState(),
                PodInfo.of(pod("high").cpu("1").priority(1000).build()), statuses);
        assertEquals("n2", r.nominatedNode());
        assertEquals(List.of("free"), names(r.victims()));
    }

    @Test
    @DisplayName("3.6: PDBs are best effort, when every candidate violates one the fewest-violations node is chosen")
    void everyCandidateViolatesFewestWins() {
        // The preemptor needs a whole 2-cpu node. n1 holds two pods of a budget with no
        // disruption left (2 violations); n2 one such pod and one unguarded (1 violation). Every
        // other tie-breaker is equal and n1 is found first.
        addNode("n1", "2");
        addNode("n2", "2");
        place("db-1", "db", 0, "n1");
        place("db-2", "db", 0, "n1");
        place("cache-1", "cache", 0, "n2");
        place("batch-1", "batch", 0, "n2");
        budget("db", 0);
        budget("cache", 0);
        PostFilterResult r = preempt("2", "n1", "n2");
        assertEquals("n2", r.nominatedNode(), "fewest violations");
        assertEquals(List.of("cache-1", "batch-1"), names(r.victims()), "the budget did not stop preemption");
    }

    @Test
    @DisplayName("3.6 step 3: PDB-violating victims are reprieved first, then the rest by importance")
    void violatingVictimsReprievedFirst() {
        // 3 cpu, the preemptor needs 2: one of the three low pods must stay gone-or-not. Without
        // budgets the most important (mid, prio 5) is reprieved first; with a budget with no
        // disruptions left on the low-priority 'guarded', it is reprieved first instead.
        addNode("n1", "3");
        place("guarded", "db", 0, "n1");
        place("mid", "batch", 5, "n1");
        place("other", "batch", 1, "n1");
        budget("db", 0);
        PostFilterResult r = preempt("2", "n1");
        assertEquals("n1", r.nominatedNode());
        assertEquals(List.of("mid", "other"), names(r.victims()),
                "guarded is spared; victims come back most important first");
    }

    @Test
    @DisplayName("6.1/3.6: disruptionsAllowed is spent as victims are chosen; disruptedPods are not counted twice")
    void budgetIsDecrementedPerVictim() {
        PodDisruptionBudget b = new PodDisruptionBudget(new ObjectMeta("default", "pdb", "uid-pdb"),
                Fixtures.selector("app", "web"), IntOrPercent.ofInt(1), null, null);
        b.setStatus(4, 1, 3, 1, Map.of("w-0", 5L), 0);
        List<PodInfo> pods = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pods.add(PodInfo.of(pod("w-" + i).label("app", "web").build()));
        }
        pods.add(PodInfo.of(pod("x").label("app", "web").namespace("other").build()));
        List<PodInfo> violating = new ArrayList<>();
        List<PodInfo> nonViolating = new ArrayList<>();
        DefaultPreemption.filterPodsWithPDBViolation(pods, List.of(b), violating, nonViolating);
        assertEquals(List.of("w-0", "w-1", "x"), nonViolating.stream().map(p -> p.pod().name()).toList(),
                "w-0 is already disrupted, w-1 takes the one allowed disruption, x is in another namespace");
        assertEquals(List.of("w-2"), violating.stream().map(p -> p.pod().name()).toList());
    }
}
