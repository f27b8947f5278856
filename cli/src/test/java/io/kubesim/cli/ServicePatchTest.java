package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hand-made blue-green (issue 16's {@code patch}): two Deployments, blue and green, behind one
 * Service; at 2m its selector is patched from blue to green. Traffic follows once the
 * EndpointSlices and kube-proxy have caught up (k8s-semantics.md 5), and nothing fails: both
 * versions keep running.
 */
class ServicePatchTest {
    @TempDir
    Path tmp;

    private static String deployment(String color) {
        return String.join("\n",
                "apiVersion: apps/v1", "kind: Deployment", "metadata: {name: web-" + color + "}",
                "spec:", "  replicas: 2", "  selector: {matchLabels: {app: web, version: " + color + "}}",
                "  template:", "    metadata: {labels: {app: web, version: " + color + "}}",
                "    spec:", "      containers:", "        - name: web", "          image: registry.example.com/web:"
                        + color,
                "          ports: [{containerPort: 8080}]", "          readinessProbe: {httpGet: {path: /, port: 8080}}",
                "");
    }

    @Test
    @DisplayName("patching the Service's selector from blue to green moves the traffic within seconds, with no failure")
    void blueToGreen() throws IOException {
        Files.writeString(tmp.resolve("web.yaml"), deployment("blue") + "---\n" + deployment("green") + "---\n"
                + String.join("\n", "apiVersion: v1", "kind: Service", "metadata: {name: web}",
                "spec: {selector: {app: web, version: blue}, ports: [{port: 80, targetPort: 8080}]}", ""));
        Path scenario = tmp.resolve("s.yaml");
        Files.writeString(scenario, String.join("\n",
                "apiVersion: kubesim.io/v1alpha1", "kind: Scenario", "metadata: {name: blue-green-by-hand}",
                "duration: 6m", "manifests: [web.yaml]",
                "cluster: {nodePools: [{name: p, count: 2, allocatable: {cpu: \"4\", memory: 16Gi}}]}",
                "traffic: [{service: web, startAt: 1m, arrivals: {constant: 100}}]",
                "timeline:", "  - at: 2m", "    patch: {service: web, selector: {app: web, version: green}}", ""));
        Path out = tmp.resolve("run");
        CliHarness.Result r = CliHarness.run("run", scenario.toString(), "--out", out.toString(), "-q");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(0, s.at("/requests/failed").asLong(), "both versions run throughout");
        long blue = sum(s.at("/workloads/Deployment~1web-blue/pods"));
        long green = sum(s.at("/workloads/Deployment~1web-green/pods"));
        assertEquals(s.at("/services/web/requests").asLong(), blue + green);
        // Blue serves from 1m to 2m plus the propagation (EndpointSlice 0.1-1 s, kube-proxy 1-2 s): a
        // fifth of the 5 minutes of traffic and a little more.
        double blueShare = (double) blue / (blue + green);
        assertTrue(blueShare > 0.200 && blueShare < 0.215, "blue's share: " + blueShare);
        assertEquals("patch", s.at("/actions/0/kind").asText());
        assertEquals("service/web", s.at("/actions/0/target").asText());
    }

    private static long sum(JsonNode pods) {
        long n = 0;
        for (JsonNode p : (Iterable<JsonNode>) pods::elements) {
            n += p.get("requests").asLong();
        }
        return n;
    }
}
