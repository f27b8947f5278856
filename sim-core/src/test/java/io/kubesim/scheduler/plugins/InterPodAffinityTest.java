package io.kubesim.scheduler.plugins;

import static io.kubesim.testing.Fixtures.node;
import static io.kubesim.testing.Fixtures.pod;
import static io.kubesim.testing.Fixtures.term;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.cluster.Node;
import io.kubesim.cluster.Pod;
import io.kubesim.scheduler.SchedulerCache;
import io.kubesim.scheduler.framework.Code;
import io.kubesim.scheduler.framework.CycleState;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.scheduler.framework.Status;
import io.kubesim.testing.TestCluster;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** InterPodAffinity filter, k8s-semantics.md 3.4: required (anti-)affinity, both directions. */
class InterPodAffinityTest {
    private final TestCluster cluster = new TestCluster(1);
    private final SchedulerCache cache = new SchedulerCache(cluster.store);
    private final InterPodAffinity plugin = new InterPodAffinity(cache, 1);

    @BeforeEach
    void twoNodes() {
        for (String n : List.of("n1", "n2")) {
            Node node = node(n).cpu("4").memory("8Gi").build();
            cluster.add(node);
            cache.addNode(node);
        }
    }

    private void place(Pod p) {
        cluster.add(p);
        cache.addPod(p);
    }

    private Status filter(Pod pod, String node) {
        PodInfo pi = PodInfo.of(pod);
        CycleState state = new CycleState();
        Status pre = plugin.preFilter(state, pi);
        return pre.isSkip() ? Status.SUCCESS : plugin.filter(state, pi, cache.nodeInfo(node));
    }

    @Test
    void requiredAntiAffinityOnHostnameKeepsReplicasApart() {
        place(pod("web-1").label("app", "web").nodeName("n1").build());
        Pod web2 = pod("web-2").label("app", "web").podAntiAffinity(term(Node.LABEL_HOSTNAME, "app", "web")).build();
        Status s = filter(web2, "n1");
        assertEquals(Code.UNSCHEDULABLE, s.code());
        assertEquals(List.of("node(s) didn't match pod anti-affinity rules"), s.reasons());
        assertEquals(Code.SUCCESS, filter(web2, "n2").code());
    }

    @Test
    void anExistingPodsAntiAffinityRepelsTheIncomingPod() {
        place(pod("db").label("app", "db").podAntiAffinity(term(Node.LABEL_HOSTNAME, "app", "web"))
                .nodeName("n1").build());
        Status s = filter(pod("web").label("app", "web").build(), "n1");
        assertEquals(Code.UNSCHEDULABLE, s.code());
        assertEquals(List.of("node(s) didn't satisfy existing pods anti-affinity rules"), s.reasons());
        assertEquals(Code.SUCCESS, filter(pod("web").label("app", "web").build(), "n2").code());
    }

    @Test
    void requiredAffinityFollowsTheMatchingPod() {
        place(pod("cache").label("app", "cache").nodeName("n2").build());
        Pod web = pod("web").label("app", "web").podAffinity(term(Node.LABEL_HOSTNAME, "app", "cache")).build();
        Status s = filter(web, "n1");
        assertEquals(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, s.code());
        assertEquals(List.of("node(s) didn't match pod affinity rules"), s.reasons());
        assertEquals(Code.SUCCESS, filter(web, "n2").code());
    }

    @Test
    void theFirstPodOfASelfAffineGroupMayGoAnywhere() {
        Pod first = pod("web-1").label("app", "web").podAffinity(term(Node.LABEL_HOSTNAME, "app", "web")).build();
        assertEquals(Code.SUCCESS, filter(first, "n1").code(), "no pod matches anywhere and the pod matches itself");
        Pod other = pod("x").label("app", "x").podAffinity(term(Node.LABEL_HOSTNAME, "app", "web")).build();
        assertEquals(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, filter(other, "n1").code(), "it does not match itself");
    }

    @Test
    void unmetAffinityIsReportedBeforeAntiAffinity() {
        // on n1 both fail: web wants a cache pod there (none) and db repels web; upstream checks
        // the pod's affinity first, so the unresolvable affinity reason is the one reported.
        place(pod("cache").label("app", "cache").nodeName("n2").build());
        place(pod("db").label("app", "db").podAntiAffinity(term(Node.LABEL_HOSTNAME, "app", "web")).nodeName("n1").build());
        Pod web = pod("web").label("app", "web").podAffinity(term(Node.LABEL_HOSTNAME, "app", "cache")).build();
        assertEquals(List.of("node(s) didn't match pod affinity rules"), filter(web, "n1").reasons());
    }

    @Test
    void anotherNamespaceIsOutsideATermWithoutNamespaces() {
        place(pod("web-1").namespace("other").label("app", "web").nodeName("n1").build());
        Pod web2 = pod("web-2").label("app", "web").podAntiAffinity(term(Node.LABEL_HOSTNAME, "app", "web")).build();
        assertEquals(Code.SUCCESS, filter(web2, "n1").code());
    }
}
