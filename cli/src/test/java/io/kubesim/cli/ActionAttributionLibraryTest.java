package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * summary.json's {@code actions}, {@code startup} and {@code baseline} on the library pairs: what
 * a timeline action cost is read inside its window, from the action's start to the first sample at
 * which the cluster had settled after it.
 */
class ActionAttributionLibraryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Windows close at a sample: at most one sample interval (the library's 1 s) after settling. */
    private static final double SAMPLE = 1;

    @TempDir
    static Path tmp;

    private static JsonNode summary(String scenario) throws IOException {
        Path out = tmp.resolve(scenario);
        CliHarness.Result r = CliHarness.run("run", CliHarness.library(scenario), "--out", out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        return JSON.readTree(out.resolve("summary.json").toFile());
    }

    private static JsonNode onlyAction(JsonNode summary) {
        assertEquals(1, summary.get("actions").size(), summary.get("actions").toString());
        return summary.get("actions").get(0);
    }

    @Test
    @DisplayName("no-prestop: the rollout's window ends when the rollout completed, and holds every failed request")
    void noPrestopFailuresAllInsideTheRollout() throws IOException {
        JsonNode s = summary("no-prestop.yaml");
        JsonNode rollout = onlyAction(s);
        assertEquals("rollout", rollout.get("kind").asText());
        assertEquals("checkout", rollout.get("target").asText());
        JsonNode completed = s.get("deployments").get("checkout").get("rollouts").get(0);
        assertEquals(completed.get("start").asDouble(), rollout.get("start").asDouble());
        double settled = rollout.get("end").asDouble();
        // Settled once the rollout completed and the last request lost on a gone pod's address had
        // failed: its connect waited out the client's 10 s timeout (k8s-semantics.md 17.5).
        assertTrue(settled >= completed.get("end").asDouble() && settled <= completed.get("end").asDouble() + 10 + SAMPLE,
                "settled at the first sample after the rollout completed and its lost requests failed: " + rollout);

        long failed = s.get("requests").get("failed").asLong();
        assertTrue(failed > 0, "no-prestop fails requests during its rollout");
        assertEquals(failed, rollout.get("failed").asLong());
        JsonNode byCause = rollout.get("failedByService").get("checkout").get("byCause");
        assertEquals(failed, byCause.get("connection_refused").asLong() + byCause.get("connect_timeout").asLong());
        assertEquals(0, s.get("baseline").get("failed").asLong());
        assertEquals(0, s.get("startup").get("failed").asLong());
        assertEquals(s.get("requests").get("total").asLong(), rollout.get("requests").asLong()
                + s.get("baseline").get("requests").asLong() + s.get("startup").get("requests").asLong(),
                "every request is in the window, the baseline or the startup");
    }

    @Test
    @DisplayName("no-prestop: the rollout's p99Ms is the p99 of the requests served in its window, at most the peak "
            + "of the per-interval p99s sampled in it")
    void rolloutP99IsThePercentileOfItsWindow() throws IOException {
        JsonNode rollout = onlyAction(summary("no-prestop.yaml"));
        double p99 = rollout.get("p99Ms").get("checkout").asDouble();
        double peak = rollout.get("peakP99Ms").get("checkout").asDouble();
        assertTrue(p99 > 0 && p99 <= peak, rollout.toString());
    }

    @ParameterizedTest(name = "{0} traffic")
    @ValueSource(strings = {"exact", "fluid"})
    @DisplayName("a window open over every served request (a rollout stuck on an image that does not exist, before "
            + "the traffic starts) has the whole run's p99")
    void windowOverTheWholeRunHasTheRunsP99(String mode) throws IOException {
        String scenario = Files.readString(Path.of(CliHarness.library("no-prestop.yaml")))
                .replace("manifests/checkout.yaml", Path.of(CliHarness.library("manifests/checkout.yaml")).toString())
                .replace("  - at: 2m\n", "  - at: 30s\n")
                .replace("registry.example.com/checkout:1.5.0", "registry.example.com/checkout:missing")
                + "registry:\n  images:\n    registry.example.com/checkout:missing: {pullError: NotFound}\n";
        Path file = tmp.resolve("stuck-rollout-" + mode + ".yaml");
        Files.writeString(file, scenario);
        Path out = tmp.resolve("stuck-rollout-" + mode);
        CliHarness.Result r = CliHarness.run("run", file.toString(), "--out", out.toString(), "-q", "--traffic-mode", mode);
        assertEquals(0, r.exitCode(), r.err());
        JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
        JsonNode rollout = onlyAction(s);
        assertTrue(rollout.get("end").isNull(), "the rollout never completes: " + rollout);
        double runP99 = s.get("services").get("checkout").get("p99Ms").asDouble();
        assertTrue(runP99 > 0);
        assertEquals(runP99, rollout.get("p99Ms").get("checkout").asDouble(), rollout.toString());
    }

    @Test
    @DisplayName("drain-no-pdb: the upgrade's window holds the drain and the cart outage, and ends once the drain is "
            + "done and cart is back at its desired count")
    void drainNoPdbOutageInsideTheDrainWindow() throws IOException {
        JsonNode s = summary("drain-no-pdb.yaml");
        JsonNode upgrade = onlyAction(s);
        assertEquals("upgrade", upgrade.get("kind").asText());
        double start = upgrade.get("start").asDouble();
        double end = upgrade.get("end").asDouble();
        for (JsonNode d : s.get("drains")) {
            assertTrue(d.get("start").asDouble() >= start && d.get("end").asDouble() <= end, d.toString());
        }
        assertFalse(s.get("outages").isEmpty(), "drain-no-pdb takes cart out");
        double outage = 0;
        for (JsonNode o : s.get("outages")) {
            assertTrue(o.get("start").asDouble() >= start && o.get("end").asDouble() <= end, o + " inside " + upgrade);
            outage += o.get("seconds").asDouble();
        }
        assertEquals(outage, upgrade.get("outageSeconds").get("cart").asDouble());
        assertEquals(s.get("requests").get("failed").asLong(), upgrade.get("failed").asLong());
        assertEquals(0, upgrade.get("workloads").get("Deployment/cart").get("minAvailable").asInt(),
                "without a PodDisruptionBudget the drain evicts every cart pod at once");
        assertEquals(s.get("pods").get("evictedBy").get("drains").asLong(), upgrade.get("evictions").asLong());
    }

    @Test
    @DisplayName("node-failure: the window stays open until the replacements are available (tolerationSeconds after "
            + "the taint), not while the dead node's pods only look Ready")
    void nodeFailureSettlesWhenReplacementsAreReady() throws IOException {
        JsonNode s = summary("node-failure.yaml");
        JsonNode failure = onlyAction(s);
        assertEquals("failNodes", failure.get("kind").asText());
        JsonNode node = s.get("nodes").get("failures").get(0);
        double replacementsFrom = node.get("taintedAt").asDouble() + 300; // k8s-semantics.md 7: DefaultTolerationSeconds
        assertTrue(failure.get("end").asDouble() > replacementsFrom, failure.toString());
        assertEquals(s.get("requests").get("failed").asLong(), failure.get("failed").asLong());
        assertEquals(s.get("workloads").get("Deployment/payments").get("secondsBelowDesired").asDouble(),
                failure.get("workloads").get("Deployment/payments").get("secondsBelowDesired").asDouble(), SAMPLE);
    }

    @Test
    @DisplayName("the same run twice gives the same actions, startup and baseline")
    void deterministic() throws IOException {
        JsonNode a = summary("no-prestop.yaml");
        Path again = tmp.resolve("again");
        CliHarness.run("run", CliHarness.library("no-prestop.yaml"), "--out", again.toString(), "-q");
        JsonNode b = JSON.readTree(Files.readString(again.resolve("summary.json")));
        for (String field : new String[] {"actions", "startup", "baseline"}) {
            assertEquals(a.get(field), b.get(field), field);
        }
    }

    @Test
    @DisplayName("requests before a Service's first ready endpoint are startup, kept out of baseline and of every window")
    void coldStartIsStartup() throws IOException {
        String scenario = Files.readString(Path.of(CliHarness.library("no-prestop.yaml")))
                .replace("manifests/checkout.yaml", Path.of(CliHarness.library("manifests/checkout.yaml")).toString())
                .replace("steps: [{at: 0s, rate: 0}, {at: 1m, rate: 300}]", "steps: [{at: 0s, rate: 300}]")
                .replaceAll("(?s)timeline:.*", "");
        Path file = tmp.resolve("cold-start.yaml");
        Files.writeString(file, scenario);
        Path out = tmp.resolve("cold-start");
        CliHarness.Result r = CliHarness.run("run", file.toString(), "--out", out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
        long failed = s.get("requests").get("failed").asLong();
        assertTrue(failed > 0, "requests before the pods are ready fail");
        assertEquals(0, s.get("actions").size());
        assertEquals(failed, s.get("startup").get("failed").asLong());
        assertTrue(s.get("startup").get("failedByService").get("checkout").get("byCause").has("no_endpoints"));
        assertEquals(0, s.get("baseline").get("failed").asLong());
    }

    @Test
    @DisplayName("a Service that never has a ready endpoint (an unmet readiness gate) while requests come to it is out, "
            + "and its failures are baseline, not startup")
    void neverReadyServiceIsAnOutageNotStartup() throws IOException {
        String manifest = Files.readString(Path.of(CliHarness.library("manifests/checkout.yaml")))
                .replace("      terminationGracePeriodSeconds: 30",
                        "      terminationGracePeriodSeconds: 30\n      readinessGates: [{conditionType: example.com/never}]");
        Path manifests = tmp.resolve("never-ready-checkout.yaml");
        Files.writeString(manifests, manifest);
        String scenario = Files.readString(Path.of(CliHarness.library("no-prestop.yaml")))
                .replace("manifests/checkout.yaml", manifests.toString())
                .replaceAll("(?s)timeline:.*", "");
        Path file = tmp.resolve("never-ready.yaml");
        Files.writeString(file, scenario);
        Path out = tmp.resolve("never-ready");
        CliHarness.Result r = CliHarness.run("run", file.toString(), "--out", out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
        long failed = s.get("requests").get("failed").asLong();
        assertEquals(s.get("requests").get("total").asLong(), failed, "no request can be served");
        assertTrue(s.get("services").get("checkout").get("outageSeconds").asDouble() > 0, s.get("outages").toString());
        assertEquals(0, s.get("startup").get("failed").asLong());
        assertEquals(failed, s.get("baseline").get("failed").asLong());
    }

    @Test
    @DisplayName("statefulset-zone-failure: the zone failure settles only when orders-db is back, after its zone has a "
            + "node again (replacement nodes reuse the failed names; their new pods do not hold the window open)")
    void zoneFailureSettlesWhenTheStatefulSetIsBack() throws IOException {
        JsonNode s = summary("statefulset-zone-failure.yaml");
        JsonNode zone = s.get("actions").get(0);
        assertEquals("failZone", zone.get("kind").asText());
        JsonNode addNodes = s.get("actions").get(s.get("actions").size() - 1);
        assertEquals("addNodes", addNodes.get("kind").asText());
        assertFalse(zone.get("end").isNull(), zone.toString());
        assertTrue(zone.get("end").asDouble() > addNodes.get("start").asDouble(), zone.toString());
        assertEquals(addNodes.get("end"), zone.get("end"), "both settle when the StatefulSet is back at its desired count");
        assertEquals(s.get("workloads").get("StatefulSet/orders-db").get("secondsBelowDesired").asDouble(),
                zone.get("workloads").get("StatefulSet/orders-db").get("secondsBelowDesired").asDouble(), SAMPLE);
    }

    @Test
    @DisplayName("statefulset-rollout: a partitioned (canary) rollout is complete when the canary is Ready on the new "
            + "revision (kubectl rollout status), so its window settles then, though the current revision stays behind")
    void partitionedRolloutSettlesWithTheCanary() throws IOException {
        JsonNode s = summary("statefulset-rollout.yaml");
        JsonNode rollout = onlyAction(s);
        assertEquals("rollout", rollout.get("kind").asText());
        assertEquals("statefulset/orders-db", rollout.get("target").asText());
        double seconds = s.get("workloads").get("StatefulSet/orders-db").get("rollouts").get("seconds").get(0).asDouble();
        assertTrue(seconds > 0, s.get("workloads").toString());
        assertFalse(rollout.get("end").isNull(), rollout.toString());
        assertTrue(rollout.get("end").asDouble() >= rollout.get("start").asDouble() + seconds, rollout.toString());
        assertTrue(rollout.get("end").asDouble() < s.get("simulatedSeconds").asDouble(), rollout.toString());
    }
}
