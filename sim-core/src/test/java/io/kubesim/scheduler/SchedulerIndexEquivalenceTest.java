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
 * The scheduler's label index (SchedulerCache.matchCandidates, countMatchingPodsByNode) only
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
    @DisplayName("placements and decision scores through the index equal the straightforward scans on 300 random clusters")
    void sameAsTheScans() {
        int placed = 0;
        int withPreferredTerms = 0;
        for (long seed = 1; seed <= CLUSTERS; seed++) {
            Run indexed = run(seed, true);
            Run scanned = run(seed, false);
            assertEquals(scanned.placements, indexed.placements, "cluster " + seed);
            assertEquals(scanned.decisions, indexed.decisions, "cluster " + seed);
            placed += (int) indexed.placements.values().stream().filter(n -> !n.isEmpty()).count();
            withPreferredTerms += indexed.preferred;
        }
        // the clusters must exercise what is compared: most pods placed, many with preferred terms
        assertTrue(placed > CLUSTERS * 20, "placed " + placed);
        assertTrue(withPreferredTerms > CLUSTERS * 5, "pods with preferred terms " + withPreferredTerms);
    }

    private record Run(Map<String, String> placements, List<String> decisions, int preferred) {
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
        int pods = 10 + r.nextInt(60);
        int preferred = 0;
        for (int i = 0; i < pods; i++) {
            Fixtures.PodBuilder p = pod("p" + i).namespace(NAMESPACES[r.nextInt(NAMESPACES.length)])
                    .cpu((100 + r.nextInt(900)) + "m").memory("256Mi")
                    .label("app", APPS[r.nextInt(APPS.length)]).label("tier", r.nextBoolean() ? "front" : "back");
            int terms = r.nextInt(4);
            for (int t = 0; t < terms; t++) {
                PodAffinityTerm term = randomTerm(r);
                switch (r.nextInt(6)) {
                    case 0 -> p.podAffinity(term);
                    case 1 -> p.podAntiAffinity(term);
                    case 2, 3 -> {
                        p.preferredPodAffinity(1 + r.nextInt(100), term);
                        preferred++;
                    }
                    default -> {
                        p.preferredPodAntiAffinity(1 + r.nextInt(100), term);
                        preferred++;
                    }
                }
            }
            if (r.nextInt(4) == 0) {
                p.spread(1 + r.nextInt(2), r.nextBoolean() ? Node.LABEL_ZONE : Node.LABEL_HOSTNAME, r.nextBoolean(),
                        randomSelector(r));
            }
            c.add(p.build());
            if (r.nextInt(8) == 0) {
                c.runFor(seconds(1)); // some pods arrive after others are placed
            }
        }
        c.runFor(seconds(30));
        Map<String, String> placements = new TreeMap<>();
        for (Pod p : c.store.pods().list()) {
            placements.put(p.metadata().key(), p.nodeName());
        }
        List<String> decisions = new ArrayList<>();
        s.decisionLog().decisions().forEach(d -> decisions.add(d.toString()));
        return new Run(placements, decisions, preferred);
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
