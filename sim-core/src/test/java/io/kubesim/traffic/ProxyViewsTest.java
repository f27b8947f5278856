package io.kubesim.traffic;

import static io.kubesim.testing.Fixtures.node;
import static io.kubesim.testing.Fixtures.pod;
import static io.kubesim.testing.PodStates.port;
import static io.kubesim.testing.PodStates.running;
import static io.kubesim.testing.PodStates.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.cluster.EndpointSlice;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.Pod;
import io.kubesim.controllers.EndpointSliceController;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.RandomStreams;
import io.kubesim.engine.SimTime;
import io.kubesim.testing.PodStates;
import io.kubesim.testing.TestCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What kube-proxy and the ingress controller route to (k8s-semantics.md 5): CategorizeEndpoints
 * over their own copy of the EndpointSlices, which lags the slices by each balancer's sampled
 * propagation delay and never goes back in time.
 */
class ProxyViewsTest {
    private static final NetworkSpec FIXED = new NetworkSpec(
            new DurationDistribution.Constant(SimTime.millis(500)),
            new DurationDistribution.Constant(SimTime.millis(1500)),
            new DurationDistribution.Constant(SimTime.millis(2500)));

    private TestCluster c;
    private ProxyViews views;

    private void start(long seed, NetworkSpec network) {
        c = new TestCluster(seed);
        c.add(node("n-1").cpu("64").memory("256Gi").maxPods(1000).build());
        new EndpointSliceController(c.store, network.endpointSliceDelay()).start();
        views = new ProxyViews(c.store, network);
        views.start();
        c.store.services().create(service("web", Map.of("app", "web"), false, port("http", 80, "8080")));
    }

    private Pod webPod(String name, String ip, boolean ready) {
        return running(c.store, c.add(pod(name).label("app", "web").on("n-1").build()), ip, ready);
    }

    private static List<String> pods(EndpointView v) {
        return v.routable().stream().map(Endpoint::podKey).toList();
    }

    private void runUntil(long t) {
        c.sim.runUntil(t);
    }

    @Test
    @DisplayName("a pod that becomes terminating is routable by kube-proxy until slice delay + kube-proxy delay have passed, never after; ingress lags by its own delay")
    void terminatingPodRoutableUntilPropagated() {
        start(1, FIXED);
        Pod a = webPod("web-a", "10.0.0.1", true);
        webPod("web-b", "10.0.0.2", true);
        EndpointView proxy = views.view(ProxyViews.KUBE_PROXY, "default/web");
        EndpointView ingress = views.view(ProxyViews.INGRESS, "default/web");
        runUntil(SimTime.seconds(10));
        assertEquals(List.of("default/web-a", "default/web-b"), pods(proxy));
        long deleted = c.sim.now();
        c.store.deletePod(a, 30L);
        long proxySees = deleted + SimTime.millis(500 + 1500);
        long ingressSees = deleted + SimTime.millis(500 + 2500);
        runUntil(proxySees - 1);
        assertEquals(List.of("default/web-a", "default/web-b"), pods(proxy), "still routable 1 µs before");
        runUntil(proxySees);
        assertEquals(List.of("default/web-b"), pods(proxy));
        assertEquals(List.of("default/web-a", "default/web-b"), pods(ingress), "ingress has not caught up yet");
        for (long t = proxySees; t <= deleted + SimTime.seconds(40); t += SimTime.millis(100)) {
            runUntil(t);
            assertEquals(List.of("default/web-b"), pods(proxy), "never routable again, at " + t);
            if (t >= ingressSees) {
                assertEquals(List.of("default/web-b"), pods(ingress));
            }
        }
    }

    @Test
    @DisplayName("with the documented delays a terminating pod leaves kube-proxy's view 1.1–3 s after deletion, once and for good")
    void documentedDelays() {
        start(2, NetworkSpec.DEFAULT);
        Pod a = webPod("web-a", "10.0.0.1", true);
        webPod("web-b", "10.0.0.2", true);
        EndpointView proxy = views.view(ProxyViews.KUBE_PROXY, "default/web");
        runUntil(SimTime.seconds(10));
        long deleted = c.sim.now();
        c.store.deletePod(a, 30L);
        long gone = -1;
        for (long t = deleted; t <= deleted + SimTime.seconds(10); t += SimTime.millis(10)) {
            runUntil(t);
            boolean routable = pods(proxy).contains("default/web-a");
            if (gone < 0 && !routable) {
                gone = t;
            }
            assertTrue(gone < 0 || !routable, "routable again after leaving, at " + t);
        }
        assertTrue(gone >= deleted + SimTime.millis(1100) && gone <= deleted + SimTime.seconds(3), "left at " + gone);
    }

    @Test
    @DisplayName("CategorizeEndpoints: ready endpoints; with none ready, the serving terminating ones (ProxyTerminatingEndpoints); else none")
    void terminatingFallback() {
        start(3, FIXED);
        Pod a = webPod("web-a", "10.0.0.1", true);
        Pod b = webPod("web-b", "10.0.0.2", true);
        webPod("web-c", "10.0.0.3", false);
        EndpointView proxy = views.view(ProxyViews.KUBE_PROXY, "default/web");
        runUntil(SimTime.seconds(10));
        assertEquals(List.of("default/web-a", "default/web-b"), pods(proxy), "the not-ready pod is not routable");
        c.store.deletePod(a, 300L);
        c.runFor(SimTime.seconds(5));
        assertEquals(List.of("default/web-b"), pods(proxy), "a ready endpoint exists: terminating ones are not used");
        c.store.deletePod(b, 300L);
        c.runFor(SimTime.seconds(5));
        assertEquals(List.of("default/web-a", "default/web-b"), pods(proxy), "no ready endpoint: fall back to serving terminating ones");
        PodStates.ready(c.store, a, false);
        c.runFor(SimTime.seconds(5));
        assertEquals(List.of("default/web-b"), pods(proxy), "a terminating pod that stopped serving is dropped");
        PodStates.ready(c.store, b, false);
        c.runFor(SimTime.seconds(5));
        assertEquals(List.of(), pods(proxy), "nothing ready or serving: traffic has nowhere to go");
        PodStates.ready(c.store, c.pod("web-c"), true);
        c.runFor(SimTime.seconds(5));
        assertEquals(List.of("default/web-c"), pods(proxy));
    }

    @Test
    @DisplayName("a headless Service: clients get the ready pods from DNS after dnsDelay, never a terminating one; kube-proxy plays no part")
    void headlessServiceIsResolvedByDns() {
        NetworkSpec network = new NetworkSpec(FIXED.endpointSliceDelay(), new DurationDistribution.Constant(SimTime.minutes(10)),
                FIXED.ingressDelay(), new DurationDistribution.Constant(SimTime.millis(700)));
        start(5, network);
        c.store.services().create(new io.kubesim.cluster.Service(new ObjectMeta("default", "web-hl", "uid-web-hl"),
                Map.of("app", "web"), List.of(port("http", 80, "8080")), "ClusterIP", true, false));
        Pod a = webPod("web-a", "10.0.0.1", true);
        webPod("web-b", "10.0.0.2", true);
        EndpointView headless = views.clientView("default/web-hl");
        EndpointView clusterIp = views.clientView("default/web");
        assertSame(views.view(ProxyViews.DNS, "default/web-hl"), headless);
        assertSame(views.view(ProxyViews.KUBE_PROXY, "default/web"), clusterIp);
        runUntil(SimTime.seconds(10));
        assertEquals(List.of("default/web-a", "default/web-b"), pods(headless), "slice 0.5 s + DNS 0.7 s");
        assertEquals(List.of(), pods(clusterIp), "kube-proxy takes 10 minutes here");
        c.store.deletePod(a, 300L);
        c.runFor(SimTime.seconds(5));
        assertEquals(List.of("default/web-b"), pods(headless));
        PodStates.ready(c.store, c.pod("web-b"), false);
        c.runFor(SimTime.seconds(5));
        assertEquals(List.of(), pods(headless), "DNS publishes ready addresses only: no fallback to the serving "
                + "terminating web-a, as kube-proxy would do");
    }

    @Test
    @DisplayName("a later slice change is never overtaken by an earlier one whose sampled delay was longer: the view never goes back")
    void neverGoesBackwards() {
        NetworkSpec wide = new NetworkSpec(DurationDistribution.Constant.ZERO,
                new DurationDistribution.Uniform(0, SimTime.seconds(3)), new DurationDistribution.Uniform(0, SimTime.seconds(3)));
        long gap = SimTime.millis(200);
        long seed = seedWithOutOfOrderDraws(wide.kubeProxyDelay(), gap);
        RandomGenerator replay = new RandomStreams(seed).stream("network/kube-proxy");
        long d1 = wide.kubeProxyDelay().sample(replay);
        long d2 = wide.kubeProxyDelay().sample(replay);
        long d3 = wide.kubeProxyDelay().sample(replay);

        c = new TestCluster(seed);
        views = new ProxyViews(c.store, wide);
        views.start();
        ServiceEndpointView proxy = views.view(ProxyViews.KUBE_PROXY, "default/web");
        EndpointSlice slice = new EndpointSlice(sliceMeta(), EndpointSlice.ADDRESS_TYPE_IPV4, List.of(),
                List.of(ep("web-a", true, true, false), ep("web-b", true, true, false)));
        c.store.endpointSlices().create(slice);
        runUntil(d1 + SimTime.seconds(1));
        assertEquals(List.of("default/web-a", "default/web-b"), pods(proxy));

        long t2 = c.sim.now();
        slice.setEndpoints(List.of(ep("web-a", false, true, true), ep("web-b", true, true, false)));
        c.store.endpointSlices().update(slice);
        c.runFor(gap);
        slice.setEndpoints(List.of(ep("web-b", true, true, false)));
        c.store.endpointSlices().update(slice);
        long t3 = c.sim.now();
        assertTrue(t3 + d3 < t2 + d2, "the draws are out of order");

        runUntil(t3 + d3);
        assertEquals(2, proxy.endpoints().size(), "the third change waits for the second");
        List<List<Endpoint>> seen = new ArrayList<>();
        for (long t = t3 + d3; t <= t2 + d2 + SimTime.seconds(1); t += SimTime.millis(1)) {
            runUntil(t);
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(proxy.endpoints())) {
                seen.add(proxy.endpoints());
            }
        }
        assertEquals(2, seen.size(), "one step, from the first state to the last: " + seen);
        assertEquals(List.of("default/web-b"), seen.get(1).stream().map(Endpoint::podKey).toList());
        assertEquals(t2 + d2, proxy.lastChanged(), "both changes applied when the second's delay had passed");
    }

    /** The first seed whose second and third kube-proxy draws are out of order by more than the gap. */
    private static long seedWithOutOfOrderDraws(DurationDistribution delay, long gap) {
        for (long seed = 1; seed < 1000; seed++) {
            RandomGenerator rng = new RandomStreams(seed).stream("network/kube-proxy");
            delay.sample(rng);
            long d2 = delay.sample(rng);
            long d3 = delay.sample(rng);
            if (d2 > d3 + gap + SimTime.millis(500)) {
                return seed;
            }
        }
        throw new AssertionError("no seed found");
    }

    private static ObjectMeta sliceMeta() {
        ObjectMeta m = new ObjectMeta("default", "web-abcde", "uid-slice");
        m.setLabels(new TreeMap<>(Map.of(EndpointSlice.LABEL_SERVICE_NAME, "web")));
        return m;
    }

    private static EndpointSlice.Endpoint ep(String pod, boolean ready, boolean serving, boolean terminating) {
        return new EndpointSlice.Endpoint(pod, "uid-" + pod, "n-1", "10.0.0.1", ready, serving, terminating);
    }

    @Test
    @DisplayName("routable() is the same unmodifiable list until the view changes")
    void routableIsCached() {
        start(4, FIXED);
        webPod("web-a", "10.0.0.1", true);
        EndpointView proxy = views.view(ProxyViews.KUBE_PROXY, "default/web");
        runUntil(SimTime.seconds(10));
        List<Endpoint> first = proxy.routable();
        assertSame(first, proxy.routable());
        assertThrows(UnsupportedOperationException.class, () -> first.add(first.get(0)));
        assertSame(views.view(ProxyViews.KUBE_PROXY, "default/web"), proxy, "one live view per balancer and Service");
        webPod("web-b", "10.0.0.2", true);
        c.runFor(SimTime.seconds(5));
        assertNotEquals(first, proxy.routable());
        assertThrows(IllegalArgumentException.class, () -> views.view("haproxy", "default/web"));
    }

    @Test
    @DisplayName("the same seed gives the same view changes at the same times; another seed gives others")
    void determinism() {
        assertEquals(timeline(7), timeline(7));
        assertNotEquals(timeline(7), timeline(8));
    }

    private List<String> timeline(long seed) {
        start(seed, NetworkSpec.DEFAULT);
        ServiceEndpointView proxy = views.view(ProxyViews.KUBE_PROXY, "default/web");
        ServiceEndpointView ingress = views.view(ProxyViews.INGRESS, "default/web");
        List<String> out = new ArrayList<>();
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pods.add(webPod("web-" + i, "10.0.0." + i, true));
            c.runFor(SimTime.millis(700));
        }
        for (int i = 0; i < 3; i++) {
            c.store.deletePod(pods.get(i), 30L);
            c.runFor(SimTime.millis(300));
        }
        for (long t = c.sim.now(); t < SimTime.seconds(30); t += SimTime.millis(50)) {
            runUntil(t);
            out.add(proxy.lastChanged() + " " + pods(proxy) + " | " + ingress.lastChanged() + " " + pods(ingress));
        }
        return out;
    }
}
