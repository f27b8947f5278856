package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.scenarios.Diagnostic;
import io.kubesim.scenarios.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CPU autoscaler over pods whose requests use no CPU cannot follow the traffic: a warning at the HPA. */
class HpaLoadCheckTest {
    @TempDir
    Path dir;

    private List<String> warnings(String applications, String traffic) throws IOException {
        Files.writeString(dir.resolve("m.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: c, image: nginx, resources: {requests: {cpu: 100m}}}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec: {selector: {app: web}, ports: [{port: 80}]}
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: web}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                  minReplicas: 2
                  maxReplicas: 6
                  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}]
                """);
        Files.writeString(dir.resolve("s.yaml"), """
                apiVersion: kubesim.io/v1alpha1
                kind: Scenario
                metadata: {name: hpa}
                duration: 10m
                manifests: [m.yaml]
                cluster:
                  nodePools:
                    - {name: pool, count: 2, allocatable: {cpu: "4", memory: 8Gi}}
                """ + applications + traffic);
        return ScenarioLoader.load(dir.resolve("s.yaml")).warnings().stream().map(Diagnostic::format)
                .map(w -> w.substring(dir.toString().length() + 1)).toList();
    }

    private static final String TRAFFIC = "traffic: [{service: web, arrivals: {constant: 500}}]\n";

    @Test
    @DisplayName("under traffic, with no cpuPerRequest: warned at the HPA, naming the field")
    void warnsWithoutCpuPerRequest() throws IOException {
        assertEquals(List.of("m.yaml:17:1: warning: HorizontalPodAutoscaler web scales Deployment web on CPU, but the"
                + " scenario gives its requests no CPU: its pods' CPU does not follow the traffic, so neither does the"
                + " autoscaler; set applications.web.serving.cpuPerRequest (the CPU time one request uses)"),
                warnings("", TRAFFIC));
    }

    @Test
    @DisplayName("with cpuPerRequest set, or without traffic, nothing to warn about")
    void quietOtherwise() throws IOException {
        assertEquals(List.of(), warnings("applications:\n  web:\n    serving: {cpuPerRequest: 5ms}\n", TRAFFIC));
        assertEquals(List.of(), warnings("", ""));
    }
}
