package io.kubesim.scenarios.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.traffic.TrafficMode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code auto} keeps the exact mode, the reference, while the run's requests (the entry points'
 * rates over the scenario's duration, times one plus the calls each causes) would cost it at most
 * {@link TrafficMode#AUTO_BUDGET_SECONDS}, and takes the fluid mode beyond that where it costs
 * less: per Service reached and step, its steady replicas served as one.
 */
class AutoTrafficModeTest {
    @TempDir
    Path dir;

    private TrafficMode auto(int webReplicas, int apiReplicas, int rate, boolean webCallsApi) throws Exception {
        // a negative count: one replica written and an HPA with that many as minReplicas
        String manifests = workload("web", Math.max(1, webReplicas)) + "---\n" + workload("api", apiReplicas)
                + "---\n" + workload("unrelated", 5000)
                + (webReplicas < 0 ? "---\n" + hpa("web", -webReplicas) : "");
        Files.writeString(dir.resolve("apps.yaml"), manifests);
        String calls = webCallsApi ? "      calls: [{service: api}]\n" : "";
        Files.writeString(dir.resolve("s.yaml"), """
                apiVersion: kubesim.io/v1alpha1
                kind: Scenario
                metadata: {name: auto}
                duration: 1m
                manifests: [apps.yaml]
                cluster:
                  nodePools: [{name: p, count: 1, allocatable: {cpu: "4", memory: 16Gi}}]
                applications:
                  web:
                    serving:
                %s
                traffic:
                  - {service: web, arrivals: {constant: %d}}
                """.formatted(calls.isEmpty() ? "      concurrency: 16" : calls, rate));
        return ClusterSimulation.chooseTrafficMode(ScenarioLoader.load(dir.resolve("s.yaml")).value());
    }

    private static String hpa(String target, int minReplicas) {
        return """
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: %1$s}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: %1$s}
                  minReplicas: %2$d
                  maxReplicas: %3$d
                  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 65}}}]
                """.formatted(target, minReplicas, minReplicas * 2);
    }

    private static String workload(String name, int replicas) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %1$s}
                spec:
                  replicas: %2$d
                  selector: {matchLabels: {app: %1$s}}
                  template:
                    metadata: {labels: {app: %1$s}}
                    spec:
                      containers: [{name: %1$s, image: "%1$s:1", resources: {requests: {cpu: 10m, memory: 16Mi}}}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: %1$s}
                spec:
                  selector: {app: %1$s}
                  ports: [{port: 80}]
                """.formatted(name, replicas);
    }

    @ParameterizedTest(name = "web {0} pods (negative: HPA floor), api {1}, {2} req/s, web calls api: {3} -> {4}")
    @DisplayName("fluid only where exact mode would spend more than the budget on the requests, whatever the pods")
    @CsvSource({
            "10,   10,   1500,   false, EXACT",   // 90,000 requests in the minute: 0.09 s exact
            "10,   10,   200000, false, FLUID",   // 12 million: 12 s exact, over the budget
            "10,   10,   150000, false, EXACT",   // 9 million: 9 s exact
            "10,   10,   150000, true,  FLUID",   // twice as many with the calls to api: 18 s
            "1000, 200,  150000, true,  FLUID",   // the pods do not count: a Service's steady pods step as one
            "-100, 10,   200000, false, FLUID",   // nor does an HPA's floor
    })
    void cheaperMode(int web, int api, int rate, boolean calls, TrafficMode expected) throws Exception {
        assertEquals(expected, auto(web, api, rate, calls));
    }
}
