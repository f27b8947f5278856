package io.kubesim.scheduler;

import static io.kubesim.engine.SimTime.seconds;
import static io.kubesim.testing.Fixtures.node;
import static io.kubesim.testing.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.LabelSelector;
import io.kubesim.api.PodAffinityTerm;
import io.kubesim.api.Requirement;
import io.kubesim.api.SelectorOperator;
import io.kubesim.cluster.Namespace;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.Service;
import io.kubesim.testing.Fixtures;
import io.kubesim.testing.TestCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's label index (SchedulerCache.matchCandidates, countMatchingPods) only
 * finds candidates faster: on random clusters with random pod (anti-)affinity, spreading and
 * namespaces, every pod lands on the same node as with upstream's node-by-node scans
 * (k8s-semantics.md 3.4 InterPodAffinity, 3.5 PodTopologySpread with explicit constraints and
 * the system defaults from Services), and the scores recorded for each decision are the same.
 */
class SchedulerIndexEquivalenceTest {
    private static final int CLUSTERS = 300;
    private static final String[] APPS = {"web", "api", "db", "cache"};
    private static final String[] NAMESPACES = {"default", "team-a", "team-b"};

    @Test
    @DisplayName("placements and decision scores through the indexes and kept counts equal the straightforward scans on 300 random clusters with churn")
    void sameAsTheScans() {
        int placed = 0;
        int withPreferredTerms = 0;
        int preemptions = 0;
        for (long seed = 1; seed <= CLUSTERS; seed++) {
            Run indexed = run(seed, true);
            Run scanned = run(seed, false);
            assertEquals(scanned.placements, indexed.placements, "cluster " + seed);
            assertEquals(scanned.decisions, indexed.decisions, "cluster " + seed);
            placed += (int) indexed.placements.values().stream().filter(n -> !n.isEmpty()).count();
            withPreferredTerms += indexed.preferred;
            preemptions += indexed.preemptions;
        }
        // the clusters must exercise what is compared: most pods placed, many with preferred terms
        assertTrue(placed > CLUSTERS * 20, "placed " + placed);
        assertTrue(withPreferredTerms > CLUSTERS * 5, "pods with preferred terms " + withPreferredTerms);
        assertTrue(preemptions > CLUSTERS / 10, "preemptions " + preemptions);
    }

    private record Run(Map<String, String> placements, List<String> decisions, int preferred, int preemptions) {
    }

    private static Run run(long seed, boolean indexes) {
        Random r = new Random(seed);
        TestCluster c = new TestCluster(seed);
        for (String ns : NAMESPACES) {
            ObjectMeta m = new ObjectMeta("", ns, "uid-ns-" + ns);
            m.setLabels(Map.of("team", ns.equals("default") ? "platform" : "apps"));
            c.store.namespaces().create(new Namespace(m));
        }
        int nodes = 4 + r.nextInt(30);
        for (int i = 0; i < nodes; i++) {
            Fixtures.NodeBuilder n = node("n" + i).cpu((2 + r.nextInt(15)) + "").memory("32Gi").zone("z" + r.nextInt(3));
            if (r.nextInt(10) == 0) {
                n.withoutLabel(Node.LABEL_ZONE);
            }
            if (r.nextBoolean()) {
                n.label("disk", "ssd");
            }
            c.add(n.build());
        }
        // Services make the system default spreading constraints (k8s-semantics.md 3.5) of the pods they select
        int services = r.nextInt(5);
        for (int i = 0; i < services; i++) {
            String ns = NAMESPACES[r.nextInt(NAMESPACES.length)];
            Map<String, String> selector = r.nextBoolean() ? Map.of("app", APPS[r.nextInt(APPS.length)])
                    : Map.of("app", APPS[r.nextInt(APPS.length)], "tier", "front");
            c.store.services().create(new Service(new ObjectMeta(ns, "svc-" + i, "uid-svc-" + ns + i), selector,
                    List.of(), "ClusterIP", false, false));
        }
        Scheduler s = new Scheduler(c.store, c.events, SchedulerConfig.DEFAULTS.withDecisionLogCapacity(-1));
        s.cache().useIndexes(indexes);
        s.start();
        int[] preferred = {0};
        addPods(c, r, "p", 10 + r.nextInt(60), 0, preferred);
        c.runFor(seconds(5));
        // churn the cache keeps its counts through: pods leave, start terminating or change labels,
        // a node changes zone, a node goes away, then more pods arrive, some of them preempting
        List<Pod> placed = new ArrayList<>(c.store.pods().list());
        placed.sort(java.util.Comparator.comparing(p -> p.metadata().key()));
        for (Pod p : placed) {
            switch (r.nextInt(8)) {
                case 0 -> c.store.pods().remove(p);
                case 1 -> {
                    Map<String, String> labels = new TreeMap<>(p.metadata().labels());
                    labels.put("tier", "front".equals(labels.get("tier")) ? "back" : "front");
                    p.metadata().setLabels(labels);
                    c.store.pods().update(p);
                }
                case 2 -> {
                    p.metadata().markDeleting(c.sim.now(), 600);
                    c.store.pods().update(p);
                }
                default -> {
                }
            }
        }
        List<Node> nodeList = new ArrayList<>(c.store.nodes().list());
        nodeList.sort(java.util.Comparator.comparing(Node::name));
        Node moved = nodeList.get(r.nextInt(nodeList.size()));
        Map<String, String> movedLabels = new TreeMap<>(moved.labels());
        movedLabels.put(Node.LABEL_ZONE, "z" + r.nextInt(3));
        moved.metadata().setLabels(movedLabels);
        c.store.nodes().update(moved);
        if (r.nextBoolean()) {
            c.store.nodes().remove(nodeList.get(r.nextInt(nodeList.size())));
        }
        c.runFor(seconds(1));
        addPods(c, r, "q", 5 + r.nextInt(30), 1000, preferred);
        c.runFor(seconds(30));
        Map<String, String> placements = new TreeMap<>();
        for (Pod p : c.store.pods().list()) {
            placements.put(p.metadata().key(), p.nodeName());
        }
        List<String> decisions = new ArrayList<>();
        s.decisionLog().decisions().forEach(d -> decisions.add(d.toString()));
        return new Run(placements, decisions, preferred[0], c.events("Preempted").size());
    }

    /** {@code count} random pods; about one in four gets {@code priority} (0: none). */
    private static void addPods(TestCluster c, Random r, String prefix, int count, int priority, int[] preferred) {
        for (int i = 0; i < count; i++) {
            Fixtures.PodBuilder p = pod(prefix + i).namespace(NAMESPACES[r.nextInt(NAMESPACES.length)])
                    .cpu((100 + r.nextInt(900)) + "m").memory("256Mi")
                    .label("app", APPS[r.nextInt(APPS.length)]).label("tier", r.nextBoolean() ? "front" : "back");
            if (priority > 0 && r.nextInt(4) == 0) {
                p.priority(priority);
            }
            int terms = r.nextInt(4);
            for (int t = 0; t < terms; t++) {
                PodAffinityTerm term = randomTerm(r);
                switch (r.nextInt(6)) {
                    case 0 -> p.podAffinity(term);
                    case 1 -> p.podAntiAffinity(term);
                    case 2, 3 -> {
                        p.preferredPodAffinity(1 + r.nextInt(100), term);
                        preferred[0]++;
                    }
                    default -> {
                        p.preferredPodAntiAffinity(1 + r.nextInt(100), term);
                        preferred[0]++;
                    }
                }
            }
            if (r.nextInt(4) == 0) {
                p.spread(1 + r.nextInt(2), r.nextBoolean() ? Node.LABEL_ZONE : Node.LABEL_HOSTNAME, r.nextBoolean(),
                        randomSelector(r));
            }
            if (r.nextInt(8) == 0) {
                // node affinity to honor: the default spreading counts only the nodes the pod may
                // use, not every node of their zones
                p.nodeSelector("disk", "ssd");
            }
            c.add(p.build());
            if (r.nextInt(8) == 0) {
                c.runFor(seconds(1)); // some pods arrive after others are placed
            }
        }
    }

    private static PodAffinityTerm randomTerm(Random r) {
        String topologyKey = r.nextInt(3) == 0 ? Node.LABEL_HOSTNAME : Node.LABEL_ZONE;
        Set<String> namespaces = switch (r.nextInt(4)) {
            case 0 -> Set.of(NAMESPACES[r.nextInt(NAMESPACES.length)]);
            case 1 -> Set.of("default", "team-a");
            default -> Set.of();
        };
        LabelSelector nsSelector = r.nextInt(6) == 0 ? LabelSelector.of(Map.of("team", "apps")) : null;
        LabelSelector selector = r.nextInt(15) == 0 ? null : randomSelector(r);
        return new PodAffinityTerm(selector, namespaces, nsSelector, topologyKey);
    }

    /** matchLabels, a single-value In, a pair of them, or only operators the index cannot look up. */
    private static LabelSelector randomSelector(Random r) {
        String app = APPS[r.nextInt(APPS.length)];
        return switch (r.nextInt(5)) {
            case 0 -> LabelSelector.of(Map.of("app", app));
            case 1 -> new LabelSelector(Map.of(), List.of(new Requirement("app", SelectorOperator.IN, List.of(app))));
            case 2 -> LabelSelector.of(Map.of("app", app, "tier", "front"));
            case 3 -> new LabelSelector(Map.of("tier", "back"),
                    List.of(new Requirement("app", SelectorOperator.NOT_IN, List.of(app))));
            default -> new LabelSelector(Map.of(), List.of(new Requirement("app", SelectorOperator.EXISTS, List.of())));
        };
    }
}
