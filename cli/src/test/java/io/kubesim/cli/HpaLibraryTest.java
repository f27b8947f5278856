package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
 * {@code library/hpa-diurnal.yaml} and {@code library/hpa-target-95.yaml} as their comments tell
 * them (k8s-semantics.md 1): replicas follow a diurnal load up and down with a bounded lag, and a
 * 95 % target gives markedly worse tail latency and more failures than a 65 % one.
 */
class HpaLibraryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static JsonNode at65;
    static JsonNode at95;
    static List<double[]> replicas65;
    static List<JsonNode> events65;

    @BeforeAll
    static void run() throws IOException {
        Path a = run("hpa-diurnal.yaml", "65");
        Path b = run("hpa-target-95.yaml", "95");
        at65 = JSON.readTree(a.resolve("summary.json").toFile());
        at95 = JSON.readTree(b.resolve("summary.json").toFile());
        replicas65 = new ArrayList<>();
        for (String line : Files.readAllLines(a.resolve("timeseries.csv"))) {
            String[] f = line.split(",");
            if (f[1].equals("hpa_current_replicas")) {
                replicas65.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[3])});
            }
        }
        events65 = new ArrayList<>();
        for (String line : Files.readAllLines(a.resolve("events.jsonl"))) {
            JsonNode e = JSON.readTree(line);
            if (e.get("reason").asText().equals("SuccessfulRescale")) {
                events65.add(e);
            }
        }
    }

    private static Path run(String scenario, String dir, String... extra) {
        Path out = tmp.resolve(dir);
        List<String> args = new ArrayList<>(List.of("run", CliHarness.library(scenario), "--out", out.toString(), "-q"));
        args.addAll(List.of(extra));
        CliHarness.Result r = CliHarness.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }

    /** The scenario's load: 150 − 130 cos(2πt / 1 h) requests per second. */
    private static double load(double t) {
        return 150 - 130 * Math.cos(2 * Math.PI * t / 3600);
    }

    @Test
    @DisplayName("hpa-diurnal: 26 rescales, replicas 2 at the trough, 20 just after the peak, back to 4 at the end")
    void replicasRiseAndFallWithLoad() {
        JsonNode h = at65.get("hpas").get("checkout");
        assertEquals(26, h.get("rescales").asInt());
        assertEquals(2, h.get("minReplicasObserved").asInt());
        assertEquals(20, h.get("maxReplicasObserved").asInt());
        assertEquals(2, h.get("minReplicas").asInt());
        assertEquals(30, h.get("maxReplicas").asInt());
        assertEquals(0, h.get("timeAtMax").asDouble());
        double[] last = replicas65.get(replicas65.size() - 1);
        assertEquals(4, last[1], "scaled back down as the load fell");
        double peakAt = replicas65.stream().filter(s -> s[1] == 20).findFirst().orElseThrow()[0];
        assertEquals(1845, peakAt, "45 s after the load's peak at 1800 s");
    }

    @Test
    @DisplayName("hpa-diurnal: 10 replicas come less than 2 min after the load needs them (sync + resolution + start)")
    void riseLagsTheLoadByABoundedDelay() {
        // At 65 % of 250m with a 20m baseline and 10 ms per request, r pods carry 14.25 r requests/s.
        double needs10 = 0;
        for (double t = 0; t < 1800; t += 1) {
            if (load(t) >= 142.5) {
                needs10 = t;
                break;
            }
        }
        double got10 = replicas65.stream().filter(s -> s[1] >= 10).findFirst().orElseThrow()[0];
        assertEquals(915, got10);
        double lag = got10 - needs10;
        assertTrue(lag > 0 && lag < 120, "lag " + lag + " s after the load needed 10 pods at " + needs10 + " s");
    }

    @Test
    @DisplayName("hpa-diurnal: the first scale-down waits for the 5 min stabilization window after the peak; "
            + "SuccessfulRescale is worded as upstream")
    void scaleDownWaitsForStabilization() {
        JsonNode firstDown = events65.stream()
                .filter(e -> e.get("message").asText().endsWith("reason: All metrics below target"))
                .findFirst().orElseThrow();
        assertEquals(2595, firstDown.get("time").asDouble());
        assertTrue(firstDown.get("time").asDouble() - 1800 >= 300);
        assertEquals("New size: 3; reason: cpu resource utilization (percentage of request) above target",
                events65.get(0).get("message").asText());
        assertEquals("Deployment/default/checkout", events65.get(0).get("object").asText());
    }

    @Test
    @DisplayName("hpa-target-95: p99 about 3x and failures about 5x those of the 65 % target, from timeouts and full "
            + "queues that the 65 % target never has")
    void aNinetyFivePercentTargetHurtsDuringRamps() {
        JsonNode s65 = at65.get("services").get("checkout");
        JsonNode s95 = at95.get("services").get("checkout");
        assertEquals(118.78, s65.get("p99Ms").asDouble(), 0.01);
        assertEquals(356.35, s95.get("p99Ms").asDouble(), 0.01);
        assertTrue(s95.get("p99Ms").asDouble() > 2 * s65.get("p99Ms").asDouble());
        assertEquals(583, s65.get("failed").asLong());
        assertEquals(2618, s95.get("failed").asLong());
        assertTrue(s95.get("failed").asLong() > 3 * s65.get("failed").asLong());
        JsonNode c95 = at95.get("requests").get("byCause");
        JsonNode c65 = at65.get("requests").get("byCause");
        assertEquals(1660, c95.get("timeout").asLong());
        assertEquals(339, c95.get("queue_full").asLong());
        assertTrue(c65.get("timeout") == null && c65.get("queue_full") == null);
        JsonNode h = at95.get("hpas").get("checkout");
        assertEquals(20, h.get("rescales").asInt());
        assertEquals(14, h.get("maxReplicasObserved").asInt());
    }

    @Test
    @DisplayName("both scenarios are deterministic: a rerun gives byte-identical outputs")
    void deterministic() throws IOException {
        for (String s : List.of("hpa-diurnal.yaml", "hpa-target-95.yaml")) {
            Path a = run(s, s + "-a", "--until", "25m");
            Path b = run(s, s + "-b", "--until", "25m");
            assertArrayEquals(Files.readAllBytes(a.resolve("timeseries.csv")),
                    Files.readAllBytes(b.resolve("timeseries.csv")), s);
            assertArrayEquals(Files.readAllBytes(a.resolve("events.jsonl")),
                    Files.readAllBytes(b.resolve("events.jsonl")), s);
            assertEquals(Files.readString(a.resolve("summary.json")).replaceAll("\"wallSeconds\" : [0-9.]+", ""),
                    Files.readString(b.resolve("summary.json")).replaceAll("\"wallSeconds\" : [0-9.]+", ""), s);
        }
    }
}
