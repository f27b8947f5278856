package io.kubesim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Container;
import io.kubesim.api.DeploymentStrategy;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodSpec;
import io.kubesim.api.PodTemplate;
import io.kubesim.api.Resources;
import io.kubesim.api.ServicePort;
import io.kubesim.app.ApplicationModel;
import io.kubesim.app.ContainerModel;
import io.kubesim.app.ResourceUsage;
import io.kubesim.app.ServingModel;
import io.kubesim.app.UsageOverride;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodPhase;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import io.kubesim.kubelet.EvictionConfig;
import io.kubesim.metrics.ClusterEvent;
import io.kubesim.traffic.ArrivalSpec;
import io.kubesim.traffic.EntryPoint;
import io.kubesim.traffic.NetworkSpec;
import io.kubesim.traffic.RateSeries;
import io.kubesim.traffic.ServiceTraffic;
import io.kubesim.traffic.TrafficMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Usage and what follows from it, end to end: CPU throttling at the limit slows requests (in both
 * traffic modes), memory over the limit OOM-kills the container and it restarts, the node's OOM
 * killer picks by oom_score_adj (k8s-semantics.md 4.4), and a kubelet eviction leaves the pod
 * Failed with reason Evicted while its ReplicaSet replaces it (4.5).
 */
class ResourcePressureTest {
    private static final long MI = 1L << 20;

    private static Manifest.DeploymentManifest deployment(String name, int replicas, Resources requests,
                                                          Resources limits) {
        Container c = new Container(name, name + ":1", requests, limits, List.of(), null, null, null, null, false);
        PodTemplate t = new PodTemplate(Map.of("app", name), Map.of(), PodSpec.of(List.of(c)));
        return new Manifest.DeploymentManifest("default", name, Map.of(), Map.of(),
                LabelSelector.of(Map.of("app", name)), t, replicas, DeploymentStrategy.DEFAULT_ROLLING, 0, 10, 600,
                false, Manifest.Origin.UNKNOWN);
    }

    private static Manifest.ServiceManifest service(String name) {
        return new Manifest.ServiceManifest("default", name, Map.of(), Map.of("app", name),
                List.of(new ServicePort("http", 80, "8080", "TCP", 0)), "ClusterIP", false, false,
                Manifest.Origin.UNKNOWN);
    }

    private static ApplicationModel app(ServingModel serving, ResourceUsage usage) {
        return new ApplicationModel(new DurationDistribution.Constant(SimTime.seconds(1)),
                new DurationDistribution.Constant(SimTime.seconds(2)), DurationDistribution.Constant.ZERO, null,
                DurationDistribution.Constant.ZERO, serving, usage);
    }

    private static ClusterSimulation run(NodePool pool, List<Manifest> manifests, Map<String, ApplicationModel> apps,
                                         List<EntryPoint> traffic, long duration, TrafficMode mode) {
        return run(pool, manifests, apps, traffic, duration, mode, List.of());
    }

    private static ClusterSimulation run(NodePool pool, List<Manifest> manifests, Map<String, ApplicationModel> apps,
                                         List<EntryPoint> traffic, long duration, TrafficMode mode,
                                         List<TimelineAction> timeline) {
        SimulationSpec spec = new SimulationSpec("pressure", 5, duration, SimTime.seconds(1), List.of(pool), manifests,
                apps, ApplicationModel.DEFAULT, timeline).withTraffic(traffic, NetworkSpec.DEFAULT);
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY.withTrafficMode(mode));
        sim.run(duration);
        return sim;
    }

    private static EntryPoint constant(String service, double rate) {
        return new EntryPoint(service, service, false, new ArrivalSpec.Rate(
                new RateSeries(new long[]{0, SimTime.seconds(20)}, new double[]{0, rate}), true));
    }

    /** One pod serving 100 req/s that each need 8 ms of CPU (0.8 cores), with a CPU limit. */
    private static ServiceTraffic throttled(long cpuLimitMillis, TrafficMode mode) {
        ServingModel serving = new ServingModel(64, 1000, new DurationDistribution.Constant(SimTime.millis(10)),
                SimTime.seconds(5), 0, 1.0, true, List.of(), SimTime.millis(8), 0);
        NodePool pool = new NodePool("n", 1, Resources.of(8000, 16384 * MI), 110, Map.of(), List.of(), List.of());
        ClusterSimulation sim = run(pool, List.of(service("api"),
                        deployment("api", 1, Resources.of(250, 256 * MI), Resources.of(cpuLimitMillis, 512 * MI))),
                Map.of("api", app(serving, ResourceUsage.DEFAULT)), List.of(constant("api", 100)),
                SimTime.minutes(2), mode);
        return sim.result().traffic().get(0);
    }

    @Test
    @DisplayName("CPU demand near the limit (0.8 of 1 core) slows requests; far below a 4-core limit they run at full speed")
    void throttlingSlowsRequests() {
        for (TrafficMode mode : TrafficMode.values()) {
            ServiceTraffic tight = throttled(1000, mode);
            ServiceTraffic roomy = throttled(4000, mode);
            double tightP50 = tight.latencyPercentile(50) / 1000.0;
            double roomyP50 = roomy.latencyPercentile(50) / 1000.0;
            assertTrue(roomyP50 < 11, mode + ": 10 ms service time unslowed, got " + roomyP50);
            // 8 of the 10 ms are CPU; one core at ρ = 0.8 stretches them by 1 / (1 − 0.8) = 5: 2 + 40 = 42 ms
            assertTrue(tightP50 > 30 && tightP50 < 55, mode + ": about 42 ms expected, got " + tightP50);
            assertEquals(0, tight.failed(), mode + ": slow but within the timeout");
        }
    }

    @Test
    @DisplayName("CPU demand above the limit (0.8 cores on 500m): the pod cannot keep up and requests fail")
    void demandAboveTheLimitFails() {
        for (TrafficMode mode : TrafficMode.values()) {
            ServiceTraffic t = throttled(500, mode);
            assertTrue(t.failed() > t.requests() * 0.2, mode + ": " + t.failed() + " of " + t.requests());
        }
    }

    @Test
    @DisplayName("a container whose working set reaches its memory limit is OOMKilled and restarted, with back-off")
    void memoryLimitOomKills() {
        ResourceUsage leak = new ResourceUsage(0, 100 * MI, 100.0 * MI / 60, null); // 100Mi a minute
        NodePool pool = new NodePool("n", 1, Resources.of(4000, 8192 * MI), 110, Map.of(), List.of(), List.of());
        ClusterSimulation sim = run(pool, List.of(deployment("leaky", 1, Resources.of(100, 128 * MI),
                Resources.of(0, 256 * MI))), Map.of("leaky", app(ServingModel.DEFAULT, leak)), List.of(),
                SimTime.minutes(10), null);
        List<ClusterEvent> kills = sim.events().events().stream().filter(e -> e.reason().equals("OOMKilled")).toList();
        assertTrue(kills.size() >= 3, "156Mi of growth to the limit takes about 94 s: " + kills.size());
        // started at 0.1 + 1 (sandbox) + 1 (pull) + 0.2 = 2.3 s; reaches 256Mi 93.6 s later
        assertEquals(2.3 + 93.6, SimTime.toSeconds(kills.get(0).time()), 0.2);
        assertEquals(kills.size(), sim.result().pods().oomKilled());
        assertTrue(sim.events().count("BackOff") >= 1, "later restarts wait in CrashLoopBackOff");
        Pod p = sim.store().pods().list().iterator().next();
        assertEquals("OOMKilled", p.containerStatuses().get(0).lastTerminationReason());
    }

    @Test
    @DisplayName("4.4: when the node runs out of memory (no eviction thresholds), the OOM killer takes the BestEffort pod before a Burstable one within its request")
    void nodeOomKillerPrefersBestEffort() {
        EvictionConfig none = new EvictionConfig(null, null, 0, EvictionConfig.DEFAULT_TRANSITION, 0, 0);
        NodePool pool = new NodePool("n", 1, Resources.of(4000, 2048 * MI), 110, Map.of(), List.of(), List.of(),
                null, none);
        Map<String, ApplicationModel> apps = new LinkedHashMap<>();
        // Burstable, request 2000Mi (adj 1000 − 1000 × 2000/2048 = 24), grows from 1500Mi by 20Mi/s
        apps.put("db", app(ServingModel.DEFAULT, new ResourceUsage(0, 1500 * MI, 20.0 * MI, null)));
        // BestEffort (adj 1000), a steady 200Mi
        apps.put("batch", app(ServingModel.DEFAULT, new ResourceUsage(0, 200 * MI, 0, null)));
        ClusterSimulation sim = run(pool, List.of(deployment("db", 1, Resources.of(100, 2000 * MI), Resources.NONE),
                deployment("batch", 1, Resources.NONE, Resources.NONE)), apps, List.of(), SimTime.seconds(40), null);
        List<ClusterEvent> kills = sim.events().events().stream().filter(e -> e.reason().equals("OOMKilled")).toList();
        assertTrue(sim.events().count("SystemOOM") >= 1);
        // at the OOM: db 1848Mi → 902 + 24 = 926; batch 200Mi → 98 + 1000 = 1098
        assertTrue(kills.get(0).object().contains("/batch-"), "BestEffort first: " + kills.get(0));
        // db starts at 2.3 s and fills the node (2048 − 200 − 1500 = 348Mi) 17.4 s later
        assertEquals(2.3 + 17.4, SimTime.toSeconds(kills.get(0).time()), 0.2);
    }

    @Test
    @DisplayName("4.4: the OOM killer scores each container by its own request: of two containers using the same, the one requesting 100Mi (976) dies before the one requesting 900Mi (781)")
    void nodeOomKillerScoresPerContainer() {
        EvictionConfig none = new EvictionConfig(null, null, 0, EvictionConfig.DEFAULT_TRANSITION, 0, 0);
        NodePool pool = new NodePool("n", 1, Resources.of(4000, 4096 * MI), 110, Map.of(), List.of(), List.of(),
                null, none);
        Container large = new Container("large", "two:1", Resources.of(100, 900 * MI), Resources.NONE, List.of(), null,
                null, null, null, false);
        Container small = new Container("small", "two:1", Resources.of(100, 100 * MI), Resources.NONE, List.of(), null,
                null, null, null, false);
        PodTemplate t = new PodTemplate(Map.of("app", "two"), Map.of(), PodSpec.of(List.of(large, small)));
        Manifest.DeploymentManifest two = new Manifest.DeploymentManifest("default", "two", Map.of(), Map.of(),
                LabelSelector.of(Map.of("app", "two")), t, 1, DeploymentStrategy.DEFAULT_ROLLING, 0, 10, 600, false,
                Manifest.Origin.UNKNOWN);
        // each container holds 2100Mi: together more than the node's 4096Mi
        ContainerModel uses = new ContainerModel(new UsageOverride(null, 2100 * MI, null, null), null);
        ApplicationModel app = app(ServingModel.DEFAULT, ResourceUsage.DEFAULT)
                .withContainers(Map.of("large", uses, "small", uses));
        ClusterSimulation sim = run(pool, List.of(two), Map.of("two", app), List.of(), SimTime.seconds(30), null);
        ClusterEvent first = sim.events().events().stream().filter(e -> e.reason().equals("SystemOOM")).findFirst()
                .orElseThrow();
        // badness = 2100/4096 × 1000 + adj: small 512.7 + 976 > large 512.7 + 781 (by the pod's total
        // request both would score 756 and the first listed, large, would go)
        assertEquals("System OOM encountered, victim process: small", first.message());
    }

    @Test
    @DisplayName("4.5: an evicted pod stays Failed with reason Evicted and a TerminationByKubelet DisruptionTarget; its ReplicaSet replaces it")
    void evictedPodIsFailedAndReplaced() {
        NodePool pool = new NodePool("n", 2, Resources.of(4000, 2048 * MI), 110, Map.of(), List.of(), List.of());
        ResourceUsage hog = new ResourceUsage(0, 2100 * MI, 0, null);
        ClusterSimulation sim = run(pool, List.of(deployment("hog", 1, Resources.of(100, 512 * MI), Resources.NONE)),
                Map.of("hog", app(ServingModel.DEFAULT, hog)), List.of(), SimTime.minutes(1), null);
        List<Pod> failed = new ArrayList<>();
        List<Pod> active = new ArrayList<>();
        for (Pod p : sim.store().pods().list()) {
            (p.phase() == PodPhase.FAILED ? failed : active).add(p);
        }
        assertTrue(failed.size() >= 1, "evicted at the first housekeeping after it started");
        Pod evicted = failed.get(0);
        assertEquals("Evicted", evicted.reason());
        assertTrue(evicted.message().startsWith("The node was low on resource: memory."), evicted.message());
        assertEquals("TerminationByKubelet", evicted.disruptionTarget().reason());
        assertTrue(active.size() == 1, "the ReplicaSet made a replacement: " + active.size());
        assertTrue(!active.get(0).nodeName().equals(evicted.nodeName()) || !active.get(0).isBound(),
                "the replacement avoids the node with the memory-pressure taint");
    }

    @Test
    @DisplayName("a memory burst that takes the container over its limit OOM-kills it the instant the burst starts")
    void memoryBurstOomKillsAtItsStart() {
        ResourceUsage bursty = new ResourceUsage(0, 200 * MI,  0,
                new ResourceUsage.Burst(SimTime.seconds(95), SimTime.minutes(5), SimTime.seconds(30), 0, 100 * MI));
        NodePool pool = new NodePool("n", 1, Resources.of(4000, 8192 * MI), 110, Map.of(), List.of(), List.of());
        ClusterSimulation sim = run(pool, List.of(deployment("report", 1, Resources.of(100, 128 * MI),
                Resources.of(0, 256 * MI))), Map.of("report", app(ServingModel.DEFAULT, bursty)), List.of(),
                SimTime.minutes(4), null);
        List<ClusterEvent> kills = sim.events().events().stream().filter(e -> e.reason().equals("OOMKilled")).toList();
        assertTrue(kills.size() >= 1, "200Mi + 100Mi > 256Mi");
        assertEquals(SimTime.seconds(95), kills.get(0).time(), "between two housekeeping passes, at the burst");
        assertTrue(kills.size() <= 3, "the restarted container is killed again only while the burst lasts");
    }

    @Test
    @DisplayName("a node under memory pressure that fails reports nothing more; back up, it starts without pressure or its taint")
    void pressureEndsWithTheMachine() {
        NodePool pool = new NodePool("n", 1, Resources.of(4000, 2048 * MI), 110, Map.of(), List.of(), List.of());
        // 2100Mi of 2148Mi capacity: 48Mi available, under the 100Mi hard threshold at the first pass (10 s)
        ResourceUsage hog = new ResourceUsage(0, 2100 * MI, 0, null);
        ClusterSimulation sim = run(pool, List.of(deployment("hog", 1, Resources.of(100, 256 * MI), Resources.NONE)),
                Map.of("hog", app(ServingModel.DEFAULT, hog)), List.of(), SimTime.seconds(101), null,
                List.of(new TimelineAction.FailNodes(SimTime.seconds(35), "", 0, List.of("n-1")),
                        new TimelineAction.RecoverNodes(SimTime.seconds(100), List.of("n-1"), "")));
        io.kubesim.kubelet.ResourceMonitor.NodeStats stats = sim.result().nodes().byNode().get(0);
        assertEquals(1, stats.evictions());
        assertEquals(25, stats.memoryPressureSeconds(), 1e-9, "from the first pass (10 s) until the machine went down (35 s)");
        assertTrue(sim.store().nodes().get("n-1").taints().stream()
                .noneMatch(t -> t.key().equals(io.kubesim.cluster.Node.TAINT_MEMORY_PRESSURE)), "the taint goes with the reboot");
        assertEquals(1, sim.events().count("NodeHasInsufficientMemory"));
        assertEquals(0, sim.events().count("NodeHasSufficientMemory"), "a dead kubelet posts nothing");
    }
}
