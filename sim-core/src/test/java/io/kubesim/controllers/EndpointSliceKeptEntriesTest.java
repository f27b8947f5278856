package io.kubesim.controllers;

import static io.kubesim.testing.Fixtures.node;
import static io.kubesim.testing.Fixtures.pod;
import static io.kubesim.testing.PodStates.port;
import static io.kubesim.testing.PodStates.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.cluster.EndpointSlice;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodPhase;
import io.kubesim.cluster.Service;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import io.kubesim.testing.Fixtures;
import io.kubesim.testing.PodStates;
import io.kubesim.testing.TestCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The EndpointSlice controller keeps each Service's entries between reconciles and evaluates only
 * the pods written since (k8s-semantics.md 5 is what an entry is). These clusters churn at random
 * (pods created, made Ready and not, terminating, terminal, relabelled, removed; nodes removed and
 * added back; Services changed) with writes landing between a reconcile's queueing and its run, and
 * every reconcile checks that the kept entries equal an evaluation of every pod, and that a plan
 * made from the changed entries only equals the plan made from every entry.
 */
class EndpointSliceKeptEntriesTest {
    private static final Map<String, String> WEB = Map.of("app", "web");
    private static final Map<String, String> API = Map.of("app", "api");

    /** The controller of the cluster last made. */
    private EndpointSliceController controller;

    @Test
    @DisplayName("on 200 random churning clusters, every reconcile's kept entries equal a pod-by-pod evaluation, and its plan the plan from every entry")
    void keptEntriesEqualFullEvaluation() {
        int fromChanges = 0;
        for (long seed = 1; seed <= 200; seed++) {
            TestCluster c = churn(seed);
            Service web = c.store.services().get("default/web");
            assertEquals(expected(c, web), endpointPods(c, web), "seed " + seed);
            fromChanges += controller.plansFromChanges();
        }
        // most reconciles found the slices as planned and compared only those holding changed pods
        assertTrue(fromChanges > 200 * 20, "plans from the changed entries " + fromChanges);
    }

    @Test
    @DisplayName("pods serving a named targetPort differently make port groups of their own; the slices follow them")
    void portGroups() {
        TestCluster c = cluster(1, new DurationDistribution.Constant(SimTime.millis(200)));
        Service web = c.store.services().create(service("web", WEB, false, port("http", 80, "http")));
        for (int i = 0; i < 6; i++) {
            Fixtures.PodBuilder b = pod("web-" + i).label("app", "web").on("n-0");
            b.container(Fixtures.container("app").cpu("100m").port("http", i < 3 ? 8080 : 9090));
            PodStates.running(c.store, c.add(b.build()), "10.0.0." + i, true);
        }
        c.runFor(SimTime.seconds(5));
        assertEquals(List.of(8080, 8080, 8080, 9090, 9090, 9090), slicePorts(c, web), "each pod in its port group");
        assertEquals(2, c.store.endpointSlicesByService().get(web.metadata().key()).size(), "a slice per group");
        PodStates.ready(c.store, c.store.pods().get("default/web-4"), false);
        c.store.pods().remove(c.store.pods().get("default/web-0"));
        c.runFor(SimTime.seconds(5));
        assertEquals(List.of("web-1", "web-2", "web-3", "web-4", "web-5"), endpointPods(c, web));
        assertEquals(List.of(8080, 8080, 9090, 9090, 9090), slicePorts(c, web));
    }

    /** The port of each endpoint of the Service, in slice order. */
    private static List<Integer> slicePorts(TestCluster c, Service svc) {
        List<Integer> out = new ArrayList<>();
        for (EndpointSlice s : c.store.endpointSlicesByService().get(svc.metadata().key())) {
            for (EndpointSlice.Endpoint e : s.endpoints()) {
                out.add(s.ports().get(0).port());
            }
        }
        out.sort(null);
        return out;
    }

    @Test
    @DisplayName("a node removed takes its pods' endpoints out at the next reconcile, and back when it returns")
    void nodeRemovedAndBack() {
        TestCluster c = cluster(3, new DurationDistribution.Constant(SimTime.millis(200)));
        Service web = c.store.services().create(service("web", WEB, false, port("http", 80, "8080")));
        Pod a = PodStates.running(c.store, c.add(pod("web-a").label("app", "web").on("n-0").build()), "10.0.0.1", true);
        PodStates.running(c.store, c.add(pod("web-b").label("app", "web").on("n-1").build()), "10.0.0.2", true);
        c.runFor(SimTime.seconds(5));
        assertEquals(List.of("web-a", "web-b"), endpointPods(c, web));
        Node n0 = c.store.nodes().get("n-0");
        c.store.nodes().remove(n0);
        // the controller does not watch nodes: a write to another pod of the Service queues it
        PodStates.ready(c.store, c.store.pods().get("default/web-b"), true);
        c.runFor(SimTime.seconds(5));
        assertEquals(List.of("web-b"), endpointPods(c, web), "a pod whose node is gone is left out (reconciler.go)");
        c.add(node("n-0").cpu("64").memory("256Gi").maxPods(1000).build());
        PodStates.ready(c.store, a, true);
        c.runFor(SimTime.seconds(5));
        assertEquals(List.of("web-a", "web-b"), endpointPods(c, web));
    }

    private TestCluster cluster(long seed, DurationDistribution delay) {
        TestCluster c = new TestCluster(seed);
        for (int i = 0; i < 3; i++) {
            c.add(node("n-" + i).cpu("64").memory("256Gi").maxPods(1000).build());
        }
        controller = new EndpointSliceController(c.store, delay, 4);
        controller.verifyKeptEntries(true);
        controller.start();
        return c;
    }

    /** The pods the web Service should list: stored, selected, with an IP, not terminal, on a node or published anyway. */
    private static List<String> expected(TestCluster c, Service svc) {
        TreeSet<String> names = new TreeSet<>();
        for (Pod p : c.store.pods().list()) {
            if (svc.selects(p) && !p.podIP().isEmpty() && !p.isTerminal()
                    && (svc.publishNotReadyAddresses() || c.store.nodes().get(p.nodeName()) != null)) {
                names.add(p.name());
            }
        }
        return new ArrayList<>(names);
    }

    /**
     * 300 random writes on a 100 ms grid, all queued before any reconcile: with the constant 200 ms
     * reaction delay of odd seeds, a write often lands in the same instant as a reconcile queued
     * after it, which then runs before the write's watch event is delivered.
     */
    private TestCluster churn(long seed) {
        DurationDistribution delay = seed % 2 == 1 ? new DurationDistribution.Constant(SimTime.millis(200))
                : new DurationDistribution.Uniform(SimTime.millis(100), SimTime.seconds(1));
        TestCluster c = cluster(seed, delay);
        Random rnd = new Random(seed);
        Service web = c.store.services().create(service("web", WEB, rnd.nextBoolean(), port("http", 80, "8080")));
        c.store.services().create(service("api", API, false, port("http", 80, "8080")));
        List<Pod> pods = new ArrayList<>();
        for (int step = 0; step < 300; step++) {
            int at = step;
            c.sim.schedule(SimTime.millis(100) * rnd.nextInt(300), () -> write(c, rnd, pods, web, at));
        }
        c.runFor(SimTime.seconds(31));
        PodStates.ready(c.store, c.add(pod("web-last").label("app", "web").on("n-0").build()), true); // queues web once more
        c.runFor(SimTime.seconds(5));
        return c;
    }

    /** One random write: a pod created, started, made (not) Ready, flipped and back, deleted, removed, relabelled or ended; a node removed or added; the Service's selector changed. */
    private static void write(TestCluster c, Random rnd, List<Pod> pods, Service web, int step) {
        Pod p = pods.isEmpty() ? null : pods.get(rnd.nextInt(pods.size()));
        boolean live = p != null && c.store.pods().contains(p);
        int action = rnd.nextInt(11);
        switch (action) {
            case 0, 1 -> {
                String name = "web-" + rnd.nextInt(40); // names come back: a new pod of an old name
                if (c.store.pods().get("default/" + name) == null) {
                    Pod created = c.add(pod(name).uid("uid-" + step).label("app", rnd.nextInt(4) == 0 ? "api" : "web")
                            .on("n-" + rnd.nextInt(3)).build());
                    pods.add(created);
                    if (rnd.nextBoolean()) {
                        PodStates.running(c.store, created, "10.0.1." + step % 250, rnd.nextBoolean());
                    }
                }
            }
            case 2 -> {
                if (live) {
                    PodStates.running(c.store, p, "10.0.2." + step % 250, rnd.nextBoolean());
                }
            }
            case 3, 4, 5 -> {
                if (p != null) {
                    PodStates.lifecycleStep(c.store, p, action - 3, rnd); // Ready flip, deletion, removal
                }
            }
            case 6 -> {
                if (live) {
                    PodStates.labels(c.store, p, rnd.nextBoolean() ? WEB : API);
                }
            }
            case 7 -> {
                if (p != null) {
                    PodStates.lifecycleStep(c.store, p, 3, rnd); // Succeeded or Failed
                }
            }
            case 8 -> {
                String name = "n-" + rnd.nextInt(3);
                Node n = c.store.nodes().get(name);
                if (n != null) {
                    c.store.nodes().remove(n);
                } else {
                    c.add(node(name).cpu("64").memory("256Gi").maxPods(1000).build());
                }
            }
            case 10 -> {
                if (live) { // flipped and back: marked, yet its entry ends as it was
                    boolean ready = p.isReady();
                    PodStates.ready(c.store, p, !ready);
                    PodStates.ready(c.store, p, ready);
                }
            }
            default -> {
                if (rnd.nextInt(3) == 0) {
                    web.setSelector(rnd.nextInt(4) == 0 ? API : WEB); // mostly back to its own pods
                    c.store.services().update(web);
                }
            }
        }
    }

    private static List<String> endpointPods(TestCluster c, Service svc) {
        TreeSet<String> names = new TreeSet<>();
        for (EndpointSlice s : c.store.endpointSlicesByService().get(svc.metadata().key())) {
            for (EndpointSlice.Endpoint e : s.endpoints()) {
                names.add(e.podName());
            }
        }
        return new ArrayList<>(names);
    }
}
