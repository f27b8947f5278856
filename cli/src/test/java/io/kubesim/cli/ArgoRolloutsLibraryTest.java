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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * library/bad-release-canary.yaml and blue-green.yaml: the Argo Rollouts what-ifs of
 * docs/releases.md, with the numbers their comments give (k8s-semantics.md 20).
 */
class ArgoRolloutsLibraryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path run(String scenario) {
        Path out = tmp.resolve(Path.of(scenario).getFileName().toString() + "-" + tmp.toFile().list().length);
        CliHarness.Result r = CliHarness.run("run", scenario, "--out", out.toString(), "-q");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        return out;
    }

    private static List<JsonNode> events(Path out, String reason) throws IOException {
        List<JsonNode> list = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("events.jsonl"))) {
            JsonNode e = JSON.readTree(line);
            if (e.get("reason").asText().equals(reason)) {
                list.add(e);
            }
        }
        return list;
    }

    @Test
    @DisplayName("the canary's analysis aborts the bad release: failures only on the canary, a hundredth of the"
            + " rolling update's")
    void theCanaryAnalysisBoundsTheBadRelease() throws IOException {
        Path canaryRun = run(CliHarness.library("bad-release-canary.yaml"));
        Path rollingRun = run(CliHarness.library("bad-release-rolling.yaml"));
        JsonNode canary = JSON.readTree(canaryRun.resolve("summary.json").toFile());
        JsonNode rolling = JSON.readTree(rollingRun.resolve("summary.json").toFile());
        assertEquals(225, canary.at("/requests/failed").asLong(), "as its comment says");
        assertTrue(canary.at("/requests/failed").asLong() * 50 < rolling.at("/requests/failed").asLong());
        JsonNode versions = canary.at("/workloads/Rollout~1checkout/versions");
        long canaryRequests = 0;
        for (JsonNode v : (Iterable<JsonNode>) versions::elements) {
            boolean bad = v.get("image").asText().endsWith(":1.5.0");
            assertEquals(bad, v.get("failed").asLong() > 0, "only the bad version fails: " + v);
            if (bad) {
                canaryRequests = v.get("requests").asLong();
                assertEquals(801, canaryRequests, "as its comment says");
            }
        }
        // k8s-semantics.md 20.6: aborted at the first measurement, initialDelay (30 s) after the
        // analysis step started; 20.5: the canary is scaled down, Degraded
        List<JsonNode> step = events(canaryRun, "RolloutStepCompleted");
        List<JsonNode> aborted = events(canaryRun, "RolloutAborted");
        assertEquals(1, step.size());
        assertEquals(1, aborted.size());
        assertEquals(30.0, aborted.get(0).get("time").asDouble() - step.get(0).get("time").asDouble(), 1e-6);
        assertEquals("Degraded", canary.at("/workloads/Rollout~1checkout/phase").asText());
        assertEquals(0, canary.at("/workloads/Rollout~1checkout/canaryWeight").asInt());
        String series = Files.readString(canaryRun.resolve("timeseries.csv"));
        assertTrue(series.contains("version_failed,workload=Rollout/checkout;version=checkout-"));
    }

    @Test
    @DisplayName("blue-green: the preview warms the slow version up, users see no failure; promoted as soon as"
            + " available, they would meet cold pods")
    void thePreviewKeepsColdPodsFromUsers() throws IOException {
        Path manual = run(CliHarness.library("blue-green.yaml"));
        JsonNode summary = JSON.readTree(manual.resolve("summary.json").toFile());
        assertEquals(0, summary.at("/services/checkout/failed").asLong(), "no user request fails");
        assertEquals(49, summary.at("/requests/failed").asLong(), "as its comment says: the smoke test's");
        // k8s-semantics.md 20.4: the old ReplicaSet is scaled down scaleDownDelaySeconds after the switch
        JsonNode completed = events(manual, "RolloutCompleted").get(1);
        JsonNode down = events(manual, "ScalingReplicaSet").stream()
                .filter(e -> e.get("message").asText().contains("(revision 1) from 4 to 0")).findFirst().orElseThrow();
        assertEquals(300.0, completed.get("time").asDouble(), 1e-6, "promoted at 5m");
        assertEquals(30.0, down.get("time").asDouble() - completed.get("time").asDouble(), 1e-6);

        Path dir = tmp.resolve("auto");
        Files.createDirectories(dir.resolve("manifests"));
        Files.copy(Path.of(CliHarness.library("blue-green.yaml")), dir.resolve("blue-green.yaml"));
        Files.writeString(dir.resolve("manifests/checkout-bluegreen.yaml"), Files.readString(
                Path.of(CliHarness.library("manifests/checkout-bluegreen.yaml")))
                .replace("autoPromotionEnabled: false", "autoPromotionEnabled: true"));
        Path auto = run(dir.resolve("blue-green.yaml").toString());
        double manualWorst = worstP99(manual);
        double autoWorst = worstP99(auto);
        assertEquals(188, Math.round(manualWorst), "as its comment says");
        assertEquals(926, Math.round(autoWorst), "as its comment says");
    }

    /** The users' worst per-interval p99 after the release at 2m (ms). */
    private static double worstP99(Path out) throws IOException {
        double worst = 0;
        for (String line : Files.readAllLines(out.resolve("timeseries.csv"))) {
            String[] f = line.split(",");
            if (f.length == 4 && f[1].equals("service_latency_p99_ms") && f[2].equals("service=checkout")
                    && Double.parseDouble(f[0]) >= 120) {
                worst = Math.max(worst, Double.parseDouble(f[3]));
            }
        }
        return worst;
    }
}
