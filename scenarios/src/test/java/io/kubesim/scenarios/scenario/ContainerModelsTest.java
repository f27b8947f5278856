package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Container;
import io.kubesim.app.ApplicationModel;
import io.kubesim.app.ResourceUsage;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodPhase;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.ClusterEvent;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.SimulationSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code applications.<workload>.containers.<name>}: every container's usage by name (sidecars and
 * second app containers too) and each plain init container's {@code initTime}; the init containers
 * run in order before the app containers, the pod Pending with Initialized=False meanwhile
 * (k8s-semantics.md 16.2 for the pod's containers; sidecars per KEP-753 as in 3.4 and 4.3).
 */
class ContainerModelsTest {
    private static final long MI = 1L << 20;

    /** One pod: init containers migrate, proxy (a sidecar), warm-cache; app containers app, logger. */
    static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 1
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  initContainers:
                    - name: migrate
                      image: web:1
                    - name: proxy
                      image: web:1
                      restartPolicy: Always
                      resources: {requests: {cpu: 100m, memory: 64Mi}}
                    - name: warm-cache
                      image: web:1
                  containers:
                    - name: app
                      image: web:1
                      resources: {requests: {cpu: 200m, memory: 256Mi}}
                    - name: logger
                      image: web:1
                      resources: {requests: {cpu: 50m, memory: 32Mi}}
            """;

    /** Line 13 is the default entry's "proxy:"; lines 19 to 21 are web's "migrate:", "proxy:", "logger:". */
    static final String SCENARIO = """
            apiVersion: kubesim.io/v1alpha1
            kind: Scenario
            metadata:
              name: containers
            duration: 2m
            manifests: [web.yaml]
            cluster:
              nodePools:
                - {name: pool, count: 1, allocatable: {cpu: "4", memory: 8Gi}}
            applications:
              default:
                containers:
                  proxy: {usage: {cpu: 20m, memory: 40Mi}}
              web:
                imagePullTime: 3s
                initTime: 2s
                usage: {memory: 100Mi}
                containers:
                  migrate: {initTime: 7s}
                  proxy: {usage: {memory: 50Mi}}
                  logger: {usage: {memory: 10Mi}}
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void writeManifest() throws Exception {
        Files.writeString(dir.resolve("web.yaml"), WEB);
    }

    private SimulationSpec load(String text) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, text);
        return ScenarioLoader.load(file).value();
    }

    private static Container container(String name) {
        return Container.of(name, "web:1", io.kubesim.api.Resources.NONE);
    }

    @Test
    @DisplayName("each container's usage by name: the serving one over the workload's usage, the others over the built-in default, the workload's entry over the default entry's")
    void usageByContainerName() throws Exception {
        ApplicationModel web = load(SCENARIO).applications().get("web");
        assertEquals(100 * MI, web.usageOf(container("app"), true).memoryBaseline());
        assertEquals(10 * MI, web.usageOf(container("logger"), false).memoryBaseline());
        assertEquals(0, web.usageOf(container("logger"), false).cpuBaseline(), "built-in default cpu");
        ResourceUsage proxy = web.usageOf(container("proxy"), false);
        assertEquals(50 * MI, proxy.memoryBaseline(), "web's own entry");
        assertEquals(0.02, proxy.cpuBaseline(), 1e-12, "from the default entry's proxy");
        assertEquals(ResourceUsage.DEFAULT, web.usageOf(container("migrate"), false), "nothing said: the default");
    }

    @Test
    @DisplayName("initTime: the container's own, else the workload's, else the built-in 1 s")
    void initTimes() throws Exception {
        SimulationSpec spec = load(SCENARIO);
        ApplicationModel web = spec.applications().get("web");
        assertEquals(new DurationDistribution.Constant(SimTime.seconds(7)), web.initTimeOf("migrate"));
        assertEquals(new DurationDistribution.Constant(SimTime.seconds(2)), web.initTimeOf("warm-cache"));
        assertEquals(ApplicationModel.DEFAULT_INIT_TIME, spec.defaultApplication().initTimeOf("migrate"));
        assertEquals(new DurationDistribution.Constant(SimTime.seconds(1)), ApplicationModel.DEFAULT_INIT_TIME);
    }

    @Test
    @DisplayName("init containers run in order, each for its initTime; a sidecar must have started before the next; then the app containers")
    void initContainersRunInOrder() throws Exception {
        SimulationSpec spec = load(SCENARIO);
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(spec.duration());
        List<ClusterEvent> started = sim.events().events().stream()
                .filter(e -> e.reason().equals("Started") && e.object().startsWith("Pod/")).toList();
        assertEquals(List.of("Started container migrate", "Started container proxy", "Started container warm-cache",
                "Started container app", "Started container logger"), started.stream().map(ClusterEvent::message).toList());
        List<String> created = sim.events().events().stream().filter(e -> e.reason().equals("Created"))
                .map(ClusterEvent::message).toList();
        assertEquals(List.of("Created container: migrate", "Created container: proxy", "Created container: warm-cache",
                "Created container: app", "Created container: logger"), created);
        long t0 = started.get(0).time();
        // migrate runs 7 s; the proxy is created and started 0.2 s later (image present); warm-cache
        // begins once the proxy has started, 0.2 s more; it runs 2 s; the app 0.2 s later, and the
        // logger 0.2 s after the app, as SyncPod starts a pod's containers one after the other
        assertEquals(SimTime.millis(7_200), started.get(1).time() - t0);
        assertEquals(SimTime.millis(7_400), started.get(2).time() - t0);
        assertEquals(SimTime.millis(9_600), started.get(3).time() - t0);
        assertEquals(SimTime.millis(9_800), started.get(4).time() - t0);
    }

    @Test
    @DisplayName("while the init containers run, the pod is Pending with Initialized=False; then Running, Initialized and Ready")
    void pendingUntilInitialized() throws Exception {
        SimulationSpec spec = load(SCENARIO);
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(SimTime.seconds(10)); // migrate started at about 4.3 s and runs until 11.3 s
        Pod p = sim.store().pods().list().iterator().next();
        assertEquals(PodPhase.PENDING, p.phase());
        assertFalse(p.initializedCondition().isTrue());
        assertEquals("ContainersNotInitialized", p.initializedCondition().reason());
        assertEquals("containers with incomplete status: [migrate proxy warm-cache]", p.initializedCondition().message());
        assertFalse(p.readyCondition().isTrue());
        sim.run(SimTime.seconds(30));
        assertEquals(PodPhase.RUNNING, p.phase());
        assertTrue(p.initializedCondition().isTrue());
        assertTrue(p.readyCondition().isTrue(), "app, logger and the proxy sidecar are ready");
    }

    @Test
    @DisplayName("the sidecar and the second app container are measured with their own usage: 100Mi + 10Mi + 50Mi")
    void everyContainerIsMeasured() throws Exception {
        SimulationSpec spec = load(SCENARIO);
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(spec.duration());
        double ws = sim.result().series().find("workload_memory_working_set_bytes", "workload=web").last();
        assertEquals(160 * MI, ws);
        double cpu = sim.result().series().find("workload_cpu_usage_cores", "workload=web").last();
        assertEquals(0.02, cpu, 1e-9, "the proxy's 20m");
    }

    @Test
    @DisplayName("without containers entries, every container has the default working set: half its request")
    void defaultsPerContainer() throws Exception {
        SimulationSpec spec = load(SCENARIO.substring(0, SCENARIO.indexOf("applications:")));
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(spec.duration());
        double ws = sim.result().series().find("workload_memory_working_set_bytes", "workload=web").last();
        assertEquals((256 + 32 + 64) * MI / 2, ws);
        assertEquals(0, sim.result().pods().oomKilled());
    }

    static Stream<Arguments> badEntries() {
        return Stream.of(
                Arguments.of("unknown container of the workload", "logger:", "loger:", 21, 7,
                        "the workload has no container named \"loger\": did you mean \"logger\"?"),
                Arguments.of("unknown container in the default entry", "proxy: {usage: {cpu: 20m",
                        "envoy: {usage: {cpu: 20m", 13, 7, "no workload in the manifests has a container named \"envoy\""),
                Arguments.of("initTime on an app container", "logger: {usage: {memory: 10Mi}}",
                        "logger: {initTime: 3s}", 21, 16,
                        "initTime is how long a plain init container runs; \"logger\" is an app container"),
                Arguments.of("initTime on a sidecar", "proxy: {usage: {memory: 50Mi}}", "proxy: {initTime: 3s}", 20, 15,
                        "\"proxy\" is a sidecar (restartable init container)"),
                Arguments.of("unknown field of a container entry", "migrate: {initTime: 7s}", "migrate: {initTme: 7s}",
                        19, 17, "unknown field \"initTme\" in ApplicationContainer: did you mean \"initTime\"?"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEntries")
    @DisplayName("a bad containers entry is one located error")
    void locatedErrors(String name, String from, String to, int line, int column, String message) {
        assertTrue(SCENARIO.contains(from), from);
        InputException e = assertThrows(InputException.class, () -> load(SCENARIO.replace(from, to)));
        assertEquals(line, e.location().line(), e.format());
        assertEquals(column, e.location().column(), e.format());
        assertTrue(e.getMessage().contains(message), e.format());
    }
}
