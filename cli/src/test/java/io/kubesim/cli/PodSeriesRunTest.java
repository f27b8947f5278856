package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Per-pod outputs of {@code kubesim run}: summary.json's {@code workloads.*.pods} and
 * {@code workloads.*.spread}, and pods.csv behind {@code --pod-series}, in both traffic modes. The
 * scenario scales a 4-replica Deployment under 400 requests a second (from 30 s, when it is up) to 8 at 60 s (the new pods
 * turn Ready before the balancers route to them) and down to 3 at 120 s (five pods deleted);
 * {@code even.yaml} is the same without the scaling.
 */
class PodSeriesRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SCENARIO = """
            apiVersion: kubesim.io/v1alpha1
            kind: Scenario
            metadata: {name: pod-series}
            seed: 3
            duration: 3m
            manifests: [web.yaml]
            cluster:
              nodePools:
                - name: pool-a
                  count: 3
                  allocatable: {cpu: "8", memory: 32Gi}
            applications:
              web:
                startupTime: 3s
                shutdownTime: 1s
                serving:
                  concurrency: 50
                  queueLimit: 100
                  serviceTime: {lognormal: {median: 20ms, p99: 80ms}}
                  timeout: 5s
                  cpuPerRequest: 2ms
            traffic:
              - service: web
                arrivals: {steps: [{at: 0s, rate: 0}, {at: 30s, rate: 400}]}
            """;

    private static final String SCALING = """
            timeline:
              - {at: 60s, scale: {deployment: web, replicas: 8}}
              - {at: 120s, scale: {deployment: web, replicas: 3}}
            """;

    private static final String MANIFESTS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 4
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: web
                      image: registry.example.com/web:1.0
                      resources: {requests: {cpu: 500m, memory: 256Mi}}
                      readinessProbe: {httpGet: {path: /ready, port: 8080}, periodSeconds: 2}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
            """;

    @TempDir
    Path tmp;

    @BeforeEach
    void writeScenarios() throws IOException {
        Files.writeString(tmp.resolve("web.yaml"), MANIFESTS);
        Files.writeString(tmp.resolve("scaling.yaml"), SCENARIO + SCALING);
        Files.writeString(tmp.resolve("even.yaml"), SCENARIO);
    }

    private Path run(String scenario, String out, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", tmp.resolve(scenario).toString(), "--out",
                tmp.resolve(out).toString(), "-q"));
        args.addAll(List.of(extra));
        CliHarness.Result r = CliHarness.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        return tmp.resolve(out);
    }

    private static JsonNode summary(Path out) throws IOException {
        return JSON.readTree(out.resolve("summary.json").toFile());
    }

    /** Fluid amounts are expected values: sums may miss the Service's whole counts by fractions. */
    private static double tolerance(String mode) {
        return mode.equals("fluid") ? 2 : 0;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exact", "fluid"})
    @DisplayName("every pod that served is listed, the deleted ones too, and their counts add up to the Service's")
    void perPodCounts(String mode) throws IOException {
        JsonNode s = summary(run("scaling.yaml", "out", "--traffic-mode", mode));
        JsonNode web = s.get("workloads").get("Deployment/web");
        JsonNode pods = web.get("pods");
        assertEquals(3, web.get("ready").asInt());
        assertEquals(8, pods.size(), "4 first, 4 added at 60 s, 5 of them deleted at 120 s: " + pods);
        List<String> names = new ArrayList<>();
        pods.fieldNames().forEachRemaining(names::add);
        assertEquals(names.stream().sorted().toList(), names, "by name");
        double requests = 0;
        double failed = 0;
        double cpu = 0;
        for (JsonNode p : pods) {
            assertTrue(p.get("requests").asDouble() > 0, "each served: " + p);
            requests += p.get("requests").asDouble();
            failed += p.get("failed").asDouble();
            cpu += p.get("cpuSeconds").asDouble();
        }
        JsonNode service = s.get("services").get("web");
        assertEquals(service.get("requests").asDouble(), requests, tolerance(mode));
        assertEquals(service.get("failed").asDouble(), failed, tolerance(mode));
        assertTrue(service.get("failed").asLong() > 0, "the scale-down refuses some requests (no preStop)");
        // Every served request cost 2 ms of CPU, a refused one none; the few cut off in flight had started.
        double served = service.get("requests").asDouble() - service.get("failed").asDouble();
        assertEquals(served * 0.002, cpu, 0.05);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exact", "fluid"})
    @DisplayName("pods.csv: per interval, the pods' requests add up to the Service's service_requests")
    void podSeriesAddsUpPerInterval(String mode) throws IOException {
        Path out = run("scaling.yaml", "out", "--traffic-mode", mode, "--pod-series");
        List<String> rows = Files.readAllLines(out.resolve("pods.csv"));
        assertEquals("time,pod,workload,requests,failed,cpu_cores", rows.get(0));
        Map<Double, Double> byPods = new TreeMap<>();
        java.util.Set<String> pods = new java.util.TreeSet<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split(",");
            assertEquals("Deployment/web", c[2]);
            pods.add(c[1]);
            byPods.merge(Double.parseDouble(c[0]), Double.parseDouble(c[3]), Double::sum);
        }
        assertEquals(8, pods.size());
        Map<Double, Double> byService = new TreeMap<>();
        for (String line : Files.readAllLines(out.resolve("timeseries.csv"))) {
            String[] c = line.split(",");
            if (c[1].equals("service_requests") && Double.parseDouble(c[3]) > 0) {
                byService.put(Double.parseDouble(c[0]), Double.parseDouble(c[3]));
            }
        }
        assertEquals(byService.keySet(), byPods.keySet(), "an interval with requests has pod rows, and only those");
        for (Map.Entry<Double, Double> e : byService.entrySet()) {
            assertEquals(e.getValue(), byPods.get(e.getKey()), tolerance(mode), "requests at " + e.getKey());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exact", "fluid"})
    @DisplayName("new pods Ready before the balancers route to them spread the load unevenly; a steady run does not")
    void scaleUpSpreadsUnevenly(String mode) throws IOException {
        JsonNode scaled = summary(run("scaling.yaml", "scaled", "--traffic-mode", mode)).get("workloads")
                .get("Deployment/web").get("spread");
        JsonNode even = summary(run("even.yaml", "even", "--traffic-mode", mode)).get("workloads")
                .get("Deployment/web").get("spread");
        assertEquals(150, even.get("intervals").asInt(), "every interval with traffic: " + even);
        double evenMax = even.get("requests").get("max").asDouble();
        double scaledMax = scaled.get("requests").get("max").asDouble();
        // [0, 0, 0, 0, 50, 50, 50, 50] has a spread of 1: a new pod not yet routed to.
        assertTrue(scaledMax > 0.5 && scaledMax > 2 * evenMax, "scaled " + scaled + " vs even " + even);
        assertTrue(scaled.get("requests").get("mean").asDouble() > even.get("requests").get("mean").asDouble(),
                "scaled " + scaled + " vs even " + even);
        assertEquals(scaled.get("requests").get("max").asDouble(), scaled.get("cpu").get("max").asDouble(), 0.05,
                "every request costs the same CPU");
        if (mode.equals("fluid")) {
            assertEquals(0, evenMax, 1e-4, "the fluid model splits evenly");
        }
    }

    @Test
    @DisplayName("the same run twice gives the same pods.csv and summary.json, bytes for bytes (wallSeconds aside)")
    void deterministic() throws IOException {
        Path a = run("scaling.yaml", "a", "--pod-series");
        Path b = run("scaling.yaml", "b", "--pod-series");
        assertArrayEquals(Files.readAllBytes(a.resolve("pods.csv")), Files.readAllBytes(b.resolve("pods.csv")));
        ObjectNode sa = (ObjectNode) summary(a);
        ObjectNode sb = (ObjectNode) summary(b);
        sa.remove("wallSeconds");
        sb.remove("wallSeconds");
        assertEquals(JSON.writeValueAsString(sa), JSON.writeValueAsString(sb));
    }

    @Test
    @DisplayName("without --pod-series there is no pods.csv; without traffic no per-pod fields")
    void onlyWhenAskedAndWithTraffic() throws IOException {
        Path out = run("even.yaml", "plain");
        assertFalse(Files.exists(out.resolve("pods.csv")));
        Path quiet = tmp.resolve("quiet");
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("rolling-update.yaml"), "--out", quiet.toString(),
                "-q", "--pod-series");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        JsonNode web = summary(quiet).get("workloads").get("Deployment/web");
        assertFalse(web.has("pods") || web.has("spread"), web.toString());
        assertEquals(List.of("time,pod,workload,requests,failed,cpu_cores"), Files.readAllLines(quiet.resolve("pods.csv")));
    }
}
