package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.metrics.TimeSeries;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.SimulationSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * k8s-semantics.md 1.3 (calculatePodRequestsFromContainers): a pod's request for a Resource
 * metric sums its app containers and its sidecars (restartable init containers), and a
 * ContainerResource metric may name a sidecar. Each pod: app (200m requested, using 200m) and a
 * proxy sidecar (200m requested, using 100m).
 */
class SidecarHpaTest {
    private static final String MANIFESTS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: %1$s}
            spec:
              replicas: 2
              selector: {matchLabels: {app: %1$s}}
              template:
                metadata: {labels: {app: %1$s}}
                spec:
                  initContainers:
                    - name: proxy
                      image: proxy:1
                      restartPolicy: Always
                      resources: {requests: {cpu: 200m, memory: 64Mi}}
                  containers:
                    - name: app
                      image: app:1
                      resources: {requests: {cpu: 200m, memory: 256Mi}}
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: %1$s}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: %1$s}
              minReplicas: 2
              maxReplicas: 10
              metrics:
            %2$s
            ---
            """;

    private static final String POD_CPU = """
                - type: Resource
                  resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}
            """;

    private static final String PROXY_CPU = """
                - type: ContainerResource
                  containerResource: {name: cpu, container: proxy, target: {type: Utilization, averageUtilization: 80}}
            """;

    private static final String SCENARIO = """
            apiVersion: kubesim.io/v1alpha1
            kind: Scenario
            metadata: {name: sidecar-hpa}
            duration: 10m
            manifests: [apps.yaml]
            cluster:
              nodePools:
                - {name: pool, count: 2, allocatable: {cpu: "8", memory: 16Gi}}
            applications:
              default:
                usage: {cpu: 200m}
                containers:
                  proxy: {usage: {cpu: 100m}}
            """;

    private static ClusterSimulation sim;

    @BeforeAll
    static void run(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("apps.yaml"), MANIFESTS.formatted("whole-pod", POD_CPU)
                + MANIFESTS.formatted("proxy-only", PROXY_CPU));
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, SCENARIO);
        SimulationSpec spec = ScenarioLoader.load(file).value();
        sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(spec.duration());
    }

    private static TimeSeries series(String name, String hpa) {
        return sim.result().series().find(name, "hpa=" + hpa);
    }

    @Test
    @DisplayName("1.3: Resource cpu counts the sidecar's request: (200m + 100m) × 100 / (200m + 200m) = 75 %, within tolerance of 80 %")
    void podRequestsIncludeSidecars() {
        TimeSeries utilization = series("hpa_current_cpu_utilization", "whole-pod");
        assertEquals(75, utilization.last());
        assertEquals(75, utilization.max(), "without the sidecar's request it would read 150 % and scale up");
        assertEquals(2, series("hpa_desired_replicas", "whole-pod").max());
    }

    @Test
    @DisplayName("hpa_target_cpu_utilization: the target beside each sample of what the HPA saw (report.html draws both)")
    void targetBesideWhatWasSeen() {
        TimeSeries seen = series("hpa_current_cpu_utilization", "whole-pod");
        TimeSeries target = series("hpa_target_cpu_utilization", "whole-pod");
        assertEquals(seen.size(), target.size());
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(seen.timeAt(i), target.timeAt(i));
        }
        assertEquals(80, target.min());
        assertEquals(80, target.max());
    }

    @Test
    @DisplayName("1.3: a ContainerResource metric naming the sidecar reads only the sidecar: 100m × 100 / 200m = 50 %")
    void containerResourceMayNameASidecar() {
        TimeSeries utilization = series("hpa_current_cpu_utilization", "proxy-only");
        assertEquals(50, utilization.last());
        assertEquals(2, series("hpa_desired_replicas", "proxy-only").max(), "50 % of 80 %: stays at minReplicas");
    }
}
