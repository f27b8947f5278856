package io.kubesim.controllers;

import static io.kubesim.testing.Fixtures.node;
import static io.kubesim.testing.Fixtures.pod;
import static io.kubesim.testing.PodStates.port;
import static io.kubesim.testing.PodStates.running;
import static io.kubesim.testing.PodStates.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Container;
import io.kubesim.api.ContainerPort;
import io.kubesim.api.PodSpec;
import io.kubesim.api.Resources;
import io.kubesim.cluster.EndpointSlice;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodPhase;
import io.kubesim.cluster.Service;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import io.kubesim.testing.PodStates;
import io.kubesim.testing.TestCluster;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The EndpointSlice controller (k8s-semantics.md 5): which pods become endpoints, their
 * conditions, slicing at 100, writing only on change, and its reaction delay. Pod status is set
 * directly (as the kubelet would write it); the controller reacts 500 ms after a change.
 */
class EndpointSliceControllerTest {
    private static final long DELAY = SimTime.millis(500);
    private static final Map<String, String> WEB = Map.of("app", "web");

    private TestCluster c;
    private final List<String> sliceWrites = new ArrayList<>();

    @BeforeEach
    void setUp() {
        c = cluster(11, new DurationDistribution.Constant(DELAY), EndpointSliceController.DEFAULT_MAX_ENDPOINTS_PER_SLICE);
    }

    private TestCluster cluster(long seed, DurationDistribution delay, int maxPerSlice) {
        TestCluster tc = new TestCluster(seed);
        tc.add(node("n-1").cpu("64").memory("256Gi").maxPods(1000).build());
        EndpointSliceController controller = new EndpointSliceController(tc.store, delay, maxPerSlice);
        controller.verifyKeptEntries(true); // every reconcile also checks its kept entries (EndpointSliceKeptEntriesTest)
        controller.start();
        tc.store.endpointSlices().watch((type, s) -> sliceWrites.add(type + " " + s.name() + " @" + tc.sim.now()));
        return tc;
    }

    private Service web(boolean publishNotReady) {
        return c.store.services().create(service("web", WEB, publishNotReady, port("http", 80, "8080")));
    }

    private Pod webPod(String name, String ip, boolean ready) {
        Pod p = c.add(pod(name).label("app", "web").on("n-1").build());
        return running(c.store, p, ip, ready);
    }

    private List<EndpointSlice> slices(String service) {
        return new ArrayList<>(c.store.endpointSlicesByService().get("default/" + service));
    }

    private List<EndpointSlice.Endpoint> endpoints(String service) {
        List<EndpointSlice.Endpoint> all = new ArrayList<>();
        for (EndpointSlice s : slices(service)) {
            all.addAll(s.endpoints());
        }
        all.sort(Comparator.comparing(EndpointSlice.Endpoint::podName));
        return all;
    }

    private EndpointSlice.Endpoint endpoint(String service, String pod) {
        return endpoints(service).stream().filter(e -> e.podName().equals(pod)).findFirst().orElse(null);
    }

    private void settle() {
        c.runFor(SimTime.seconds(5));
    }

    @Nested
    @DisplayName("endpoint conditions (k8s-semantics.md 5: serving = Ready, terminating = deletionTimestamp, ready = pNRA || serving && !terminating)")
    class Conditions {
        @Test
        @DisplayName("a Ready pod is ready and serving, not terminating; the slice names its Service, owner and ports")
        void readyPod() {
            Service svc = web(false);
            webPod("web-1", "10.0.0.5", true);
            settle();
            assertEquals(new EndpointSlice.Endpoint("web-1", "uid-default-web-1", "n-1", "10.0.0.5", true, true, false),
                    endpoint("web", "web-1"));
            EndpointSlice s = slices("web").get(0);
            assertEquals("web", s.serviceName());
            assertEquals(EndpointSliceController.MANAGED_BY, s.managedBy());
            assertEquals(svc.metadata().uid(), s.metadata().owner().uid());
            assertEquals("IPv4", s.addressType());
            assertTrue(s.name().matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}"), s.name());
            assertEquals(List.of(new EndpointSlice.Port("http", 8080, "TCP")), s.ports());
        }

        @Test
        @DisplayName("a pod that is not Ready is neither ready nor serving")
        void notReadyPod() {
            web(false);
            webPod("web-1", "10.0.0.5", false);
            settle();
            EndpointSlice.Endpoint e = endpoint("web", "web-1");
            assertFalse(e.ready());
            assertFalse(e.serving());
            assertFalse(e.terminating());
        }

        @Test
        @DisplayName("a terminating pod stays in the slice: terminating, not ready, serving while it stays Ready")
        void terminatingPod() {
            web(false);
            Pod p = webPod("web-1", "10.0.0.5", true);
            settle();
            c.store.deletePod(p, 30L);
            settle();
            EndpointSlice.Endpoint e = endpoint("web", "web-1");
            assertTrue(e.terminating());
            assertFalse(e.ready(), "a terminating pod is never ready without publishNotReadyAddresses");
            assertTrue(e.serving());
            PodStates.ready(c.store, p, false);
            settle();
            assertFalse(endpoint("web", "web-1").serving(), "the readiness probe keeps running during termination");
        }

        @Test
        @DisplayName("publishNotReadyAddresses makes not-ready and terminating pods ready")
        void publishNotReadyAddresses() {
            web(true);
            webPod("web-1", "10.0.0.5", false);
            Pod p2 = webPod("web-2", "10.0.0.6", true);
            settle();
            c.store.deletePod(p2, 30L);
            settle();
            EndpointSlice.Endpoint e1 = endpoint("web", "web-1");
            assertTrue(e1.ready());
            assertFalse(e1.serving());
            EndpointSlice.Endpoint e2 = endpoint("web", "web-2");
            assertTrue(e2.ready());
            assertTrue(e2.terminating());
        }
    }

    @Nested
    @DisplayName("which pods are endpoints (ShouldPodBeInEndpoints)")
    class Membership {
        @Test
        @DisplayName("a pod without an IP is left out until its sandbox has one")
        void podWithoutIp() {
            web(false);
            Pod p = c.add(pod("web-1").label("app", "web").on("n-1").build());
            settle();
            assertTrue(endpoints("web").isEmpty());
            running(c.store, p, "10.0.0.5", false);
            settle();
            assertEquals(1, endpoints("web").size());
        }

        @Test
        @DisplayName("Succeeded and Failed pods are left out")
        void terminalPods() {
            web(false);
            Pod done = webPod("web-1", "10.0.0.5", true);
            Pod failed = webPod("web-2", "10.0.0.6", true);
            webPod("web-3", "10.0.0.7", true);
            settle();
            assertEquals(3, endpoints("web").size());
            PodStates.terminal(c.store, done, PodPhase.SUCCEEDED);
            PodStates.terminal(c.store, failed, PodPhase.FAILED);
            settle();
            assertEquals(List.of("web-3"), endpoints("web").stream().map(EndpointSlice.Endpoint::podName).toList());
        }

        @Test
        @DisplayName("only pods the selector matches, in the Service's namespace")
        void selectorAndNamespace() {
            web(false);
            webPod("web-1", "10.0.0.5", true);
            running(c.store, c.add(pod("api-1").label("app", "api").on("n-1").build()), "10.0.0.6", true);
            running(c.store, c.add(pod("web-1").namespace("other").label("app", "web").on("n-1").build()),
                    "10.0.0.7", true);
            settle();
            assertEquals(List.of("10.0.0.5"), endpoints("web").stream().map(EndpointSlice.Endpoint::ip).toList());
        }

        @Test
        @DisplayName("a relabelled pod leaves the Service it no longer matches and joins the one it now matches")
        void labelChange() {
            web(false);
            c.store.services().create(service("api", Map.of("app", "api"), false, port("http", 80, "8080")));
            Pod p = webPod("web-1", "10.0.0.5", true);
            settle();
            assertEquals(1, endpoints("web").size());
            PodStates.labels(c.store, p, Map.of("app", "api"));
            settle();
            assertTrue(endpoints("web").isEmpty());
            assertEquals("web-1", endpoints("api").get(0).podName());
        }

        @Test
        @DisplayName("a deleted pod leaves the slice when it is removed from the store")
        void removedPod() {
            web(false);
            Pod p = webPod("web-1", "10.0.0.5", true);
            webPod("web-2", "10.0.0.6", true);
            settle();
            c.store.pods().remove(p);
            settle();
            assertNull(endpoint("web", "web-1"));
            assertEquals(1, endpoints("web").size());
        }

        @Test
        @DisplayName("a named targetPort is resolved per pod; pods serving different ports go to different slices")
        void namedTargetPorts() {
            c.store.services().create(service("web", WEB, false, port("http", 80, "http")));
            for (int i = 0; i < 2; i++) {
                Container ctr = new Container("app", "app:1", Resources.NONE, Resources.NONE,
                        List.of(new ContainerPort("http", 8080 + i, 0, "TCP", "")), null, null, null, null, false);
                ObjectMeta meta = new ObjectMeta("default", "web-" + i, "uid-web-" + i);
                meta.setLabels(WEB);
                Pod p = new Pod(meta, PodSpec.of(List.of(ctr)), 0);
                p.bind("n-1", 0);
                running(c.store, c.store.pods().create(p), "10.0.0." + (5 + i), true);
            }
            settle();
            List<List<EndpointSlice.Port>> ports = slices("web").stream().map(EndpointSlice::ports)
                    .sorted(Comparator.comparing(l -> l.get(0).port())).toList();
            assertEquals(List.of(List.of(new EndpointSlice.Port("http", 8080, "TCP")),
                    List.of(new EndpointSlice.Port("http", 8081, "TCP"))), ports);
        }
    }

    @Nested
    @DisplayName("slices")
    class Slicing {
        @Test
        @DisplayName("at most 100 endpoints per slice (--max-endpoints-per-slice default): 250 pods make slices of 100, 100 and 50")
        void hundredPerSlice() {
            web(false);
            for (int i = 0; i < 250; i++) {
                webPod(String.format("web-%03d", i), "10.0." + (i / 250) + "." + (i % 250), true);
            }
            settle();
            List<Integer> sizes = slices("web").stream().map(s -> s.endpoints().size()).sorted().toList();
            assertEquals(List.of(50, 100, 100), sizes);
            assertEquals(250, endpoints("web").stream().map(EndpointSlice.Endpoint::podUid).distinct().count());
            for (EndpointSlice s : slices("web")) {
                List<String> names = s.endpoints().stream().map(EndpointSlice.Endpoint::podName).toList();
                assertEquals(names.stream().sorted().toList(), names, "endpoints are kept in pod-name order");
            }
        }

        @Test
        @DisplayName("removing one endpoint rewrites only the slice that held it")
        void minimalChurn() {
            web(false);
            List<Pod> pods = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                pods.add(webPod(String.format("web-%03d", i), "10.0.1." + i, true));
            }
            settle();
            sliceWrites.clear();
            c.store.pods().remove(pods.get(0));
            settle();
            assertEquals(1, sliceWrites.size(), sliceWrites.toString());
            assertTrue(sliceWrites.get(0).startsWith("MODIFIED"));
            assertEquals(149, endpoints("web").size());
        }

        @Test
        @DisplayName("a replacement pod takes the place its predecessor left in an existing slice: one update, no new slice")
        void refillBeforeCreating() {
            web(false);
            List<Pod> pods = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                pods.add(webPod(String.format("web-%03d", i), "10.0.1." + i, true));
            }
            settle();
            String only = slices("web").get(0).name();
            sliceWrites.clear();
            c.store.pods().remove(pods.get(42));
            webPod("web-new", "10.0.2.1", true);
            settle();
            assertEquals(List.of("MODIFIED " + only + " @" + (c.sim.now() - SimTime.seconds(5) + DELAY)), sliceWrites);
            assertEquals(100, slices("web").get(0).endpoints().size());
        }

        @Test
        @DisplayName("nothing changed, nothing written: pod updates that do not alter an endpoint wake no slice watcher")
        void noWriteWithoutChange() {
            web(false);
            Pod p = webPod("web-1", "10.0.0.5", true);
            settle();
            long rv = slices("web").get(0).metadata().resourceVersion();
            sliceWrites.clear();
            p.metadata().putAnnotation("note", "touched");
            c.store.pods().update(p);
            PodStates.ready(c.store, p, true);
            c.store.services().update(c.store.services().get("default/web"));
            settle();
            assertEquals(List.of(), sliceWrites);
            assertEquals(rv, slices("web").get(0).metadata().resourceVersion());
        }

        @Test
        @DisplayName("a Service without endpoints keeps one empty placeholder slice")
        void placeholder() {
            web(false);
            settle();
            assertEquals(1, slices("web").size());
            assertTrue(slices("web").get(0).endpoints().isEmpty());
            Pod p = webPod("web-1", "10.0.0.5", true);
            settle();
            c.store.pods().remove(p);
            settle();
            assertEquals(1, slices("web").size());
            assertTrue(slices("web").get(0).endpoints().isEmpty());
        }

        @Test
        @DisplayName("a Service without a selector is left alone; a deleted Service loses its slices")
        void noSelectorAndDeletedService() {
            c.store.services().create(service("manual", Map.of(), false, port("http", 80, "8080")));
            Service svc = web(false);
            webPod("web-1", "10.0.0.5", true);
            settle();
            assertTrue(slices("manual").isEmpty());
            assertEquals(1, slices("web").size());
            c.store.services().remove(svc);
            settle();
            assertTrue(slices("web").isEmpty());
        }
    }

    @Nested
    @DisplayName("reaction time")
    class Timing {
        @Test
        @DisplayName("the slice is written the sampled delay after the change; changes meanwhile join that write")
        void writeAfterDelay() {
            web(false);
            settle();
            sliceWrites.clear();
            long t0 = c.sim.now();
            webPod("web-1", "10.0.0.5", true);
            c.runFor(SimTime.millis(100));
            webPod("web-2", "10.0.0.6", true);
            c.runFor(SimTime.millis(399));
            assertTrue(endpoints("web").isEmpty(), "nothing written before 500 ms");
            c.runFor(SimTime.millis(1));
            assertEquals(2, endpoints("web").size(), "both pods in the write at 500 ms");
            settle();
            assertEquals(1, sliceWrites.size(), sliceWrites.toString());
            assertTrue(sliceWrites.get(0).endsWith("@" + (t0 + DELAY)));
        }

        @Test
        @DisplayName("with the documented 0.1–1 s delay, the same seed writes the same slices at the same times; another seed differs")
        void determinism() {
            List<String> a = run(5);
            List<String> b = run(5);
            List<String> other = run(6);
            assertEquals(a, b);
            assertNotEquals(a, other);
        }

        private List<String> run(long seed) {
            sliceWrites.clear();
            c = cluster(seed, new DurationDistribution.Uniform(SimTime.millis(100), SimTime.seconds(1)),
                    EndpointSliceController.DEFAULT_MAX_ENDPOINTS_PER_SLICE);
            web(false);
            for (int i = 0; i < 120; i++) {
                webPod("web-" + i, "10.0.2." + i, i % 3 != 0);
                c.runFor(SimTime.millis(50));
            }
            c.store.deletePod(c.pod("web-7"), 30L);
            settle();
            List<String> out = new ArrayList<>(sliceWrites);
            for (EndpointSlice s : c.store.endpointSlices().list()) {
                out.add(s.name() + " " + s.endpoints());
            }
            return out;
        }
    }
}
