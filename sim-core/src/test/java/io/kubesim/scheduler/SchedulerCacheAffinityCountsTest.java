package io.kubesim.scheduler;

import static io.kubesim.testing.Fixtures.node;
import static io.kubesim.testing.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.LabelSelector;
import io.kubesim.api.PodAffinityTerm;
import io.kubesim.api.Requirement;
import io.kubesim.api.SelectorOperator;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.Pod;
import io.kubesim.engine.Simulation;
import io.kubesim.scheduler.framework.AffinityTermGroup;
import io.kubesim.scheduler.framework.DomainCounts;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The counts per topology domain the scheduler cache keeps for InterPodAffinity
 * (k8s-semantics.md 3.4): what upstream adds up pod by pod in each cycle, kept as pods and nodes
 * come and go. SchedulerIndexEquivalenceTest checks placements through them against the scans;
 * this checks the counts themselves, and that nothing is kept for pods that are gone.
 */
class SchedulerCacheAffinityCountsTest {
    private static final PodAffinityTerm AWAY_FROM_WEB = new PodAffinityTerm(LabelSelector.of(Map.of("app", "web")),
            Set.of(), null, Node.LABEL_ZONE);

    private final ClusterStore store = new ClusterStore(new Simulation(1));
    private final SchedulerCache cache = new SchedulerCache(store);

    @BeforeEach
    void nodes() {
        cache.addNode(store.nodes().create(node("a1").zone("a").build()));
        cache.addNode(store.nodes().create(node("a2").zone("a").build()));
        cache.addNode(store.nodes().create(node("b1").zone("b").build()));
        cache.addNode(store.nodes().create(node("nozone").withoutLabel(Node.LABEL_ZONE).build()));
    }

    private Pod add(io.kubesim.testing.Fixtures.PodBuilder b) {
        Pod p = store.pods().create(b.build());
        cache.addPod(p);
        return p;
    }

    private static Map<String, Integer> counts(DomainCounts c) {
        Map<String, Integer> m = new TreeMap<>();
        c.forEach(m::put);
        return m;
    }

    private List<AffinityTermGroup> groupsFor(String app) {
        Pod incoming = pod("incoming").label("app", app).build();
        return cache.termGroupsThatMaySelect(incoming);
    }

    @Test
    @DisplayName("pods declaring the same term form one group, counted per zone of their nodes; a node without the key counts nowhere")
    void groupsEqualTerms() {
        add(pod("w1").label("app", "web").preferredPodAntiAffinity(10, AWAY_FROM_WEB).on("a1"));
        add(pod("w2").label("app", "web").preferredPodAntiAffinity(10, AWAY_FROM_WEB).on("a2"));
        add(pod("w3").label("app", "web").preferredPodAntiAffinity(10, AWAY_FROM_WEB).on("b1"));
        add(pod("w4").label("app", "web").preferredPodAntiAffinity(10, AWAY_FROM_WEB).on("nozone"));
        // another weight is another group
        add(pod("w5").label("app", "web").preferredPodAntiAffinity(20, AWAY_FROM_WEB).on("b1"));

        List<AffinityTermGroup> groups = groupsFor("web");
        assertEquals(2, groups.size());
        AffinityTermGroup ten = groups.stream().filter(g -> g.weight() == 10).findFirst().orElseThrow();
        assertEquals(AffinityTermGroup.Kind.PREFERRED_ANTI_AFFINITY, ten.kind());
        assertEquals("default", ten.ownerNamespace());
        assertEquals(Map.of("a", 2, "b", 1), counts(ten.owners()));
        // a pod without the term's pair cannot match it: no candidate groups
        assertEquals(List.of(), groupsFor("api"));
    }

    @Test
    @DisplayName("a group goes with its last pod; a node's removal or relabelling moves its pods' counts")
    void followsPodsAndNodes() {
        Pod w1 = add(pod("w1").label("app", "web").preferredPodAntiAffinity(10, AWAY_FROM_WEB).on("a1"));
        Pod w2 = add(pod("w2").label("app", "web").preferredPodAntiAffinity(10, AWAY_FROM_WEB).on("b1"));

        Node b1 = store.nodes().get("b1");
        b1.metadata().setLabels(Map.of(Node.LABEL_ZONE, "a", Node.LABEL_HOSTNAME, "b1"));
        cache.updateNode(b1);
        assertEquals(Map.of("a", 2), counts(groupsFor("web").get(0).owners()));

        cache.removeNode(store.nodes().get("a1"));
        assertEquals(Map.of("a", 1), counts(groupsFor("web").get(0).owners()));

        cache.removePod(w2);
        cache.removePod(w1);
        assertEquals(List.of(), groupsFor("web"), "no group is kept for pods that are gone");
    }

    @Test
    @DisplayName("a selection counts the pods a term selects per zone, and follows pods placed, relabelled and removed")
    void selections() {
        Pod w1 = add(pod("w1").label("app", "web").on("a1"));
        add(pod("w2").label("app", "web").on("b1"));
        add(pod("other-ns").namespace("other").label("app", "web").on("b1"));
        add(pod("api").label("app", "api").on("a2"));

        DomainCounts web = cache.podsSelectedBy(AWAY_FROM_WEB, "default");
        assertEquals(Map.of("a", 1, "b", 1), counts(web));

        add(pod("w3").label("app", "web").on("a2"));
        assertEquals(Map.of("a", 2, "b", 1), counts(web));

        w1.metadata().setLabels(Map.of("app", "api"));
        cache.updatePod(w1);
        assertEquals(Map.of("a", 1, "b", 1), counts(web));

        cache.removePod(store.pods().get("default", "w2"));
        assertEquals(Map.of("a", 1), counts(web));
        // asked again, the same kept counts
        assertTrue(web == cache.podsSelectedBy(AWAY_FROM_WEB, "default"));
    }

    @Test
    @DisplayName("terms that cannot be kept so are left to the caller: a namespaceSelector, a selector without an equality pair")
    void notCountable() {
        PodAffinityTerm byNamespaceLabels = new PodAffinityTerm(LabelSelector.of(Map.of("app", "web")), Set.of(),
                LabelSelector.of(Map.of("team", "a")), Node.LABEL_ZONE);
        PodAffinityTerm exists = new PodAffinityTerm(new LabelSelector(Map.of(),
                List.of(new Requirement("app", SelectorOperator.EXISTS, List.of()))), Set.of(), null, Node.LABEL_ZONE);
        assertNull(cache.podsSelectedBy(byNamespaceLabels, "default"));
        assertNull(cache.podsSelectedBy(exists, "default"));
        cache.useIndexes(false);
        assertNull(cache.podsSelectedBy(AWAY_FROM_WEB, "default"));
        assertNull(cache.termGroupsThatMaySelect(pod("incoming").label("app", "web").build()));
    }
}
