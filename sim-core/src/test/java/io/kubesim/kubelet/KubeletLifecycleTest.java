package io.kubesim.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Container;
import io.kubesim.api.LifecycleHandler;
import io.kubesim.api.PodSpec;
import io.kubesim.api.Probe;
import io.kubesim.api.Resources;
import io.kubesim.app.ApplicationCatalog;
import io.kubesim.app.ApplicationModel;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodAdmission;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import io.kubesim.engine.Simulation;
import io.kubesim.metrics.ClusterEvent;
import io.kubesim.metrics.Counters;
import io.kubesim.metrics.EventRecorder;
import io.kubesim.sim.ClusterBootstrap;
import io.kubesim.sim.NodePool;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kubelet's pod lifecycle on one node: start-up and readiness (k8s-semantics.md 4.1) and the
 * termination sequence (4.3). Timings use {@link KubeletConfig#DEFAULT}: the pod worker starts
 * 0.1 s after binding, the sandbox takes 1 s, a container start 0.2 s.
 */
class KubeletLifecycleTest {
    private static final long SYNC = SimTime.millis(100);
    private static final long SANDBOX = SimTime.seconds(1);
    private static final long START = SimTime.millis(200);

    private final Simulation sim = new Simulation(3);
    private final ClusterStore store = new ClusterStore(sim);
    private final EventRecorder events = new EventRecorder(sim, true);

    private Pod run(Container c, ApplicationModel app, long terminationGraceSeconds) {
        return run(List.of(c), List.of(), app, terminationGraceSeconds);
    }

    private Pod run(List<Container> containers, List<Container> initContainers, ApplicationModel app,
                    long terminationGraceSeconds) {
        new ClusterBootstrap(store).addNodes(new NodePool("n", 1, Resources.of(4000, 8L << 30), 110, Map.of(),
                List.of(), List.of()), 1);
        store.sim().runUntil(0);
        new Kubelets(store, events, new Counters(), KubeletConfig.DEFAULT,
                new ApplicationCatalog(store, Map.of(), app)).start();
        PodSpec spec = PodSpec.of(containers);
        spec = new PodSpec(spec.containers(), initContainers, spec.nodeSelector(), spec.affinity(),
                spec.tolerations(), spec.topologySpreadConstraints(), "", null, false, terminationGraceSeconds,
                "n-1", "", "Always", Resources.NONE, false);
        ObjectMeta meta = new ObjectMeta("default", "web-1", store.newUid());
        return new PodAdmission(store).create(new Pod(meta, spec, sim.now()));
    }

    private static ApplicationModel app(long startupSeconds, long shutdownSeconds) {
        return new ApplicationModel(new DurationDistribution.Constant(SimTime.seconds(3)),
                new DurationDistribution.Constant(SimTime.seconds(startupSeconds)),
                new DurationDistribution.Constant(SimTime.seconds(shutdownSeconds)), null,
                DurationDistribution.Constant.ZERO);
    }

    private Optional<ClusterEvent> first(String reason) {
        return events.events().stream().filter(e -> e.reason().equals(reason)).findFirst();
    }

    @Test
    @DisplayName("readiness passes at the first probe tick after the app listens; ticks run every period from the pod sync")
    void readinessFollowsStartup() {
        Probe readiness = new Probe("httpGet :8080/ready", 0, 10, 1, 1, 3, null);
        Container c = new Container("web", "img:1", Resources.of(100, 1 << 26), Resources.NONE, List.of(), null,
                readiness, null, null, false);
        Pod pod = run(c, app(25, 0), 30);
        sim.runUntil(SimTime.minutes(2));
        // Container runs at sync + sandbox + pull(3 s) + start; app listens 25 s later.
        long containerStart = SYNC + SANDBOX + SimTime.seconds(3) + START;
        assertEquals(containerStart, first("Started").orElseThrow().time());
        long listening = containerStart + SimTime.seconds(25);
        // Probe ticks are at SYNC + k×10 s: the first at or after `listening` is SYNC + 30 s.
        long expectedReady = SYNC + SimTime.seconds(30);
        assertTrue(expectedReady >= listening);
        assertTrue(pod.isReady());
        assertEquals(expectedReady, pod.readyCondition().lastTransitionTime());
        assertTrue(events.count("Unhealthy") >= 2, "probes before the app listened failed");
    }

    @Test
    @DisplayName("without a readiness probe the pod is Ready as soon as its container runs, listening or not")
    void noReadinessProbeMeansReadyAtStart() {
        Container c = Container.of("web", "img:1", Resources.of(100, 1 << 26));
        Pod pod = run(c, app(60, 0), 30);
        sim.runUntil(SimTime.seconds(10));
        assertTrue(pod.isReady());
        assertEquals(SYNC + SANDBOX + SimTime.seconds(3) + START, pod.readyCondition().lastTransitionTime());
    }

    @Test
    @DisplayName("preStop sleep 15 within a 30 s grace: SIGTERM at 15 s, the app exits after its 4 s shutdown, pod removed at 19 s")
    void preStopThenGracefulExit() {
        Container c = new Container("web", "img:1", Resources.of(100, 1 << 26), Resources.NONE, List.of(), null, null,
                null, new LifecycleHandler("exec [sleep 15]", 15_000), false);
        Pod pod = run(c, app(1, 4), 30);
        sim.runUntil(SimTime.seconds(60));
        long deletedAt = sim.now();
        store.deletePod(pod, null);
        sim.runUntil(deletedAt + SimTime.seconds(18));
        assertTrue(store.pods().contains(pod), "still terminating at 18 s");
        assertTrue(pod.metadata().isDeleting());
        sim.runUntil(deletedAt + SimTime.seconds(20));
        assertFalse(store.pods().contains(pod));
        assertEquals(0, pod.containerStatus("web").lastExitCode(), "exited on SIGTERM by itself");
        assertEquals(deletedAt, first("Killing").orElseThrow().time());
        assertEquals("Stopping container web", first("Killing").orElseThrow().message());
    }

    @Test
    @DisplayName("4.3: an httpGet preStop takes the application's preStopTime (6 s): SIGTERM then, the app exits 4 s later, pod removed at 10 s")
    void unknownHookTakesPreStopTime() {
        Container c = new Container("web", "img:1", Resources.of(100, 1 << 26), Resources.NONE, List.of(), null, null,
                null, new LifecycleHandler("httpGet /shutdown", -1), false);
        ApplicationModel app = new ApplicationModel(new DurationDistribution.Constant(SimTime.seconds(3)),
                new DurationDistribution.Constant(SimTime.seconds(1)),
                new DurationDistribution.Constant(SimTime.seconds(4)), null,
                new DurationDistribution.Constant(SimTime.seconds(6)));
        Pod pod = run(c, app, 30);
        sim.runUntil(SimTime.seconds(60));
        long deletedAt = sim.now();
        store.deletePod(pod, null);
        sim.runUntil(deletedAt + SimTime.seconds(10) - 1);
        assertTrue(store.pods().contains(pod), "6 s of hook + 4 s of shutdown");
        sim.runUntil(deletedAt + SimTime.seconds(10));
        assertFalse(store.pods().contains(pod));
        assertEquals(0, pod.containerStatus("web").lastExitCode());
    }

    @Test
    @DisplayName("a sidecar with a startup probe holds back the containers after it until the probe passes (KEP-753)")
    void sidecarStartupProbeGatesTheNextContainers() {
        Probe startup = new Probe("httpGet :15021/healthz/ready", 0, 10, 1, 1, 30, null);
        Container mesh = new Container("mesh", "mesh:1", Resources.of(100, 1 << 26), Resources.NONE, List.of(), startup,
                null, null, null, true);
        Container web = Container.of("web", "img:1", Resources.of(100, 1 << 26));
        run(List.of(web), List.of(mesh), app(5, 0), 30);
        sim.runUntil(SimTime.seconds(60));
        List<ClusterEvent> started = events.events().stream().filter(e -> e.reason().equals("Started")).toList();
        assertEquals(List.of("Started container mesh", "Started container web"),
                started.stream().map(ClusterEvent::message).toList());
        long meshStart = SYNC + SANDBOX + SimTime.seconds(3) + START;
        assertEquals(meshStart, started.get(0).time());
        // mesh listens 5 s later (9.3 s); its startup probe ticks at SYNC + k × 10 s and passes at 10.1 s;
        // only then is web's image pulled (3 s) and web started
        assertEquals(SYNC + SimTime.seconds(10) + SimTime.seconds(3) + START, started.get(1).time());
    }

    @Test
    @DisplayName("4.3: sidecars stop after the app container has exited, in reverse order, each after the one declared after it")
    void sidecarsStopLastInReverseOrder() {
        Container app = Container.of("web", "img:1", Resources.of(100, 1 << 26));
        Container first = new Container("mesh", "img:1", Resources.of(100, 1 << 26), Resources.NONE, List.of(), null,
                null, null, null, true);
        Container second = new Container("logs", "img:1", Resources.of(100, 1 << 26), Resources.NONE, List.of(), null,
                null, null, null, true);
        Pod pod = run(List.of(app), List.of(first, second), app(1, 4), 30);
        sim.runUntil(SimTime.seconds(60));
        assertTrue(pod.isReady(), "the app and both sidecars run");
        long deletedAt = sim.now();
        store.deletePod(pod, null);
        sim.runUntil(deletedAt + SimTime.seconds(30));
        List<ClusterEvent> kills = events.events().stream().filter(e -> e.reason().equals("Killing")).toList();
        assertEquals(List.of("Stopping container web", "Stopping container logs", "Stopping container mesh"),
                kills.stream().map(ClusterEvent::message).toList());
        // each exits 4 s after its SIGTERM
        assertEquals(List.of(deletedAt, deletedAt + SimTime.seconds(4), deletedAt + SimTime.seconds(8)),
                kills.stream().map(ClusterEvent::time).toList());
        assertFalse(store.pods().contains(pod), "removed once the last sidecar exited, at 12 s");
    }

    @Test
    @DisplayName("a preStop longer than the grace period is cut off, then SIGKILL follows after the 2 s minimum")
    void preStopLongerThanGrace() {
        Container c = new Container("web", "img:1", Resources.of(100, 1 << 26), Resources.NONE, List.of(), null, null,
                null, new LifecycleHandler("exec [sleep 40]", 40_000), false);
        Pod pod = run(c, app(1, 60), 30);
        sim.runUntil(SimTime.seconds(60));
        long deletedAt = sim.now();
        store.deletePod(pod, null);
        sim.runUntil(deletedAt + SimTime.seconds(31));
        assertTrue(store.pods().contains(pod), "SIGTERM came at 30 s; SIGKILL is 2 s later");
        sim.runUntil(deletedAt + SimTime.seconds(32));
        assertFalse(store.pods().contains(pod));
        assertEquals(137, pod.containerStatus("web").lastExitCode(), "killed by SIGKILL");
    }

    @Test
    @DisplayName("an app slower to shut down than the grace period is SIGKILLed at the deadline")
    void sigkillAtDeadline() {
        Container c = Container.of("web", "img:1", Resources.of(100, 1 << 26));
        Pod pod = run(c, app(1, 45), 10);
        sim.runUntil(SimTime.seconds(60));
        long deletedAt = sim.now();
        store.deletePod(pod, null);
        sim.runUntil(deletedAt + SimTime.seconds(10));
        assertNull(store.pods().get("default", "web-1"));
        assertEquals(137, pod.containerStatus("web").lastExitCode());
    }

    @Test
    @DisplayName("failing liveness probes kill and restart the container; the pod keeps its identity")
    void livenessFailureRestarts() {
        Probe liveness = new Probe("httpGet :8080/healthz", 0, 10, 1, 1, 3, null);
        Container c = new Container("web", "img:1", Resources.of(100, 1 << 26), Resources.NONE, List.of(), null,
                null, liveness, null, false);
        // The app never listens: every liveness probe fails.
        Pod pod = run(c, app(100_000, 0), 30);
        sim.runUntil(SimTime.minutes(2));
        ClusterEvent kill = events.events().stream()
                .filter(e -> e.message().equals("Container web failed liveness probe, will be restarted"))
                .findFirst().orElseThrow();
        // Probes tick at SYNC + k×10 s; the container started at 4.3 s, so ticks at 10.1, 20.1, 30.1 fail.
        assertEquals(SYNC + SimTime.seconds(30), kill.time());
        assertTrue(pod.containerStatus("web").restartCount() >= 1);
        assertTrue(store.pods().contains(pod));
    }
}
