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
 * and 16.3) and runs with kubesim's default usage without an OOM kill or a restart, its
 * StatefulSet included (k8s-semantics.md 11), its failures a cart still pulling its image when
 * shoppers arrive and the rollouts' missing preStop hooks.
 */
class OpenTelemetryDemoLibraryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    @DisplayName("header: 24 Deployments and the StatefulSet up, 0 OOM kills, restarts or evictions; 898 of 28,961 "
            + "requests fail")
    void headerFigures() throws IOException {
        Path out = tmp.resolve("run");
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("opentelemetry-demo.yaml"), "--out",
                out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("not simulated (yet):") && !r.err().contains("StatefulSet"), r.err());
        assertTrue(java.nio.file.Files.readString(out.resolve("events.jsonl"))
                .contains("create Pod opensearch-0 in StatefulSet opensearch successful"), "the StatefulSet runs");
        assertTrue(r.out().contains("deployment default/frontend") && r.out().contains("rollout at 5m0s took 7.036s"),
                "the console gives a rollout's time to the millisecond: " + r.out());

        JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
        JsonNode pods = s.get("pods");
        assertEquals(0, pods.get("oomKilled").asInt(), pods.toString());
        assertEquals(0, pods.get("restarts").asInt(), pods.toString());
        assertEquals(0, pods.get("evicted").asInt(), pods.toString());
        assertEquals(27, pods.get("scheduled").asInt(), "24 Deployments, opensearch-0 and the two rollouts' surge pods");
        JsonNode deployments = s.get("deployments");
        assertEquals(24, deployments.size());
        for (Map.Entry<String, JsonNode> d : (Iterable<Map.Entry<String, JsonNode>>) deployments::fields) {
            assertEquals(1, d.getValue().get("availableReplicas").asInt(), d.getKey());
        }

        assertEquals(28961, s.get("requests").get("total").asLong());
        assertEquals(898, s.get("requests").get("failed").asLong());
        assertEquals(242, s.get("services").get("default/cart").get("failedByCause").get("connection_refused").asLong());
        assertEquals(560, s.get("services").get("default/cart").get("failedByCause").get("no_endpoints").asLong());
        JsonNode outage = s.get("outages").get(0);
        assertEquals("default/cart", outage.get("service").asText());
        assertEquals(423, outage.get("start").asInt());
        assertEquals(428, outage.get("end").asInt());
    }
}
