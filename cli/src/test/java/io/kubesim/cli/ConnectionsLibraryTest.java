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
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library pairs of connection-level effects (k8s-semantics.md 17): gRPC's long-lived
 * connections after an HPA scale-up, with and without MAX_CONNECTION_AGE (17.6), and a node
 * failure under HTTP load, with and without a client connect timeout and a retry (17.5). Each
 * asserts the direction and the magnitude its file's comment documents.
 */
class ConnectionsLibraryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path run(String scenario, String... flags) {
        Path out = tmp.resolve(scenario);
        List<String> args = new ArrayList<>(List.of("run", CliHarness.library(scenario), "--out", out.toString(), "-q"));
        args.addAll(List.of(flags));
        CliHarness.Result r = CliHarness.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        return out;
    }

    private static JsonNode summary(Path run) throws IOException {
        return JSON.readTree(run.resolve("summary.json").toFile());
    }

    /** Each grpc-api pod's requests over the run, by pod name. */
    private static Map<String, Long> grpcApiPods(JsonNode summary) {
        Map<String, Long> out = new TreeMap<>();
        summary.get("workloads").get("Deployment/grpc-api").get("pods").fields()
                .forEachRemaining(e -> out.put(e.getKey(), e.getValue().get("requests").asLong()));
        return out;
    }

    /** When each pod was created, from the ReplicaSet's SuccessfulCreate events. */
    private static Map<String, Double> created(Path run) throws IOException {
        Map<String, Double> out = new TreeMap<>();
        for (String line : Files.readAllLines(run.resolve("events.jsonl"))) {
            JsonNode e = JSON.readTree(line);
            String m = e.get("message").asText();
            if (e.get("reason").asText().equals("SuccessfulCreate") && m.startsWith("Created pod: ")) {
                out.put(m.substring("Created pod: ".length()), e.get("time").asDouble());
            }
        }
        return out;
    }

    @Test
    @DisplayName("gRPC through a ClusterIP: the pods the HPA adds serve nothing, the 3 first pods everything; with "
            + "MAX_CONNECTION_AGE 30 s each added pod takes requests within 40 s of its creation and the spread falls")
    void grpcScaleUp() throws IOException {
        Path pinned = run("grpc-scale-up-imbalance.yaml");
        Path aged = run("grpc-max-connection-age.yaml", "--pod-series");
        JsonNode p = summary(pinned);
        JsonNode a = summary(aged);
        for (JsonNode s : List.of(p, a)) {
            assertEquals(0, s.get("requests").get("failed").asLong(), "neither loses a request");
            assertEquals(7, s.get("hpas").get("grpc-api").get("maxReplicasObserved").asInt(), "the same scale-up");
        }
        Map<String, Double> createdAt = created(pinned);
        Map<String, Long> pinnedLoad = grpcApiPods(p);
        assertEquals(7, pinnedLoad.size());
        long total = 0;
        for (Map.Entry<String, Long> e : pinnedLoad.entrySet()) {
            total += e.getValue();
            if (createdAt.get(e.getKey()) > 0) {
                assertEquals(0, e.getValue(), "added by the HPA, never connected to: " + pinnedLoad);
            }
        }
        assertEquals(p.get("services").get("grpc-api").get("requests").asLong(), total);

        Map<String, Long> agedLoad = grpcApiPods(a);
        double mean = agedLoad.values().stream().mapToLong(Long::longValue).average().orElseThrow();
        for (long n : agedLoad.values()) {
            assertTrue(n > 0.7 * mean, "every pod takes its share: " + agedLoad);
        }
        double pinnedSpread = p.get("workloads").get("Deployment/grpc-api").get("spread").get("requests").get("mean")
                .asDouble();
        double agedSpread = a.get("workloads").get("Deployment/grpc-api").get("spread").get("requests").get("mean")
                .asDouble();
        assertTrue(pinnedSpread > 0.9, "pinned: " + pinnedSpread);
        assertTrue(agedSpread < 0.75 * pinnedSpread, agedSpread + " against " + pinnedSpread);

        Map<String, Double> firstTraffic = new TreeMap<>();
        for (String line : Files.readAllLines(aged.resolve("pods.csv"))) {
            String[] c = line.split(",");
            if (!c[0].equals("time") && c[1].startsWith("grpc-api-") && Double.parseDouble(c[3]) > 0) {
                firstTraffic.putIfAbsent(c[1], Double.parseDouble(c[0]));
            }
        }
        Map<String, Double> agedCreated = created(aged);
        for (Map.Entry<String, Double> e : firstTraffic.entrySet()) {
            double since = e.getValue() - agedCreated.get(e.getKey());
            // Started and ready in about 6 s, then a connection's GOAWAY at 27-33 s brings a client over.
            assertTrue(since <= 40, e.getKey() + " first served " + since + " s after its creation");
        }
        assertEquals(7, firstTraffic.size());
    }

    @Test
    @DisplayName("a node fails under HTTP load: connects to its pods' addresses wait out the 30 s request timeout "
            + "(clientP99Ms 30 s); a 1 s connect timeout and one retry recover two in three and bound p99 to about 2 s")
    void vanishedPodIp() throws IOException {
        JsonNode plain = summary(run("vanished-pod-ip.yaml")).get("services").get("payments");
        JsonNode fixed = summary(run("vanished-pod-ip-connect-timeout.yaml")).get("services").get("payments");
        long failed = plain.get("failed").asLong();
        assertTrue(failed > 3000 && failed < 4500, "about 3,750: " + plain);
        assertTrue(plain.get("failedByCause").get("connect_timeout").asLong() > failed - 10,
                "new connects to the dead node's pods: " + plain);
        assertEquals(30_000, plain.get("clientP99Ms").asDouble(), "each waits its request timeout");
        assertTrue(plain.get("p99Ms").asDouble() < 200, "the served requests never see it: " + plain);

        long fixedFailed = fixed.get("failed").asLong();
        assertTrue(fixedFailed < 0.45 * failed, fixedFailed + " against " + failed);
        assertTrue(fixed.get("retried").asLong() > 0.9 * failed, "every connect timeout retried once: " + fixed);
        assertEquals(fixed.get("failedByCause").get("connect_timeout").asLong(), fixed.get("retriesExhausted").asLong(),
                "those that hit a dead address twice");
        double p99 = fixed.get("clientP99Ms").asDouble();
        assertTrue(p99 >= 2000 && p99 < 2200, "1 s, 1 s, then served: " + p99);
        assertTrue(fixed.get("p99Ms").asDouble() > 1000, "served after waiting 1 s: " + fixed);
    }

    @Test
    @DisplayName("the fluid mode says which client settings it does not model; the exact mode runs them silently")
    void fluidWarnsAboutClientSettings() {
        String scenario = CliHarness.library("vanished-pod-ip-connect-timeout.yaml");
        CliHarness.Result fluid = CliHarness.run("run", scenario, "--out", tmp.resolve("fluid").toString(), "-q",
                "--traffic-mode", "fluid", "--until", "1m");
        assertEquals(ExitCodes.OK, fluid.exitCode(), fluid.err());
        assertEquals("warning: " + scenario + ": traffic entry point payments: client retries, connectTimeout: not "
                + "modelled in the fluid traffic mode this run uses (it balances every request and counts failures on "
                + "arrival); run with --traffic-mode exact to simulate it", fluid.err().strip());
        CliHarness.Result exact = CliHarness.run("run", scenario, "--out", tmp.resolve("exact").toString(), "-q",
                "--until", "1m");
        assertEquals("", exact.err().strip());
    }
}
