package io.kubesim.scheduler;

import static io.kubesim.testing.Fixtures.node;
import static io.kubesim.testing.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.kubesim.api.LabelSelector;
import io.kubesim.api.Requirement;
import io.kubesim.api.SelectorOperator;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Pod;
import io.kubesim.engine.Simulation;
import io.kubesim.scheduler.framework.DomainCounts;
import io.kubesim.scheduler.framework.MatchingPods;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The cache's label index counts exactly what upstream's node-by-node countPodsMatchSelector
 * counts (same namespace, not terminating, matching the selector); it only finds the candidates
 * faster, and keeps them between cycles. PodTopologySpread relies on this for its filter and
 * score (k8s-semantics.md 3.5).
 */
class SchedulerCacheLabelIndexTest {
    private final ClusterStore store = new ClusterStore(new Simulation(1));
    private final SchedulerCache cache = new SchedulerCache(store);
    private Pod web1;

    @BeforeEach
    void cluster() {
        for (String n : List.of("n1", "n2", "n3")) {
            cache.addNode(store.nodes().create(node(n).cpu("8").memory("32Gi").build()));
        }
        web1 = add(pod("web-1").label("app", "web").label("tier", "front").on("n1"));
        add(pod("web-2").label("app", "web").label("tier", "front").on("n1"));
        add(pod("web-3").label("app", "web").label("tier", "back").on("n2"));
        add(pod("api-1").label("app", "api").on("n2"));
        add(pod("web-other-ns").namespace("other").label("app", "web").on("n3"));
    }

    private Pod add(io.kubesim.testing.Fixtures.PodBuilder b) {
        Pod p = store.pods().create(b.build());
        cache.addPod(p);
        return p;
    }

    /** The reference: upstream's scan of every node's pods. */
    private Map<String, Integer> scan(LabelSelector selector, String namespace) {
        Map<String, Integer> m = new TreeMap<>();
        for (NodeInfo ni : cache.nodeInfos()) {
            int n = 0;
            for (PodInfo p : ni.pods()) {
                Pod pod = p.pod();
                if (!pod.metadata().isDeleting() && pod.namespace().equals(namespace)
                        && selector.matches(pod.metadata().labels())) {
                    n++;
                }
            }
            if (n > 0) {
                m.put(ni.name(), n);
            }
        }
        return m;
    }

    private Map<String, Integer> kept(LabelSelector selector, String namespace) {
        DomainCounts counts = cache.countMatchingPods(selector, namespace).byNode();
        Map<String, Integer> m = new TreeMap<>();
        counts.forEach(m::put);
        return m;
    }

    private void assertSameAsScan(LabelSelector selector, String namespace) {
        assertEquals(scan(selector, namespace), kept(selector, namespace), selector.toString());
    }

    @Test
    @DisplayName("matchLabels, single-value In, and mixtures with other operators count as the scan does")
    void sameCountsAsTheScan() {
        assertSameAsScan(LabelSelector.of(Map.of("app", "web")), "default");
        assertSameAsScan(LabelSelector.of(Map.of("app", "web", "tier", "front")), "default");
        assertSameAsScan(new LabelSelector(Map.of(), List.of(new Requirement("app", SelectorOperator.IN, List.of("web")))),
                "default");
        assertSameAsScan(new LabelSelector(Map.of("app", "web"),
                List.of(new Requirement("tier", SelectorOperator.NOT_IN, List.of("back")))), "default");
        assertSameAsScan(LabelSelector.of(Map.of("app", "web")), "other");
        assertEquals(Map.of(), kept(LabelSelector.of(Map.of("app", "nothing")), "default"));
        assertEquals(Map.of("n1", 2, "n2", 1), kept(LabelSelector.of(Map.of("app", "web")), "default"));
    }

    @Test
    @DisplayName("a selector with no equality to look up is left to the caller's scan")
    void noEqualityPair() {
        assertNull(cache.countMatchingPods(new LabelSelector(Map.of(),
                List.of(new Requirement("app", SelectorOperator.IN, List.of("web", "api")))), "default"));
        assertNull(cache.countMatchingPods(new LabelSelector(Map.of(),
                List.of(new Requirement("app", SelectorOperator.EXISTS, List.of()))), "default"));
    }

    @Test
    @DisplayName("kept counts follow the cache: terminating pods leave them, relabelled pods move between them, removed pods go")
    void followsChanges() {
        LabelSelector web = LabelSelector.of(Map.of("app", "web"));
        LabelSelector api = LabelSelector.of(Map.of("app", "api"));
        LabelSelector webBack = LabelSelector.of(Map.of("app", "web", "tier", "back"));
        DomainCounts webCounts = cache.countMatchingPods(web, "default").byNode();
        DomainCounts apiCounts = cache.countMatchingPods(api, "default").byNode();
        cache.countMatchingPods(webBack, "default");

        web1.metadata().markDeleting(0, 30);
        cache.updatePod(web1);
        assertSameAsScan(web, "default");
        assertEquals(1, webCounts.count("n1"));

        Pod api1 = store.pods().get("default", "api-1");
        api1.metadata().setLabels(Map.of("app", "web", "tier", "back"));
        cache.updatePod(api1);
        assertSameAsScan(web, "default");
        assertSameAsScan(api, "default");
        assertSameAsScan(webBack, "default");
        assertEquals(2, webCounts.count("n2"));
        assertEquals(0, apiCounts.count("n2"));

        cache.removePod(store.pods().get("default", "web-3"));
        assertSameAsScan(webBack, "default");
        assertEquals(Map.of("n2", 1), kept(webBack, "default"));
        // asked again, the same kept counts
        assertSame(webCounts, cache.countMatchingPods(web, "default").byNode());
    }

    @Test
    @DisplayName("a selection is dropped when its last pod goes (a ReplicaSet rolled away) and counted afresh when asked again")
    void emptiedSelectionsGo() {
        LabelSelector api = LabelSelector.of(Map.of("app", "api"));
        assertEquals(Map.of("n2", 1), kept(api, "default"));
        assertEquals(1, cache.spreadSelections());
        cache.removePod(store.pods().get("default", "api-1"));
        assertEquals(0, cache.spreadSelections(), "nothing kept for pods that are gone");
        assertEquals(Map.of(), kept(api, "default"));
        assertEquals(0, cache.spreadSelections(), "an empty selection is not kept");
        add(pod("api-2").label("app", "api").on("n3"));
        assertEquals(Map.of("n3", 1), kept(api, "default"));
        add(pod("api-3").label("app", "api").on("n3"));
        assertEquals(Map.of("n3", 2), kept(api, "default"));
        // a pod starting to terminate is counted out; the deletion that follows changes nothing more
        Pod api2 = store.pods().get("default", "api-2");
        api2.metadata().markDeleting(0, 30);
        cache.updatePod(api2);
        assertEquals(Map.of("n3", 1), kept(api, "default"));
        cache.removePod(api2);
        assertEquals(Map.of("n3", 1), kept(api, "default"));
    }

    private static Map<String, Integer> sorted(DomainCounts counts) {
        Map<String, Integer> m = new TreeMap<>();
        counts.forEach(m::put);
        return m;
    }

    @Test
    @DisplayName("per zone: the pods on known nodes, moved by a node's new zone, taken out with the node and back with it")
    void zones() {
        ClusterStore zoned = new ClusterStore(new Simulation(1));
        SchedulerCache c = new SchedulerCache(zoned);
        c.addNode(zoned.nodes().create(node("a1").zone("a").build()));
        c.addNode(zoned.nodes().create(node("b1").zone("b").build()));
        c.addNode(zoned.nodes().create(node("plain").build()));
        for (String n : List.of("a1", "a1", "b1", "plain", "later")) {
            c.addPod(zoned.pods().create(pod("web-" + zoned.pods().size()).label("app", "web").on(n).build()));
        }
        LabelSelector web = LabelSelector.of(Map.of("app", "web"));
        MatchingPods m = c.countMatchingPods(web, "default");
        assertEquals(Map.of("a", 2, "b", 1, "", 1), sorted(m.byZone()), "a node without the label is zone \"\"");
        assertEquals(Map.of("a1", 2, "b1", 1, "plain", 1, "later", 1), sorted(m.byNode()),
                "by node: a node the cache does not know yet counts too");

        io.kubesim.cluster.Node b1 = zoned.nodes().get("b1");
        b1.metadata().setLabels(Map.of(io.kubesim.cluster.Node.LABEL_ZONE, "a", io.kubesim.cluster.Node.LABEL_HOSTNAME,
                "b1"));
        c.updateNode(b1);
        assertEquals(Map.of("a", 3, "", 1), sorted(m.byZone()));
        c.removeNode(zoned.nodes().get("a1"));
        assertEquals(Map.of("a", 1, "", 1), sorted(m.byZone()));
        c.addNode(zoned.nodes().create(node("later").zone("c").build()));
        assertEquals(Map.of("a", 1, "", 1, "c", 1), sorted(m.byZone()));
        Pod onB1 = zoned.pods().get("default", "web-2");
        onB1.metadata().markDeleting(0, 30);
        c.updatePod(onB1);
        assertEquals(Map.of("", 1, "c", 1), sorted(m.byZone()), "a terminating pod leaves the counts");
        assertSame(m, c.countMatchingPods(web, "default"));
    }
}
