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
 * {@code library/node-failure.yaml} as its comment tells it (k8s-semantics.md 7): one of three
 * nodes fails at 2 min; connects to its pods get no answer (504 connect_timeout, 17.5) until the node is
 * NotReady and the endpoints drop them; the pods are replaced only 300 s after the unreachable
 * taint (DefaultTolerationSeconds).
 */
class NodeFailureLibraryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** EndpointSlice update (≤ 1 s) plus kube-proxy (≤ 2 s): the propagation after NotReady. */
    private static final double PROPAGATION = 3;
    /** The scenario's client timeout: a hung request counts when its client gives up. */
    private static final double TIMEOUT = 5;

    @TempDir
    static Path tmp;
    static JsonNode summary;
    static List<String> series;
    static List<JsonNode> events;

    @BeforeAll
    static void run() throws IOException {
        Path out = tmp.resolve("node-failure");
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("node-failure.yaml"), "--out", out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        summary = JSON.readTree(out.resolve("summary.json").toFile());
        series = Files.readAllLines(out.resolve("timeseries.csv"));
        events = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("events.jsonl"))) {
            events.add(JSON.readTree(line));
        }
    }

    private static JsonNode failure() {
        JsonNode failures = summary.get("nodes").get("failures");
        assertEquals(1, failures.size());
        return failures.get(0);
    }

    @Test
    @DisplayName("the node fails at 120 s, is NotReady and tainted at 175 s (last renewal seen at 120 s + 50 s grace, "
            + "next 5 s pass)")
    void nodeTimeline() {
        JsonNode f = failure();
        assertEquals("pool-a-3", f.get("node").asText());
        assertEquals(120, f.get("failedAt").asDouble());
        assertEquals(175, f.get("notReadyAt").asDouble());
        assertEquals(175, f.get("taintedAt").asDouble());
        assertEquals(1, summary.get("nodes").get("wentNotReady").asInt());
        assertEquals(1, summary.get("nodes").get("notReadyAtEnd").asInt());
    }

    @Test
    @DisplayName("every failure is a 504 (connect_timeout, or node_unreachable for the requests in flight on the node), "
            + "about 3.5 % of requests, and falls between the failure and NotReady + propagation + the client timeout")
    void failuresOnlyWhileTheDeadPodsAreInEndpoints() {
        JsonNode requests = summary.get("requests");
        long total = requests.get("total").asLong();
        long failed = requests.get("failed").asLong();
        // k8s-semantics.md 17.5: new connects to the dead node's pods get no answer; what was in flight hangs.
        assertEquals(failed, requests.get("byCause").get("connect_timeout").asLong()
                + requests.get("byCause").path("node_unreachable").asLong());
        assertTrue(requests.get("byCause").path("node_unreachable").asLong() < 10, "only those in flight at 2m");
        assertEquals(failed, requests.get("byStatus").get("504").asLong());
        // A third of 200 req/s for the ~57 s until the endpoints drop the dead pods: ~3,800.
        assertTrue(failed > total * 0.02 && failed < total * 0.06, "documented as about 3.5 %: " + failed);
        double start = failure().get("failedAt").asDouble();
        double end = failure().get("notReadyAt").asDouble() + PROPAGATION + TIMEOUT;
        double first = Double.MAX_VALUE;
        double last = 0;
        for (String line : series) {
            String[] f = line.split(",");
            if (f[1].equals("service_failed") && Double.parseDouble(f[3]) > 0) {
                double t = Double.parseDouble(f[0]);
                assertTrue(f[2].contains("cause=connect_timeout") || f[2].contains("cause=node_unreachable"), line);
                first = Math.min(first, t);
                last = Math.max(last, t);
            }
        }
        assertTrue(first >= start && first <= start + TIMEOUT, "first failures when the first hung requests time out: " + first);
        assertTrue(last >= end - TIMEOUT - 1 && last <= end, "last failures: " + last + ", window ends " + end);
    }

    @Test
    @DisplayName("ready endpoints: 6 until NotReady, 4 within 2 s after it, 6 again only after the replacements start")
    void readyEndpointsDropAtNotReady() {
        double notReady = failure().get("notReadyAt").asDouble();
        for (String line : series) {
            String[] f = line.split(",");
            if (!f[1].equals("service_endpoints_ready")) {
                continue;
            }
            double t = Double.parseDouble(f[0]);
            int v = (int) Double.parseDouble(f[3]);
            if (t >= 30 && t <= notReady) {
                assertEquals(6, v, "at " + t);
            } else if (t >= notReady + 2 && t <= notReady + 300) {
                assertEquals(4, v, "at " + t);
            }
        }
    }

    @Test
    @DisplayName("replacements are created 300 s after the taint (DefaultTolerationSeconds), not before; the old pods "
            + "stay Terminating")
    void replacementsAfterTolerationSeconds() {
        double evictAt = failure().get("taintedAt").asDouble() + 300;
        List<Double> evictions = new ArrayList<>();
        List<Double> scheduled = new ArrayList<>();
        for (JsonNode e : events) {
            String reason = e.get("reason").asText();
            if (reason.equals("TaintManagerEviction")) {
                evictions.add(e.get("time").asDouble());
                assertTrue(e.get("message").asText().startsWith("Marking for deletion Pod default/payments-"));
            } else if (reason.equals("Scheduled")) {
                scheduled.add(e.get("time").asDouble());
            }
        }
        assertEquals(List.of(evictAt, evictAt), evictions);
        assertEquals(8, scheduled.size(), "6 at the start, 2 replacements");
        for (int i = 0; i < 6; i++) {
            assertTrue(scheduled.get(i) < 1, "initial pods");
        }
        assertTrue(scheduled.get(6) >= evictAt && scheduled.get(7) >= evictAt, "replacements: " + scheduled);
        assertTrue(scheduled.get(7) < evictAt + 1, "placed at once on the healthy nodes: " + scheduled);
        assertEquals(2, summary.get("pods").get("evictedBy").get("taintManager").asInt());
        assertEquals(2, summary.get("pods").get("evicted").asInt(), "the taint manager's deletions count as evictions");
        JsonNode d = summary.get("deployments").get("payments");
        assertEquals(4, d.get("minAvailableObserved").asInt());
        assertEquals(6, d.get("availableReplicas").asInt());
        assertEquals(8, d.get("maxPodsIncludingTerminating").asInt(), "the dead node's pods stay Terminating");
    }

    @Test
    @DisplayName("node-failure-short-toleration: 30 s tolerations give the same 5xx (detection is the bound) but "
            + "replacements 30 s after the taint instead of 300 s")
    void shortTolerationShortensOnlyTheCapacityGap() throws IOException {
        Path out = tmp.resolve("short");
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("node-failure-short-toleration.yaml"), "--out",
                out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode fixed = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(summary.get("requests").get("failed").asLong(), fixed.get("requests").get("failed").asLong(),
                "the same requests hang until the node is NotReady");
        double taintedAt = fixed.get("nodes").get("failures").get(0).get("taintedAt").asDouble();
        List<Double> evictions = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("events.jsonl"))) {
            JsonNode e = JSON.readTree(line);
            if (e.get("reason").asText().equals("TaintManagerEviction")) {
                evictions.add(e.get("time").asDouble());
            }
        }
        assertEquals(List.of(taintedAt + 30, taintedAt + 30), evictions);
        assertEquals(6, fixed.get("deployments").get("payments").get("availableReplicas").asInt());
    }
}
