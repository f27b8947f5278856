package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * summary.json alone tells {@code node-failure.yaml} from {@code node-failure-short-toleration.yaml}:
 * payments is below its desired count from the node going NotReady until the replacements of its
 * evicted pods are available, and the replacements come tolerationSeconds after the NoExecute
 * taint (k8s-semantics.md 7: 300 s by DefaultTolerationSeconds, 30 s in the short variant).
 */
class BelowDesiredLibraryPairTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private static JsonNode summary(String scenario) throws IOException {
        Path out = tmp.resolve(scenario);
        CliHarness.Result r = CliHarness.run("run", CliHarness.library(scenario), "--out", out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        return JSON.readTree(out.resolve("summary.json").toFile());
    }

    private static double belowDesired(JsonNode summary) {
        double w = summary.get("workloads").get("Deployment/payments").get("secondsBelowDesired").asDouble();
        assertEquals(w, summary.get("deployments").get("payments").get("secondsBelowDesired").asDouble(),
                "the deployments and workloads sections agree");
        return w;
    }

    @Test
    @DisplayName("seconds below desired: at least the toleration, and 270 s less with 30 s tolerations")
    void tolerationShowsInSecondsBelowDesired() throws IOException {
        double defaultToleration = belowDesired(summary("node-failure.yaml"));
        double shortToleration = belowDesired(summary("node-failure-short-toleration.yaml"));
        assertTrue(defaultToleration >= 300 && defaultToleration < 300 + 60, "300 s + replacement start: " + defaultToleration);
        assertTrue(shortToleration >= 30 && shortToleration < 30 + 60, "30 s + replacement start: " + shortToleration);
        assertEquals(270, defaultToleration - shortToleration, 5, "the tolerations differ by 270 s");
    }

    @Test
    @DisplayName("maxLatencyMs: the slowest served request, never below p99")
    void maxLatencyAtLeastP99() throws IOException {
        JsonNode payments = summary("node-failure.yaml").get("services").get("payments");
        assertTrue(payments.get("maxLatencyMs").asDouble() >= payments.get("p99Ms").asDouble(), payments.toString());
        assertTrue(payments.get("maxLatencyMs").asDouble() > 0, payments.toString());
    }
}
