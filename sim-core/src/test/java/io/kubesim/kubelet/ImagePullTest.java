package io.kubesim.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Container;
import io.kubesim.api.ImagePullPolicy;
import io.kubesim.api.PodSpec;
import io.kubesim.api.Resources;
import io.kubesim.app.ApplicationCatalog;
import io.kubesim.app.ApplicationModel;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.ContainerStatus;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodAdmission;
import io.kubesim.cluster.PodPhase;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import io.kubesim.engine.Simulation;
import io.kubesim.metrics.ClusterEvent;
import io.kubesim.metrics.Counters;
import io.kubesim.metrics.EventRecorder;
import io.kubesim.sim.ClusterBootstrap;
import io.kubesim.sim.NodePool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kubelet's image pulls (k8s-semantics.md 18): the pull policies, the registry round trip of
 * an {@code Always} pull, failing pulls with their events, and the image pull back-off. One node;
 * the pod worker syncs 0.1 s after binding, the sandbox takes 1 s, a full pull 3 s, a registry
 * round trip 300 ms.
 */
class ImagePullTest {
    private static final long SYNC = SimTime.millis(100);
    private static final long SANDBOX = SimTime.seconds(1);
    private static final long PULL = SimTime.seconds(3);
    private static final long ROUND_TRIP = ImageRegistry.DEFAULT_MANIFEST_ROUND_TRIP;

    private final Simulation sim = new Simulation(3);
    private final ClusterStore store = new ClusterStore(sim);
    private final EventRecorder events = new EventRecorder(sim, true);
    private boolean started;
    /** Images on the node when it boots (the pool's {@code images}). */
    private List<String> preloaded = List.of();

    private Pod run(String name, Container c, ApplicationModel app, ImageRegistry registry) {
        if (!started) {
            new ClusterBootstrap(store).addNodes(new NodePool("n", 1, Resources.of(4000, 8L << 30), 110, Map.of(),
                    List.of(), List.of(), NodePool.DEFAULT_PROVISIONING_TIME, null, EvictionConfig.DEFAULT,
                    preloaded), 1);
            store.sim().runUntil(0);
            new Kubelets(store, events, new Counters(), KubeletConfig.DEFAULT,
                    new ApplicationCatalog(store, Map.of(), app), registry).start();
            started = true;
        }
        PodSpec spec = PodSpec.of(List.of(c));
        spec = new PodSpec(spec.containers(), spec.initContainers(), spec.nodeSelector(), spec.affinity(),
                spec.tolerations(), spec.topologySpreadConstraints(), "", null, false, 30, "n-1", "", "Always",
                Resources.NONE, false);
        return new PodAdmission(store).create(new Pod(new ObjectMeta("default", name, store.newUid()), spec, sim.now()));
    }

    /** A pod whose init container runs before {@code c}, with {@link #app()}'s timings. */
    private Pod runWithInit(String name, Container init, Container c, ImageRegistry registry) {
        Pod plain = run(name + "-unused", container("registry.example.com/unused:1", ImagePullPolicy.NEVER), app(),
                registry);
        PodSpec spec = plain.spec().withContainers(List.of(c)).withInitContainers(List.of(init));
        return new PodAdmission(store).create(new Pod(new ObjectMeta("default", name, store.newUid()), spec, sim.now()));
    }

    private static ApplicationModel app() {
        return new ApplicationModel(new DurationDistribution.Constant(PULL),
                new DurationDistribution.Constant(SimTime.seconds(1)), DurationDistribution.Constant.ZERO, null,
                DurationDistribution.Constant.ZERO);
    }

    private static Container container(String image, ImagePullPolicy policy) {
        return new Container("web", image, Resources.of(100, 1 << 26), Resources.NONE, List.of(), null, null, null,
                null, false, policy);
    }

    private List<ClusterEvent> events(String reason, String pod) {
        List<ClusterEvent> out = new ArrayList<>();
        for (ClusterEvent e : events.events()) {
            if (e.reason().equals(reason) && e.object().equals("Pod/default/" + pod)) {
                out.add(e);
            }
        }
        return out;
    }

    private List<ClusterEvent> messages(String pod, String prefix) {
        List<ClusterEvent> out = new ArrayList<>();
        for (ClusterEvent e : events.events()) {
            if (e.object().equals("Pod/default/" + pod) && e.message().startsWith(prefix)) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    @DisplayName("18.2: the times in the Pulled message are Go durations truncated to milliseconds")
    void pulledTimesAreTruncatedToMilliseconds() {
        ApplicationModel oddPull = new ApplicationModel(new DurationDistribution.Constant(3_022_816),
                new DurationDistribution.Constant(SimTime.seconds(1)), DurationDistribution.Constant.ZERO, null,
                DurationDistribution.Constant.ZERO);
        run("web-1", container("registry.example.com/web:1.0", null), oddPull, ImageRegistry.DEFAULT);
        sim.runUntil(SimTime.seconds(10));
        assertEquals("Successfully pulled image \"registry.example.com/web:1.0\" in 3.022s (3.022s including waiting)",
                events("Pulled", "web-1").get(0).message());
    }

    @Test
    @DisplayName("Always: every restart asks the registry again; the cached image costs one round trip, not a pull")
    void alwaysRepullsOnRestartForOneRoundTrip() {
        ApplicationModel crashing = app().withCrashAfter(new DurationDistribution.Constant(SimTime.seconds(5)));
        Pod pod = run("web-1", container("registry.example.com/web:latest", null), crashing, ImageRegistry.DEFAULT);
        sim.runUntil(SimTime.seconds(30));
        List<ClusterEvent> pulling = events("Pulling", "web-1");
        List<ClusterEvent> pulled = events("Pulled", "web-1");
        assertTrue(pulling.size() >= 2, "pulled at the first start and again at the restart");
        assertEquals(pulling.size(), pulled.size());
        assertEquals("Successfully pulled image \"registry.example.com/web:latest\" in 3s (3s including waiting)",
                pulled.get(0).message(), "first start: the image is absent, a full pull");
        assertEquals("Successfully pulled image \"registry.example.com/web:latest\" in 300ms (300ms including waiting)",
                pulled.get(1).message(), "restart: cached, one manifest round trip");
        assertEquals(pulling.get(1).time() + ROUND_TRIP, pulled.get(1).time());
        assertTrue(pod.containerStatus("web").restartCount() >= 1);
    }

    @Test
    @DisplayName("IfNotPresent: the restart finds the image on the node and never contacts the registry")
    void ifNotPresentRestartUsesTheCache() {
        ApplicationModel crashing = app().withCrashAfter(new DurationDistribution.Constant(SimTime.seconds(5)));
        run("web-1", container("registry.example.com/web:1.0", null), crashing, ImageRegistry.DEFAULT);
        sim.runUntil(SimTime.seconds(30));
        assertEquals(1, events("Pulling", "web-1").size());
        assertTrue(messages("web-1", "Container image \"registry.example.com/web:1.0\" already present on machine")
                .size() >= 1);
    }

    @Test
    @DisplayName("Never with the image absent: waits ErrImageNeverPull with its Warning, Pending, no pull (18.1)")
    void neverWithAbsentImageWaits() {
        Pod pod = run("web-1", container("registry.example.com/web:1.0", ImagePullPolicy.NEVER), app(),
                ImageRegistry.DEFAULT);
        sim.runUntil(SimTime.minutes(1));
        ContainerStatus s = pod.containerStatus("web");
        assertEquals(ContainerStatus.State.WAITING, s.state());
        assertEquals("ErrImageNeverPull", s.reason());
        assertEquals(PodPhase.PENDING, pod.phase());
        assertTrue(events("Pulling", "web-1").isEmpty());
        List<ClusterEvent> never = events("ErrImageNeverPull", "web-1");
        assertEquals("Container image \"registry.example.com/web:1.0\" is not present with pull policy of Never",
                never.get(0).message());
        assertTrue(never.get(0).warning());
        assertEquals(SYNC + SANDBOX, never.get(0).time());
        assertEquals(SimTime.seconds(10), never.get(1).time() - never.get(0).time(), "checked again at each 10 s sync");
        assertEquals(never.get(0).time(), messages("web-1", "Error: ErrImageNeverPull").get(0).time());
    }

    @Test
    @DisplayName("Never with the image preloaded by the node pool: starts at once, however the reference is written")
    void neverWithAPreloadedImageStarts() {
        preloaded = List.of("nginx");
        Pod pod = run("web-1", container("docker.io/library/nginx:latest", ImagePullPolicy.NEVER), app(),
                ImageRegistry.DEFAULT);
        sim.runUntil(SimTime.seconds(10));
        assertEquals(ContainerStatus.State.RUNNING, pod.containerStatus("web").state());
        assertTrue(events("Pulling", "web-1").isEmpty(), "nothing to pull");
        assertEquals(1, messages("web-1", "Container image \"docker.io/library/nginx:latest\" already present on "
                + "machine").size());
    }

    @Test
    @DisplayName("Never with the image present (pulled by another pod): starts at once")
    void neverWithPresentImageStarts() {
        run("puller", container("registry.example.com/web:1.0", null), app(), ImageRegistry.DEFAULT);
        sim.runUntil(SimTime.seconds(10));
        Pod pod = run("web-1", container("registry.example.com/web:1.0", ImagePullPolicy.NEVER), app(),
                ImageRegistry.DEFAULT);
        sim.runUntil(SimTime.seconds(20));
        assertEquals(PodPhase.RUNNING, pod.phase());
        assertEquals("Container image \"registry.example.com/web:1.0\" already present on machine",
                events("Pulled", "web-1").get(0).message());
    }

    @Test
    @DisplayName("a missing image: Failed with containerd's error, ErrImagePull, then ImagePullBackOff; retries 10, 20, 40 s after each failure (18.2, 18.3)")
    void notFoundBacksOffTenTwentyForty() {
        ImageRegistry registry = new ImageRegistry(ROUND_TRIP,
                Map.of("registry.example.com/web:2.0", ImageRegistry.ImageFault.always(ImageRegistry.PullError.NOT_FOUND)));
        Pod pod = run("web-1", container("registry.example.com/web:2.0", null), app(), registry);
        sim.runUntil(SimTime.minutes(3));

        List<ClusterEvent> pulling = events("Pulling", "web-1");
        List<ClusterEvent> pullFailures = messages("web-1", "Failed to pull image");
        assertEquals(SYNC + SANDBOX, pulling.get(0).time());
        assertEquals(pulling.get(0).time() + ROUND_TRIP, pullFailures.get(0).time(), "the registry answers 404");
        // k8s-semantics.md 18.3: the next attempt waits 10 s, then 20 s, then 40 s after each failure.
        long[] windows = new long[3];
        for (int i = 0; i < 3; i++) {
            windows[i] = pulling.get(i + 1).time() - pullFailures.get(i).time();
        }
        assertEquals(List.of(SimTime.seconds(10), SimTime.seconds(20), SimTime.seconds(40)),
                List.of(windows[0], windows[1], windows[2]));

        String ref = "registry.example.com/web:2.0";
        assertEquals("Failed to pull image \"" + ref + "\": rpc error: code = NotFound desc = failed to pull and unpack "
                + "image \"" + ref + "\": failed to resolve reference \"" + ref + "\": " + ref + ": not found",
                pullFailures.get(0).message());
        assertTrue(pullFailures.get(0).warning());
        assertEquals("Failed", pullFailures.get(0).reason());
        List<ClusterEvent> errImagePull = messages("web-1", "Error: ErrImagePull");
        assertEquals(pullFailures.get(0).time(), errImagePull.get(0).time());
        ClusterEvent backOff = events("BackOff", "web-1").get(0);
        assertEquals("Back-off pulling image \"" + ref + "\"", backOff.message());
        assertFalse(backOff.warning(), "BackOff is a Normal event (18.2)");
        assertEquals(pullFailures.get(0).time() + SYNC, backOff.time(), "the pod worker's next sync");

        ContainerStatus s = pod.containerStatus("web");
        assertEquals(ContainerStatus.State.WAITING, s.state());
        assertEquals("ImagePullBackOff", s.reason());
        assertEquals(PodPhase.PENDING, pod.phase());
        assertEquals(0, s.restartCount(), "pull failures are not restarts");
        assertFalse(pod.isReady());
    }

    @Test
    @DisplayName("an init container's image is pulled as an app container's: a missing one backs off and holds the pod")
    void initContainerImagesFollowThePullRulesToo() {
        ImageRegistry registry = new ImageRegistry(ROUND_TRIP,
                Map.of("registry.example.com/migrate:9", ImageRegistry.ImageFault.always(ImageRegistry.PullError.NOT_FOUND)));
        Container init = new Container("migrate", "registry.example.com/migrate:9", Resources.NONE, Resources.NONE,
                List.of(), null, null, null, null, false, null);
        Pod pod = runWithInit("web-1", init, container("registry.example.com/web:1.0", null), registry);
        sim.runUntil(SimTime.minutes(2));

        List<ClusterEvent> pulling = events("Pulling", "web-1");
        List<ClusterEvent> pullFailures = messages("web-1", "Failed to pull image \"registry.example.com/migrate:9\"");
        assertTrue(pulling.size() >= 4, pulling.toString());
        assertTrue(pulling.stream().allMatch(e -> e.message().contains("migrate:9")), "the app image is never pulled");
        // k8s-semantics.md 18.3: the same 10, 20, 40 s back-off as for an app container.
        assertEquals(SimTime.seconds(10), pulling.get(1).time() - pullFailures.get(0).time());
        assertEquals(SimTime.seconds(20), pulling.get(2).time() - pullFailures.get(1).time());
        assertEquals(PodPhase.PENDING, pod.phase());
        assertFalse(pod.initializedCondition().isTrue());
        assertTrue(events("Started", "web-1").isEmpty(), "no container started");
    }

    @Test
    @DisplayName("the back-off is keyed by pod and image: each pod on the node backs off on its own")
    void backOffIsPerPod() {
        ImageRegistry registry = new ImageRegistry(ROUND_TRIP,
                Map.of("web:2.0", ImageRegistry.ImageFault.always(ImageRegistry.PullError.UNAUTHORIZED)));
        run("web-1", container("web:2.0", null), app(), registry);
        sim.runUntil(SimTime.seconds(25));
        run("web-2", container("web:2.0", null), app(), registry);
        sim.runUntil(SimTime.seconds(40));
        List<ClusterEvent> second = messages("web-2", "Failed to pull image");
        List<ClusterEvent> pullingAgain = events("Pulling", "web-2");
        assertEquals(SimTime.seconds(10), pullingAgain.get(1).time() - second.get(0).time(),
                "web-2 starts at the first window, whatever web-1's is");
        assertEquals("Failed to pull image \"web:2.0\": rpc error: code = Unknown desc = failed to pull and unpack image "
                + "\"docker.io/library/web:2.0\": failed to resolve reference \"docker.io/library/web:2.0\": unexpected "
                + "status from HEAD request to https://registry-1.docker.io/v2/library/web/manifests/2.0: 401 Unauthorized",
                second.get(0).message());
    }

    @Test
    @DisplayName("failing pulls still take their turn on the node: with serialized pulls the next pull waits for them (18.4)")
    void failingPullsAreSerialized() {
        ImageRegistry registry = new ImageRegistry(SimTime.seconds(2),
                Map.of("bad:1", ImageRegistry.ImageFault.always(ImageRegistry.PullError.NOT_FOUND)));
        run("bad", container("bad:1", null), app(), registry);
        run("good", container("good:1", null), app(), registry);
        sim.runUntil(SimTime.seconds(10));
        ClusterEvent pulled = events("Pulled", "good").get(0);
        assertEquals("Successfully pulled image \"good:1\" in 3s (5s including waiting)", pulled.message());
    }

    @Test
    @DisplayName("a failure rate fails that share of attempts, drawn from a seeded stream: same seed, same pulls")
    void failureRateIsSeeded() {
        List<Long> first = flakyRun();
        List<Long> second = new ImagePullTest().flakyRun();
        assertEquals(first, second);
    }

    private List<Long> flakyRun() {
        ImageRegistry registry = new ImageRegistry(ROUND_TRIP, Map.of("flaky:1", ImageRegistry.ImageFault.rate(0.5)));
        ApplicationModel crashing = app().withCrashAfter(new DurationDistribution.Constant(SimTime.seconds(1)));
        run("flaky", container("flaky:1", ImagePullPolicy.ALWAYS), crashing, registry);
        sim.runUntil(SimTime.minutes(30));
        List<Long> failures = new ArrayList<>();
        for (ClusterEvent e : messages("flaky", "Failed to pull image")) {
            assertTrue(e.message().endsWith("503 Service Unavailable"), e.message());
            failures.add(e.time());
        }
        int pulls = events("Pulling", "flaky").size();
        assertTrue(failures.size() > pulls / 5 && failures.size() < pulls * 4 / 5,
                failures.size() + " of " + pulls + " attempts failed at a rate of 0.5");
        return failures;
    }
}
