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
    @DisplayName("header: 24 Deployments and the StatefulSet up, 0 OOM kills, restarts or evictions; 1,202 of 28,962 "
            + "requests fail")
    void headerFigures() throws IOException {
        Path out = tmp.resolve("run");
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("opentelemetry-demo.yaml"), "--out",
                out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("not simulated (yet):") && !r.err().contains("StatefulSet"), r.err());
        assertTrue(java.nio.file.Files.readString(out.resolve("events.jsonl"))
                .contains("create Pod opensearch-0 in StatefulSet opensearch successful"), "the StatefulSet runs");
        // the console lists 5 of the 25 workloads (none is below desired, so by name; docs/outputs.md "Console"):
        // cart's rollout shows there, frontend's as its timeline action (9.845s in summary.json)
        assertTrue(r.out().contains("deployment default/cart") && r.out().contains("rollout at 7m0s took 9.53s")
                && r.out().contains("20 more workload(s) in summary.json")
                && r.out().contains("action rollout frontend at 300s: settled after "), r.out());

        JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(9.845, s.get("deployments").get("default/frontend").get("rollouts").get(0).get("seconds").asDouble(),
                0.001);
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

        assertEquals(28962, s.get("requests").get("total").asLong());
        assertEquals(1202, s.get("requests").get("failed").asLong());
        assertEquals(216, s.get("services").get("default/cart").get("failedByCause").get("connection_refused").asLong());
        assertEquals(79, s.get("services").get("default/cart").get("failedByCause").get("connect_timeout").asLong());
        assertEquals(346, s.get("services").get("default/cart").get("failedByCause").get("no_endpoints").asLong());
        JsonNode outage = s.get("outages").get(2);
        assertEquals("default/frontend", outage.get("service").asText(), "the frontend fails with cart until 2m10s");
        assertEquals(120, outage.get("start").asInt());
        assertEquals(129, outage.get("end").asInt());
    }
}
