package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * library/opentelemetry-demo.yaml does what its header says: a large Helm-rendered manifest set,
 * unmodified, loads (nulls, headless Services, UDP ports with targetPort 0, k8s-semantics.md 16.1
 * and 16.3) and runs with kubesim's default usage without an OOM kill or a restart, its only
 * failures the rollouts' missing preStop hooks.
 */
class OpenTelemetryDemoLibraryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    @DisplayName("header: 24 Deployments up, 0 OOM kills, restarts or evictions; 390 of 28,961 requests fail at the rollouts")
    void headerFigures() throws IOException {
        Path out = tmp.resolve("run");
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("opentelemetry-demo.yaml"), "--out",
                out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("not simulated (yet):") && r.err().contains("1 StatefulSet"), r.err());
        assertTrue(r.out().contains("deployment default/frontend") && r.out().contains("rollout at 5m0s took 8.561s"),
                "the console gives a rollout's time to the millisecond: " + r.out());

        JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
        JsonNode pods = s.get("pods");
        assertEquals(0, pods.get("oomKilled").asInt(), pods.toString());
        assertEquals(0, pods.get("restarts").asInt(), pods.toString());
        assertEquals(0, pods.get("evicted").asInt(), pods.toString());
        assertEquals(26, pods.get("scheduled").asInt(), "24 Deployments and the two rollouts' surge pods");
        JsonNode deployments = s.get("deployments");
        assertEquals(24, deployments.size());
        for (Map.Entry<String, JsonNode> d : (Iterable<Map.Entry<String, JsonNode>>) deployments::fields) {
            assertEquals(1, d.getValue().get("availableReplicas").asInt(), d.getKey());
        }

        assertEquals(28961, s.get("requests").get("total").asLong());
        assertEquals(390, s.get("requests").get("failed").asLong());
        assertEquals(87, s.get("services").get("default/cart").get("failedByCause").get("connection_refused").asLong());
        JsonNode outage = s.get("outages").get(0);
        assertEquals("default/frontend", outage.get("service").asText());
        assertEquals(308, outage.get("start").asInt());
        assertEquals(314, outage.get("end").asInt());
    }
}
