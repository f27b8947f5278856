package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code library/aks-store-demo.yaml}: the upstream AKS Store Demo's order path (store-front →
 * order-service → rabbitmq) works because rabbitmq, a StatefulSet, now has its pod
 * (k8s-semantics.md 11).
 */
class AksStoreDemoLibraryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static JsonNode summary;

    @BeforeAll
    static void run() throws IOException {
        Path out = tmp.resolve("aks");
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("aks-store-demo.yaml"), "--out",
                out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        summary = JSON.readTree(out.resolve("summary.json").toFile());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"order-service", "rabbitmq"})
    @DisplayName("the order path's Services serve requests, none failing for lack of endpoints")
    void orderPathServes(String service) {
        JsonNode s = summary.get("services").get(service);
        assertTrue(s.get("requests").asInt() > 0, s.toString());
        JsonNode causes = s.get("failedByCause");
        assertTrue(causes == null || !causes.has("no_endpoints"), s.toString());
        assertEquals(0, s.get("failed").asInt(), s.toString());
    }

    @Test
    @DisplayName("every order reaches rabbitmq, and both StatefulSets are ready")
    void everyOrderReachesTheQueue() {
        assertEquals(summary.get("services").get("order-service").get("requests"),
                summary.get("services").get("rabbitmq").get("requests"));
        for (String set : new String[] {"StatefulSet/rabbitmq", "StatefulSet/documentdb"}) {
            JsonNode w = summary.get("workloads").get(set);
            assertFalse(w == null, set);
            assertEquals(1, w.get("ready").asInt(), w.toString());
        }
    }
}
