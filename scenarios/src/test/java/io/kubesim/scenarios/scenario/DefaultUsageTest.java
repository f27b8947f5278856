package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.app.ResourceUsage;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.QosClass;
import io.kubesim.metrics.TimeSeries;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.scenarios.SharedFiles;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.SimulationResult;
import io.kubesim.sim.SimulationSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With no {@code usage} in the scenario, kubesim's default working set (half the memory request)
 * never invents a failure: Guaranteed pods (request = limit) and limits-only manifests (request
 * defaulted to the limit, k8s-semantics.md 16.2) run without an OOM kill, and a node packed to its
 * allocatable by requests stays clear of the eviction threshold (4.5).
 */
class DefaultUsageTest {
    private static final long MI = 1L << 20;

    /** Two nodes, each exactly filled by the requests below (4 × 256Mi + 4 × 256Mi = 2Gi). */
    private static final String SCENARIO = """
            apiVersion: kubesim.io/v1alpha1
            kind: Scenario
            metadata:
              name: default-usage
            duration: 30m
            manifests: [apps.yaml]
            cluster:
              nodePools:
                - name: pool
                  count: 2
                  allocatable: {cpu: "4", memory: 1Gi}
            """;

    /** A Guaranteed Deployment (requests = limits) and a limits-only one, 4 replicas of 256Mi each. */
    private static final String APPS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: guaranteed}
            spec:
              replicas: 4
              selector: {matchLabels: {app: guaranteed}}
              template:
                metadata: {labels: {app: guaranteed}}
                spec:
                  containers:
                    - name: app
                      image: app:1
                      resources:
                        requests: {cpu: 250m, memory: 256Mi}
                        limits: {cpu: 250m, memory: 256Mi}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: limits-only}
            spec:
              replicas: 4
              selector: {matchLabels: {app: limits-only}}
              template:
                metadata: {labels: {app: limits-only}}
                spec:
                  containers:
                    - name: app
                      image: app:1
                      resources:
                        limits: {cpu: 250m, memory: 256Mi}
            """;

    @TempDir
    Path dir;

    private ClusterSimulation run(String scenario, String manifests) throws Exception {
        Files.writeString(dir.resolve("apps.yaml"), manifests);
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, scenario);
        SimulationSpec spec = ScenarioLoader.load(file).value();
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(spec.duration());
        return sim;
    }

    @Test
    @DisplayName("4.4, 16.2: Guaranteed and limits-only pods filling their nodes run 30 min with no OOM kill, eviction or restart")
    void guaranteedAndLimitsOnlyRunClean() throws Exception {
        ClusterSimulation sim = run(SCENARIO, APPS);
        SimulationResult.PodCounts pods = sim.result().pods();
        assertEquals(8, pods.scheduled());
        assertEquals(0, pods.oomKilled());
        assertEquals(0, pods.evicted());
        assertEquals(0, pods.restarts());
        assertEquals(0, sim.events().count("OOMKilled") + sim.events().count("Evicted")
                + sim.events().count("SystemOOM"));
        for (Pod p : sim.store().pods().list()) {
            // 16.2: the limits-only pods got request = limit, so both workloads are Guaranteed
            assertEquals(QosClass.GUARANTEED, p.qosClass(), p.name());
            assertTrue(p.readyCondition().isTrue(), p.name() + " ready");
        }
    }

    @Test
    @DisplayName("the default working set is half of each container's memory request, so a packed node keeps half its allocatable")
    void defaultWorkingSetIsHalfTheRequest() throws Exception {
        ClusterSimulation sim = run(SCENARIO, APPS);
        for (String workload : List.of("guaranteed", "limits-only")) {
            TimeSeries ws = sim.result().series().find("workload_memory_working_set_bytes", "workload=" + workload);
            assertEquals(4 * ResourceUsage.defaultWorkingSet(256 * MI), ws.last(), workload);
            assertEquals(4 * 128 * MI, ws.last(), workload);
        }
        for (String node : List.of("pool-1", "pool-2")) {
            TimeSeries pressure = sim.result().series().find("node_memory_pressure", "node=" + node);
            assertEquals(0, pressure.max(), node + " never under MemoryPressure");
        }
    }

    @Test
    @DisplayName("16.2: the Polaris fixture (a bare Pod with limits only, memory as a plain number of bytes) runs clean")
    void polarisLimitsOnlyPod() throws Exception {
        Path fixture = SharedFiles.manifests()
                .map(m -> m.resolve("polaris-fixtures/resource-range-mem-number-pod.yaml"))
                .filter(Files::isRegularFile).orElse(null);
        String text = fixture != null ? Files.readString(fixture) : """
                apiVersion: v1
                kind: Pod
                metadata: {name: nginx}
                spec:
                  containers:
                  - name: nginx
                    image: nginx
                    resources:
                      limits: {memory: 104857600, cpu: 1}
                """;
        ClusterSimulation sim = run(SCENARIO, text);
        assertEquals(1, sim.result().pods().scheduled());
        assertEquals(0, sim.result().pods().oomKilled());
        assertEquals(0, sim.result().pods().restarts());
        Pod nginx = sim.store().pods().list().iterator().next();
        assertEquals(QosClass.GUARANTEED, nginx.qosClass());
        assertTrue(nginx.readyCondition().isTrue());
    }
}
