package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kubesim run}: the output contract of DESIGN.md, end to end through the CLI. */
class RunCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path run(String scenario, String dir, String... extra) {
        Path out = tmp.resolve(dir);
        String[] args = new String[3 + extra.length + 1];
        args[0] = "run";
        args[1] = CliHarness.library(scenario);
        args[2] = "--out";
        args[3] = out.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        CliHarness.Result r = CliHarness.run(args);
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }

    @Test
    @DisplayName("writes summary.json, timeseries.csv and events.jsonl with the contract's fields")
    void writesTheContract() throws IOException {
        Path out = run("rolling-update.yaml", "a");
        JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
        for (String field : List.of("scenario", "seed", "simulatedSeconds", "wallSeconds", "eventsProcessed",
                "requests", "services", "deployments", "pods", "outages")) {
            assertTrue(s.has(field), field);
        }
        for (String field : List.of("total", "succeeded", "failed", "byStatus", "byCause")) {
            assertTrue(s.get("requests").has(field), "requests." + field);
        }
        for (String field : List.of("scheduled", "pendingAtEnd", "evicted", "oomKilled", "restarts", "preempted")) {
            assertTrue(s.get("pods").has(field), "pods." + field);
        }
        for (String field : List.of("requests", "failed", "p50Ms", "p95Ms", "p99Ms", "outageSeconds")) {
            assertTrue(s.get("services").get("web").has(field), "services.web." + field);
        }
        JsonNode web = s.get("deployments").get("web");
        assertEquals("rolling-update", s.get("scenario").asText());
        assertEquals(480, s.get("simulatedSeconds").asInt());
        assertEquals(10, web.get("desiredReplicas").asInt());
        assertEquals(13, web.get("maxPodsObserved").asInt(), "10 replicas + ceil(25% of 10)");
        assertEquals(8, web.get("minAvailableObserved").asInt(), "10 replicas - floor(25% of 10)");
        JsonNode rollout = web.get("rollouts").get(0);
        assertEquals(120, rollout.get("start").asInt());
        assertTrue(rollout.get("end").asDouble() > 120);
        assertEquals(rollout.get("end").asDouble() - 120, rollout.get("seconds").asDouble(), 1e-9);

        List<String> csv = Files.readAllLines(out.resolve("timeseries.csv"));
        assertEquals("time,series,labels,value", csv.get(0));
        assertTrue(csv.contains("0,deployment_replicas_desired,deployment=web,10"));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("480,cluster_nodes,,3")));

        List<String> events = Files.readAllLines(out.resolve("events.jsonl"));
        for (String line : events) {
            JsonNode e = JSON.readTree(line);
            for (String field : List.of("time", "type", "reason", "object", "message")) {
                assertTrue(e.has(field), field + " in " + line);
            }
        }
        assertTrue(events.stream().anyMatch(l -> l.contains("\"reason\":\"Scheduled\"")
                && l.contains("Successfully assigned default/web-")));
        try (var files = Files.list(out)) {
            assertEquals(List.of("events.jsonl", "report.html", "summary.json", "timeseries.csv"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(),
                    "nothing but the four files: the staging folder is gone");
        }
    }

    @Test
    @DisplayName("the same scenario and seed give byte-identical outputs (summary.json apart from wallSeconds)")
    void deterministic() throws IOException {
        Path a = run("online-boutique.yaml", "a");
        Path b = run("online-boutique.yaml", "b");
        assertArrayEquals(Files.readAllBytes(a.resolve("timeseries.csv")), Files.readAllBytes(b.resolve("timeseries.csv")));
        assertArrayEquals(Files.readAllBytes(a.resolve("events.jsonl")), Files.readAllBytes(b.resolve("events.jsonl")));
        assertEquals(withoutWall(a), withoutWall(b));
        Path c = run("online-boutique.yaml", "c", "--seed", "99");
        assertTrue(!Files.readString(a.resolve("events.jsonl")).equals(Files.readString(c.resolve("events.jsonl"))),
                "another seed gives another run");
    }

    private static String withoutWall(Path dir) throws IOException {
        return Files.readString(dir.resolve("summary.json")).replaceAll("\"wallSeconds\" : [0-9.]+", "");
    }

    @Test
    @DisplayName("--decisions writes scheduling.jsonl: every attempt, why nodes were rejected, how they scored")
    void decisions() throws IOException {
        Path out = run("unschedulable-pods.yaml", "a", "--decisions");
        List<String> lines = Files.readAllLines(out.resolve("scheduling.jsonl"));
        JsonNode first = JSON.readTree(lines.get(0));
        assertEquals("FailedScheduling", first.get("result").asText());
        assertEquals(4, first.get("filtered").size(), "all four nodes rejected");
        assertTrue(first.get("message").asText().startsWith(
                "0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu."));
        JsonNode scheduled = JSON.readTree(lines.get(lines.size() - 1));
        assertEquals("Scheduled", scheduled.get("result").asText());
        assertTrue(scheduled.get("node").asText().startsWith("large-"));
        long rejected = lines.stream().filter(l -> l.contains("\"result\":\"FailedScheduling\"")).count();
        assertEquals(4, rejected, "one failed attempt per worker before the large nodes join");
    }

    @Test
    @DisplayName("--until shortens the run and --seed is reported")
    void overrides() throws IOException {
        Path out = run("rolling-update.yaml", "a", "--until", "90s", "--seed", "5");
        JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(90, s.get("simulatedSeconds").asInt());
        assertEquals(5, s.get("seed").asInt());
        assertEquals(0, s.get("deployments").get("web").get("rollouts").size(), "the rollout at 2m never came");
    }

    @Test
    @DisplayName("--traffic-mode fluid simulates rates and says so in summary.json; auto picks exact below 2000 req/s")
    void trafficMode() throws IOException {
        Path fluid = run("no-prestop.yaml", "fluid", "--traffic-mode", "fluid", "--until", "150s", "-q");
        JsonNode f = JSON.readTree(fluid.resolve("summary.json").toFile());
        assertEquals("fluid", f.get("requests").get("mode").asText());
        assertTrue(f.get("requests").get("total").asLong() > 25_000, "300/s from 1m to 150s: " + f.get("requests"));
        Path auto = run("no-prestop.yaml", "auto", "--until", "70s", "-q");
        assertEquals("exact", JSON.readTree(auto.resolve("summary.json").toFile()).get("requests").get("mode").asText());
    }

    @Test
    @DisplayName("an unknown --traffic-mode is a usage error (exit 2) that lists the modes, and writes nothing")
    void badTrafficMode() {
        Path out = tmp.resolve("bad");
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("no-prestop.yaml"), "--out", out.toString(),
                "--traffic-mode", "approximate");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--traffic-mode approximate: expected exact, fluid or auto"), r.err());
        assertTrue(!Files.exists(out), "nothing written");
    }

    @Test
    @DisplayName("closed-loop users: auto runs them in exact mode; --traffic-mode fluid refuses them (exit 2), naming the entry point")
    void closedLoopTrafficMode() throws IOException {
        String noPrestop = Files.readString(Path.of(CliHarness.library("no-prestop.yaml")));
        Path scenario = tmp.resolve("closed-loop.yaml");
        Files.writeString(scenario, noPrestop
                .replace("manifests/checkout.yaml", Path.of(CliHarness.library("manifests/checkout.yaml")).toString())
                .replace("steps: [{at: 0s, rate: 0}, {at: 1m, rate: 300}]", "closedLoop: {users: 15, thinkTime: 50ms}"));
        Path refused = tmp.resolve("refused");
        CliHarness.Result r = CliHarness.run("run", scenario.toString(), "--out", refused.toString(), "-q",
                "--traffic-mode", "fluid");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--traffic-mode fluid: entry point \"checkout\" has closedLoop arrivals, which the"
                + " fluid traffic mode does not model"), r.err());
        assertTrue(!Files.exists(refused), "nothing written");
        Path auto = tmp.resolve("auto");
        CliHarness.Result ok = CliHarness.run("run", scenario.toString(), "--out", auto.toString(), "-q", "--until", "30s");
        assertEquals(0, ok.exitCode(), ok.err());
        JsonNode requests = JSON.readTree(auto.resolve("summary.json").toFile()).get("requests");
        assertEquals("exact", requests.get("mode").asText());
        assertTrue(requests.get("total").asLong() > 0, requests.toString());
    }

    @Test
    @DisplayName("run prints the scenario's warnings sorted by file, line and column, as validate does")
    void warningsAreSortedByPlace() throws IOException {
        Files.writeString(tmp.resolve("m.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  type: LoadBalancer
                  externalTrafficPolicy: Local
                  selector: {app: web}
                  ports: [{port: 80}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: "web:1", lifecycle: {preStop: {exec: {command: [/drain]}}}}]}
                """);
        Path scenario = Files.writeString(tmp.resolve("s.yaml"), """
                apiVersion: kubesim.io/v1alpha1
                kind: Scenario
                metadata: {name: sorted}
                duration: 10s
                manifests: [m.yaml]
                cluster:
                  nodePools: [{name: pool, count: 1, allocatable: {cpu: "2", memory: 4Gi}}]
                """);
        CliHarness.Result r = CliHarness.run("run", scenario.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(0, r.exitCode(), r.err());
        List<Integer> lines = r.err().lines().filter(l -> l.contains(": warning: "))
                .map(l -> Integer.parseInt(l.substring(l.indexOf("m.yaml:") + 7).split(":")[0])).toList();
        assertEquals(List.of(2, 10, 21), lines, r.err());
    }

    /** A 100-node cluster with 20 one-replica Deployments behind Services, over {@code duration}. */
    private Path sizedScenario(String duration, String extra) throws IOException {
        StringBuilder manifests = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            manifests.append("""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: web-%1$d}
                    spec:
                      replicas: 1
                      selector: {matchLabels: {app: web-%1$d}}
                      template:
                        metadata: {labels: {app: web-%1$d}}
                        spec: {containers: [{name: c, image: nginx}]}
                    ---
                    apiVersion: v1
                    kind: Service
                    metadata: {name: web-%1$d}
                    spec: {selector: {app: web-%1$d}, ports: [{port: 80}]}
                    ---
                    """.formatted(i));
        }
        Files.writeString(tmp.resolve("m.yaml"), manifests.toString());
        Path scenario = tmp.resolve("sized.yaml");
        Files.writeString(scenario, """
                apiVersion: kubesim.io/v1alpha1
                kind: Scenario
                metadata: {name: sized}
                duration: %s
                %smanifests: [m.yaml]
                cluster:
                  nodePools:
                    - {name: pool, count: 100, allocatable: {cpu: "4", memory: 8Gi}}
                """.formatted(duration, extra));
        return scenario;
    }

    @Test
    @DisplayName("a scenario too large to sample every second says which default interval it got, and its series use it")
    void coarseDefaultSamplingIsSaid() throws IOException {
        Path out = tmp.resolve("sized");
        CliHarness.Result r = CliHarness.run("run", sizedScenario("2h", "").toString(), "--out", out.toString(),
                "--until", "20s");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("  sampled every 2s: the default for about 1,124 time series over 2h0m0s"
                + " (set sampleInterval to choose)"), r.out());
        List<String> times = Files.readAllLines(out.resolve("timeseries.csv")).stream().skip(1)
                .map(l -> l.substring(0, l.indexOf(','))).distinct().toList();
        assertEquals(List.of("0", "2", "4", "6", "8", "10", "12", "14", "16", "18", "20"), times);

        CliHarness.Result set = CliHarness.run("run", sizedScenario("2h", "sampleInterval: 1s\n").toString(),
                "--out", tmp.resolve("set").toString(), "--until", "5s");
        assertEquals(0, set.exitCode(), set.err());
        assertTrue(!set.out().contains("sampled every"), set.out());
    }
}
