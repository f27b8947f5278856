package io.kubesim.scheduler.plugins;

import static io.kubesim.testing.Fixtures.node;
import static io.kubesim.testing.Fixtures.pod;
import static io.kubesim.testing.Fixtures.replicaSet;
import static io.kubesim.testing.Fixtures.selector;
import static io.kubesim.testing.Fixtures.service;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.cluster.Node;
import io.kubesim.cluster.Pod;
import io.kubesim.scheduler.SchedulerCache;
import io.kubesim.scheduler.framework.Code;
import io.kubesim.scheduler.framework.CycleState;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.scheduler.framework.Status;
import io.kubesim.testing.TestCluster;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** PodTopologySpread, k8s-semantics.md 3.4 (filter: maxSkew across zones) and 3.5 (score, System defaults). */
class PodTopologySpreadTest {
    private final TestCluster cluster = new TestCluster(1);
    private final SchedulerCache cache = new SchedulerCache(cluster.store);

    private void addNode(Node n) {
        cluster.add(n);
        cache.addNode(n);
    }

    private void addPods(String node, int count) {
        for (int i = 0; i < count; i++) {
            Pod p = pod(node + "-web-" + i).label("app", "web").nodeName(node).build();
            cluster.add(p);
            cache.addPod(p);
        }
    }

    @Test
    void filterKeepsTheSkewAcrossZonesWithinMaxSkew() {
        // zones a, b, c hold 2, 1, 0 matching pods; global min 0; maxSkew 1.
        // a: 2 + 1 - 0 = 3 > 1; b: 1 + 1 - 0 = 2 > 1; c: 0 + 1 - 0 = 1 <= 1.
        addNode(node("na").zone("a").build());
        addNode(node("nb").zone("b").build());
        addNode(node("nc").zone("c").build());
        addNode(node("nolabel").build());
        addPods("na", 2);
        addPods("nb", 1);
        PodTopologySpread pts = new PodTopologySpread(cache, true);
        PodInfo pi = PodInfo.of(pod("new").label("app", "web")
                .spread(1, Node.LABEL_ZONE, true, selector("app", "web")).build());
        CycleState state = new CycleState();
        assertEquals(Code.SUCCESS, pts.preFilter(state, pi).code());

        Status a = pts.filter(state, pi, cache.nodeInfo("na"));
        assertEquals(Code.UNSCHEDULABLE, a.code());
        assertEquals(List.of("node(s) didn't match pod topology spread constraints"), a.reasons());
        assertEquals(Code.UNSCHEDULABLE, pts.filter(state, pi, cache.nodeInfo("nb")).code());
        assertEquals(Code.SUCCESS, pts.filter(state, pi, cache.nodeInfo("nc")).code());
        Status missing = pts.filter(state, pi, cache.nodeInfo("nolabel"));
        assertEquals(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, missing.code());
        assertEquals(List.of("node(s) didn't match pod topology spread constraints (missing required label)"),
                missing.reasons());
    }

    @Test
    void removePodExtensionUpdatesTheCountsOfACopiedState() {
        // zone a 2 pods, b 0, maxSkew 1: a fails (2 + 1 - 0). Without both pods of a: 0 + 1 - 0 passes.
        addNode(node("na").zone("a").build());
        addNode(node("nb").zone("b").build());
        addPods("na", 2);
        PodTopologySpread pts = new PodTopologySpread(cache, true);
        PodInfo pi = PodInfo.of(pod("new").label("app", "web").spread(1, Node.LABEL_ZONE, true, selector("app", "web")).build());
        CycleState state = new CycleState();
        pts.preFilter(state, pi);
        CycleState whatIf = state.copy();
        NodeInfo na = cache.nodeInfo("na");
        pts.removePod(whatIf, pi, na.pods().get(0), na);
        assertEquals(Code.UNSCHEDULABLE, pts.filter(whatIf, pi, na).code(), "1 + 1 - 0 > 1");
        pts.removePod(whatIf, pi, na.pods().get(1), na);
        assertEquals(Code.SUCCESS, pts.filter(whatIf, pi, na).code());
        assertEquals(Code.UNSCHEDULABLE, pts.filter(state, pi, na).code(), "the original state is untouched");
    }

    @Test
    void aPodNotMatchingItsOwnSelectorDoesNotCountItself() {
        // zone a 1 pod, zone b 0: the new pod (app=other) adds 0 to its own count; skew 1 - 0 <= 1 on a.
        addNode(node("na").zone("a").build());
        addNode(node("nb").zone("b").build());
        addPods("na", 1);
        PodTopologySpread pts = new PodTopologySpread(cache, true);
        PodInfo pi = PodInfo.of(pod("new").label("app", "other")
                .spread(0, Node.LABEL_ZONE, true, selector("app", "web")).build());
        CycleState state = new CycleState();
        pts.preFilter(state, pi);
        assertEquals(Code.UNSCHEDULABLE, pts.filter(state, pi, cache.nodeInfo("na")).code(), "1 + 0 - 0 > 0");
        assertEquals(Code.SUCCESS, pts.filter(state, pi, cache.nodeInfo("nb")).code(), "0 + 0 - 0 <= 0");
    }

    @Test
    void systemDefaultConstraintsScoreAPodSelectedByAService() {
        // Service app=web selects the pod, so hostname (maxSkew 3) and zone (maxSkew 5) apply.
        // n1, n2 in zone a, n3 in zone b; matching pods n1: 1, n3: 2. Weights: zone ln(2 domains + 2)
        // = 1.3863, hostname ln(3 nodes + 2) = 1.6094.
        //   n1: 1*1.6094 + 2 + 1*1.3863 + 4 = 8.9957 -> 9
        //   n2: 0        + 2 + 1*1.3863 + 4 = 7.3863 -> 7
        //   n3: 2*1.6094 + 2 + 2*1.3863 + 4 = 11.9915 -> 12
        // normalized 100 * (max + min - raw) / max with min 7, max 12: 1000/12 = 83, 1200/12 = 100, 700/12 = 58.
        addNode(node("n1").zone("a").build());
        addNode(node("n2").zone("a").build());
        addNode(node("n3").zone("b").build());
        addPods("n1", 1);
        addPods("n3", 2);
        cluster.store.services().create(service("web", "app", "web"));
        PodTopologySpread pts = new PodTopologySpread(cache, true);
        PodInfo pi = PodInfo.of(pod("new").label("app", "web").build());
        List<NodeInfo> nodes = List.of(cache.nodeInfo("n1"), cache.nodeInfo("n2"), cache.nodeInfo("n3"));
        CycleState state = new CycleState();
        assertEquals(Code.SUCCESS, pts.preScore(state, pi, nodes).code());
        long[] s = new long[3];
        for (int i = 0; i < 3; i++) {
            s[i] = pts.score(state, pi, nodes.get(i));
        }
        assertArrayEquals(new long[]{9, 7, 12}, s);
        long[] all = new long[3];
        pts.scoreAll(state, pi, nodes, all);
        assertArrayEquals(s, all, "the nodes preScore saw, scored together");
        pts.normalizeScores(state, pi, nodes, s);
        assertArrayEquals(new long[]{83, 100, 58}, s);
    }

    @Test
    @DisplayName("3.5: ScheduleAnyway over nodes with and without the keys: scored together as node by node, the nodes without a key ignored")
    void scoreAllEqualsScoreNodeByNode() {
        addNode(node("n1").zone("a").build());
        addNode(node("n2").zone("a").build());
        addNode(node("n3").zone("b").build());
        addNode(node("nozone").withoutLabel(Node.LABEL_ZONE).build());
        addPods("n1", 2);
        addPods("n3", 1);
        addPods("nozone", 3);
        PodTopologySpread pts = new PodTopologySpread(cache, true);
        PodInfo pi = PodInfo.of(pod("new").label("app", "web").spread(2, Node.LABEL_ZONE, false, selector("app", "web"))
                .spread(1, Node.LABEL_HOSTNAME, false, selector("app", "web")).build());
        List<NodeInfo> nodes = List.of(cache.nodeInfo("n1"), cache.nodeInfo("nozone"), cache.nodeInfo("n2"),
                cache.nodeInfo("n3"));
        CycleState state = new CycleState();
        assertEquals(Code.SUCCESS, pts.preScore(state, pi, nodes).code());
        long[] one = new long[4];
        for (int i = 0; i < 4; i++) {
            one[i] = pts.score(state, pi, nodes.get(i));
        }
        long[] all = new long[4];
        pts.scoreAll(state, pi, nodes, all);
        assertArrayEquals(one, all);
        // zone a holds 2, zone b 1 (nozone is ignored: it lacks a key); 2 domains, 3 nodes counted:
        // n1 round(2*ln 4 + 1 + 2*ln 5 + 0) = 7, n2 round(2*ln 4 + 1) = 4, n3 round(ln 4 + 1 + ln 5) = 4
        assertArrayEquals(new long[]{7, 0, 4, 4}, all);
        pts.normalizeScores(state, pi, nodes, all);
        long[] byNode = one.clone();
        pts.normalizeScores(state, pi, new java.util.ArrayList<>(nodes), byNode); // another list: looked up by name
        assertArrayEquals(all, byNode);
        assertEquals(0, all[1], "an ignored node scores 0");
    }

    @Test
    void theOwningReplicaSetsSelectorAlsoYieldsDefaultConstraints() {
        addNode(node("n1").zone("a").build());
        addNode(node("n2").zone("a").build());
        addPods("n1", 1);
        cluster.store.replicaSets().create(replicaSet("web-abc", 2, pod("t").label("app", "web")));
        PodTopologySpread pts = new PodTopologySpread(cache, true);
        PodInfo pi = PodInfo.of(pod("web-abc-2").label("app", "web").owner("ReplicaSet", "web-abc").build());
        List<NodeInfo> nodes = List.of(cache.nodeInfo("n1"), cache.nodeInfo("n2"));
        CycleState state = new CycleState();
        assertEquals(Code.SUCCESS, pts.preScore(state, pi, nodes).code());
        long[] s = {pts.score(state, pi, nodes.get(0)), pts.score(state, pi, nodes.get(1))};
        pts.normalizeScores(state, pi, nodes, s);
        // hostname: n1 holds the other replica (1 * ln 4 + 2 = 3.39), n2 none (2); one zone for both:
        // raw round(3.39 + 1*ln 3 + 4) = 8 and round(2 + 1.10 + 4) = 7; 100*(8+7-8)/8 = 87, 100*(8+7-7)/8 = 100.
        assertArrayEquals(new long[]{87, 100}, s);
    }

    @Test
    @DisplayName("k8s-semantics.md 11, 3: a StatefulSet's selector yields the default constraints too (DefaultSelector)")
    void theOwningStatefulSetsSelectorAlsoYieldsDefaultConstraints() {
        addNode(node("n1").zone("a").build());
        addNode(node("n2").zone("a").build());
        addPods("n1", 1);
        cluster.store.statefulSets().create(new io.kubesim.cluster.StatefulSet(
                new io.kubesim.cluster.ObjectMeta("default", "web", "uid-web"), selector("app", "web"),
                pod("t").label("app", "web").template(), 2, io.kubesim.api.PodManagementPolicy.ORDERED_READY,
                io.kubesim.api.StatefulSetUpdateStrategy.DEFAULT, 0, 10, "web", 0,
                io.kubesim.api.PersistentVolumeClaimRetentionPolicy.RETAIN, List.of()));
        PodTopologySpread pts = new PodTopologySpread(cache, true);
        PodInfo pi = PodInfo.of(pod("web-1").label("app", "web").owner("StatefulSet", "web").build());
        List<NodeInfo> nodes = List.of(cache.nodeInfo("n1"), cache.nodeInfo("n2"));
        CycleState state = new CycleState();
        assertEquals(Code.SUCCESS, pts.preScore(state, pi, nodes).code());
        long[] s = {pts.score(state, pi, nodes.get(0)), pts.score(state, pi, nodes.get(1))};
        pts.normalizeScores(state, pi, nodes, s);
        // As for the ReplicaSet above: the node without the other replica scores higher.
        assertArrayEquals(new long[]{87, 100}, s);
    }

    @Test
    void aPodThatNothingSelectsHasNoDefaultConstraints() {
        addNode(node("n1").zone("a").build());
        PodTopologySpread pts = new PodTopologySpread(cache, true);
        PodInfo pi = PodInfo.of(pod("lonely").label("app", "x").build());
        assertEquals(Code.SKIP, pts.preScore(new CycleState(), pi, List.of(cache.nodeInfo("n1"))).code());
    }
}
