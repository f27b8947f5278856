package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code library/resource-quota.yaml} as its comment tells it (k8s-semantics.md 15.1, 2.8): the
 * namespace's quota holds an HPA scale-up at 8 pods, the ReplicaSet's refused creates are
 * FailedCreate events with the API server's message, retried with a doubling back-off, and the
 * same run without the quota gets the pods and serves its load.
 */
class ResourceQuotaLibraryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REFUSAL = " is forbidden: exceeded quota: shop-compute, requested: requests.cpu=250m, "
            + "used: requests.cpu=2, limited: requests.cpu=2";

    @TempDir
    static Path tmp;
    static Path capped;
    static JsonNode summary;
    static JsonNode unquotaed;

    @BeforeAll
    static void run() throws IOException {
        capped = run(CliHarness.library("resource-quota.yaml"), "capped");
        summary = JSON.readTree(capped.resolve("summary.json").toFile());
        // The same scenario and manifests without the ResourceQuota document.
        Path copy = tmp.resolve("no-quota");
        Files.createDirectories(copy.resolve("manifests"));
        Files.copy(Path.of(CliHarness.library("resource-quota.yaml")), copy.resolve("resource-quota.yaml"));
        String manifests = Files.readString(Path.of(CliHarness.library("manifests/checkout-quota.yaml")));
        List<String> docs = new ArrayList<>();
        for (String doc : manifests.split("---\n")) {
            if (!doc.contains("kind: ResourceQuota")) {
                docs.add(doc);
            }
        }
        Files.writeString(copy.resolve("manifests/checkout-quota.yaml"), String.join("---\n", docs));
        unquotaed = JSON.readTree(run(copy.resolve("resource-quota.yaml").toString(), "free")
                .resolve("summary.json").toFile());
    }

    private static Path run(String scenario, String dir) {
        Path out = tmp.resolve(dir);
        CliHarness.Result r = CliHarness.run("run", scenario, "--out", out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }

    @Test
    @DisplayName("the HPA asks for 16 pods, the quota (2 CPUs of requests = 8 x 250m) holds the Deployment at 8")
    void quotaCapsTheScaleUp() {
        assertEquals(16, summary.at("/hpas/checkout/maxReplicasObserved").asInt());
        assertEquals(16, summary.at("/deployments/checkout/desiredReplicas").asInt());
        assertEquals(8, summary.at("/deployments/checkout/maxPodsObserved").asInt());
        JsonNode q = summary.at("/resourceQuotas/shop-compute");
        assertEquals("2", q.at("/hard/requests.cpu").asText());
        assertEquals("2", q.at("/used/requests.cpu").asText());
        assertEquals("8", q.at("/used/pods").asText());
        assertEquals("2Gi", q.at("/used/requests.memory").asText());
        assertEquals("4Gi", q.at("/hard/requests.memory").asText());
        assertEquals(26, q.get("podsRefused").asInt());
    }

    @Test
    @DisplayName("26 FailedCreate events from 465 s, worded as upstream, retried 5 ms, 10 ms, 20 ms ... apart")
    void refusalsAreFailedCreateEvents() throws IOException {
        List<JsonNode> failed = CliHarness.events(capped, "FailedCreate");
        assertEquals(26, failed.size());
        assertEquals(465, failed.get(0).get("time").asDouble());
        for (JsonNode e : failed) {
            assertEquals("Warning", e.get("type").asText());
            assertEquals("ReplicaSet/shop/checkout-54bf4bd9db", e.get("object").asText());
            String m = e.get("message").asText();
            assertTrue(m.startsWith("Error creating: pods \"checkout-54bf4bd9db-") && m.endsWith("\"" + REFUSAL), m);
        }
        // After the first sync and the one its ReplicaFailure status triggers, retries double.
        assertEquals(465.01, failed.get(2).get("time").asDouble());
        assertEquals(505.95, failed.get(13).get("time").asDouble());
    }

    @Test
    @DisplayName("the 8 capped pods run hot: 32,489 of 284,152 requests fail, p99 1769.5 ms; without the quota 421, "
            + "p99 118.8 ms")
    void theCapCostsRequests() {
        assertEquals(284_152, summary.at("/requests/total").asLong());
        assertEquals(32_489, summary.at("/requests/failed").asLong());
        assertEquals(24_122, summary.at("/requests/byCause/timeout").asLong());
        assertEquals(7_946, summary.at("/requests/byCause/queue_full").asLong());
        assertEquals(421, summary.at("/requests/byCause/no_endpoints").asLong());
        assertEquals(1769.47, summary.at("/services/checkout/p99Ms").asDouble());
        assertEquals(16, unquotaed.at("/deployments/checkout/maxPodsObserved").asInt());
        assertEquals(421, unquotaed.at("/requests/failed").asLong());
        assertEquals(118.8, unquotaed.at("/services/checkout/p99Ms").asDouble(), 0.05);
        assertTrue(unquotaed.get("resourceQuotas") == null, "no quota, no section");
    }
}
