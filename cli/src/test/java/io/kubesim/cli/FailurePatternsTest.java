package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed failure patterns as (bad, fixed) pairs of library scenarios: each pair differs in one
 * setting, and the test asserts the direction and the documented size of the difference.
 */
class FailurePatternsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private JsonNode summary(String scenario) throws IOException {
        Path out = tmp.resolve(scenario);
        CliHarness.Result r = CliHarness.run("run", CliHarness.library(scenario), "--out", out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        return JSON.readTree(out.resolve("summary.json").toFile());
    }

    @Test
    @DisplayName("no preStop: a rolling deploy under load fails about 1.2 % of requests: refused (502) while each old pod "
            + "shuts down, connect timeouts (504) once it is gone; a 5 s preStop sleep: none")
    void preStopSleep() throws IOException {
        JsonNode bad = summary("no-prestop.yaml").get("requests");
        JsonNode fixed = summary("prestop-sleep.yaml").get("requests");
        long total = bad.get("total").asLong();
        long failed = bad.get("failed").asLong();
        assertTrue(total > 60_000, "300 req/s for 4 minutes");
        assertTrue(failed > total * 0.005 && failed < total * 0.03, "documented as about 1.2 %: " + failed);
        // k8s-semantics.md 17.5: alive and not listening refuses; a vanished address lets the connect time out.
        long refused = bad.get("byCause").get("connection_refused").asLong();
        long timedOut = bad.get("byCause").get("connect_timeout").asLong();
        assertEquals(failed, refused + timedOut, "every failure is a connection the old pod did not take");
        assertTrue(refused > 0 && timedOut > 0, bad.toString());
        assertEquals(refused, bad.get("byStatus").get("502").asLong());
        assertEquals(timedOut, bad.get("byStatus").get("504").asLong());
        assertEquals(0, fixed.get("failed").asLong());
        assertEquals(total, fixed.get("total").asLong(), 5, "the same load");
    }

    private static double p99(JsonNode summary, String service) {
        return summary.get("services").get(service).get("p99Ms").asDouble();
    }

    @Test
    @DisplayName("readiness before warm-up: about 6 % of requests fail (503/504) and p99 reaches seconds; calibrated: none")
    void earlyReadiness() throws IOException {
        JsonNode bad = summary("early-readiness.yaml");
        JsonNode fixed = summary("calibrated-readiness.yaml");
        long total = bad.get("requests").get("total").asLong();
        long failed = bad.get("requests").get("failed").asLong();
        assertTrue(failed > total * 0.03 && failed < total * 0.12, "documented as about 6 %: " + failed);
        JsonNode causes = bad.get("requests").get("byCause");
        assertEquals(failed, causes.path("queue_full").asLong() + causes.path("timeout").asLong(),
                "slow new pods fill their queues and time out");
        assertTrue(p99(bad, "search") > 1000, "p99 above a second: " + p99(bad, "search"));
        assertTrue(bad.get("outages").size() > 0, "the service counts as out during the warm-ups");
        assertEquals(0, fixed.get("requests").get("failed").asLong());
        assertTrue(p99(fixed, "search") < 200, "warm pods only: " + p99(fixed, "search"));
        assertTrue(rolloutSeconds(fixed) > rolloutSeconds(bad), "waiting for warm pods makes the rollout slower");
    }

    @Test
    @DisplayName("80 % load, maxUnavailable 25 %: queue_full failures and p99 doubles; maxUnavailable 0 / maxSurge 1: none")
    void maxUnavailableUnderLoad() throws IOException {
        JsonNode bad = summary("default-max-unavailable.yaml");
        JsonNode fixed = summary("zero-max-unavailable.yaml");
        long total = bad.get("requests").get("total").asLong();
        long failed = bad.get("requests").get("failed").asLong();
        assertTrue(failed > total * 0.002 && failed < total * 0.03, "documented as about 0.7 %: " + failed);
        assertEquals(3, bad.get("deployments").get("orders").get("minAvailableObserved").asInt());
        assertTrue(p99(bad, "orders") > 1.5 * p99(fixed, "orders"), "queueing shows in p99");
        assertEquals(0, fixed.get("requests").get("failed").asLong());
        assertEquals(4, fixed.get("deployments").get("orders").get("minAvailableObserved").asInt());
    }

    private static double rolloutSeconds(JsonNode summary) {
        JsonNode d = summary.get("deployments").elements().next();
        return d.get("rollouts").get(0).get("seconds").asDouble();
    }

    @Test
    @DisplayName("Online Boutique rolled out service by service under a replayed trace: failures per service, surfacing at the frontend")
    void onlineBoutiqueRollout() throws IOException {
        JsonNode s = summary("online-boutique-rollout.yaml");
        JsonNode services = s.get("services");
        for (String rolled : new String[]{"productcatalogservice", "currencyservice", "cartservice", "adservice",
                "recommendationservice", "shippingservice", "checkoutservice", "frontend"}) {
            JsonNode svc = services.get(rolled);
            assertTrue(svc.get("requests").asLong() > 0, rolled + " receives traffic");
            assertTrue(svc.get("failedByCause").path("connection_refused").asLong()
                    + svc.get("failedByCause").path("connect_timeout").asLong() > 0,
                    rolled + ": refused while its old pod terminated, or timed out connecting once it was gone");
        }
        assertEquals(0, services.get("redis-cart").get("failed").asLong(), "never rolled out, never failing");
        JsonNode frontend = services.get("frontend").get("failedByCause");
        assertTrue(frontend.get("dependency_failed").asLong() > frontend.path("connection_refused").asLong()
                + frontend.path("connect_timeout").asLong(),
                "most frontend failures are its dependencies' rollouts");
        long total = s.get("requests").get("total").asLong();
        long failed = s.get("requests").get("failed").asLong();
        assertTrue(total > 15_000, "the trace's requests from 2m on, compressed 4x: " + total);
        assertTrue(failed > total * 0.005 && failed < total * 0.03, "documented as about 1.4 %: " + failed);
    }

    @Test
    @DisplayName("40k req/s: auto picks the fluid mode; a rollout at 25 % maxUnavailable keeps 36 pods at 81 % and fails nothing")
    void highTrafficRollout() throws IOException {
        JsonNode s = summary("high-traffic-rollout.yaml");
        JsonNode requests = s.get("requests");
        assertEquals("fluid", requests.get("mode").asText());
        assertTrue(requests.get("total").asLong() > 30_000_000, "a ramp to 40k/s: " + requests.get("total"));
        assertEquals(0, requests.get("failed").asLong());
        assertEquals(36, s.get("deployments").get("edge-api").get("minAvailableObserved").asInt());
        assertTrue(p99(s, "edge-api") < 100, "p99 stays near the service time's: " + p99(s, "edge-api"));
    }

    @Test
    @DisplayName("upgrade drain, no PDB: every replica terminated at once and an outage; with minAvailable 2: blocked evictions, no outage, a longer drain")
    void drainDuringUpgrade() throws IOException {
        JsonNode bad = summary("drain-no-pdb.yaml");
        assertTrue(bad.get("outages").size() > 0, "cart has no ready endpoint while the replacements start");
        assertTrue(bad.get("requests").get("failed").asLong() > 0);
        JsonNode badDrain = bad.get("drains").get(0);
        assertEquals("pool-a-1", badDrain.get("node").asText());
        assertEquals(0, badDrain.get("evictionsBlocked").asLong());
        List<Double> kills = killingTimes("drain-no-pdb.yaml");
        assertEquals(3, kills.size(), "each of the 3 old replicas is stopped once");
        assertTrue(kills.get(2) - kills.get(0) <= 1.0, "all within a second: " + kills);

        JsonNode fixed = summary("drain-with-pdb.yaml");
        assertEquals(0, fixed.get("outages").size());
        assertEquals(0, fixed.get("requests").get("failed").asLong(), "2 replicas serve throughout");
        JsonNode fixedDrain = fixed.get("drains").get(0);
        assertTrue(fixedDrain.get("evictionsBlocked").asLong() > 0);
        assertEquals(fixedDrain.get("evictionsBlocked").asLong(), fixed.get("pods").get("evictionsBlocked").asLong());
        assertTrue(fixedDrain.get("seconds").asDouble() > badDrain.get("seconds").asDouble(),
                "waiting for the budget makes the drain longer");
        List<Double> fixedKills = killingTimes("drain-with-pdb.yaml");
        assertTrue(fixedKills.get(1) - fixedKills.get(0) >= 5, "one replica at a time: " + fixedKills);
    }

    /** Times (s) of the Killing events of the cart pods that were on the drained node, from events.jsonl. */
    private List<Double> killingTimes(String scenario) throws IOException {
        List<Double> out = new java.util.ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(tmp.resolve(scenario).resolve("events.jsonl"))) {
            JsonNode e = JSON.readTree(line);
            if (e.get("reason").asText().equals("Killing") && e.get("object").asText().startsWith("Pod/default/cart-")) {
                out.add(e.get("time").asDouble());
            }
        }
        return out;
    }
}
