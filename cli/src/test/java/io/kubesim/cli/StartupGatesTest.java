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
 * summary.json {@code startup} per Service and the scenario's {@code warmup}, and the gates that
 * leave startup out: a cold start or a declared warm-up is not a regression. Variants of
 * library/no-prestop.yaml (4 checkout pods; 300 req/s from 1m; a rollout at 2m whose missing
 * preStop fails requests).
 */
class StartupGatesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** no-prestop with its manifest path made absolute, then {@code from} replaced by {@code to}. */
    private Path scenario(String name, String from, String to) throws IOException {
        String text = Files.readString(Path.of(CliHarness.library("no-prestop.yaml")))
                .replace("manifests/checkout.yaml", Path.of(CliHarness.library("manifests/checkout.yaml")).toString())
                .replace(from, to);
        Path file = tmp.resolve(name + ".yaml");
        Files.writeString(file, text);
        return file;
    }

    private JsonNode summary(Path out) throws IOException {
        return JSON.readTree(out.resolve("summary.json").toFile());
    }

    @Test
    @DisplayName("a Service's cold start is its startup: requests sent before its first ready endpoint count there, "
            + "and failed[svc] / errorRatio[svc] leave them out as the whole-run gates do")
    void coldStartPerService() throws IOException {
        Path file = scenario("cold-start", "steps: [{at: 0s, rate: 0}, {at: 1m, rate: 300}]", "steps: [{at: 0s, rate: 300}]");
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.indexOf("timeline:")));
        Path out = tmp.resolve("cold");
        CliHarness.Result r = CliHarness.run("run", file.toString(), "--out", out.toString(), "-q",
                "--fail-on", "failed > 0", "--fail-on", "failed[checkout] > 0", "--fail-on", "errorRatio[checkout] > 0");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode s = summary(out);
        JsonNode checkout = s.at("/startup/byService/checkout");
        long failed = s.at("/services/checkout/failed").asLong();
        assertTrue(failed > 0, "requests before the pods are ready fail");
        assertEquals(failed, checkout.get("failed").asLong(), s.get("startup").toString());
        assertEquals(s.at("/startup/requests").asLong(), checkout.get("requests").asLong());
        assertTrue(checkout.get("until").asDouble() > 0 && checkout.get("until").asDouble() < 60, checkout.toString());
        assertEquals(0, s.at("/startup/warmupSeconds").asDouble());
        assertTrue(checkout.get("requests").asLong() < s.at("/services/checkout/requests").asLong(),
                "after startup the requests count in gates again");
    }

    @Test
    @DisplayName("no-prestop sends no request before its pods are up: checkout's startup ends at its first ready "
            + "endpoint with nothing in it, and failed[checkout] sees every failure")
    void noStartupNoEntry() throws IOException {
        Path out = tmp.resolve("plain");
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("no-prestop.yaml"), "--out", out.toString(), "-q",
                "--fail-on", "failed[checkout] > 0");
        assertEquals(ExitCodes.GATE_TRIPPED, r.exitCode(), r.err());
        JsonNode s = summary(out);
        assertEquals(s.at("/services/checkout/failed").asText(),
                r.err().strip().replaceAll(".*measured (\\S+).*", "$1"));
        JsonNode checkout = s.at("/startup/byService/checkout");
        assertEquals(0, checkout.get("requests").asLong(), checkout.toString());
        assertTrue(checkout.get("until").asDouble() > 0 && checkout.get("until").asDouble() < 60, checkout.toString());
    }

    @Test
    @DisplayName("warmup: requests in the intervals before it ends are startup, whatever happened in them (here the "
            + "rollout's failures), kept out of the gates and out of the action's window")
    void warmupIsStartup() throws IOException {
        Path file = scenario("warmup", "duration: 5m\n", "duration: 5m\nwarmup: 3m\n");
        Path out = tmp.resolve("warm");
        CliHarness.Result r = CliHarness.run("run", file.toString(), "--out", out.toString(), "-q",
                "--fail-on", "failed > 0", "--fail-on", "errorRatio > 0", "--fail-on", "failed[checkout] > 0",
                "--fail-on", "errorRatio[checkout] > 0", "--fail-on", "action[rollout checkout].failed > 0");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode s = summary(out);
        long failed = s.at("/requests/failed").asLong();
        assertTrue(failed > 0, "the rollout still fails requests");
        assertEquals(180, s.at("/startup/warmupSeconds").asDouble());
        assertEquals(failed, s.at("/startup/failed").asLong());
        assertEquals(180, s.at("/startup/byService/checkout/until").asDouble());
        assertEquals(failed, s.at("/startup/byService/checkout/failed").asLong());
        assertEquals(0, s.at("/actions/0/failed").asLong(), "startup comes first");
    }

    @Test
    @DisplayName("a warmup longer than the run is exit 2 at its line and column, before anything is written")
    void warmupLongerThanTheRun() throws IOException {
        Path file = scenario("long-warmup", "duration: 5m\n", "duration: 5m\nwarmup: 10m\n");
        Path out = tmp.resolve("never");
        CliHarness.Result r = CliHarness.run("run", file.toString(), "--out", out.toString(), "-q");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertEquals("error: " + file + ":17:9: warmup 10m0s is longer than the duration 5m0s: expected at most the "
                + "duration", r.err().strip());
        assertFalse(Files.exists(out));
    }

    @ParameterizedTest(name = "{0} traffic")
    @ValueSource(strings = {"exact", "fluid"})
    @DisplayName("latencies follow the requests: with a warmup over the whole run every served request is startup, "
            + "so startup's p99 is the run's, the rollout's window and the baseline have none, and latency gates see none")
    void warmupOverTheWholeRunHoldsEveryLatency(String mode) throws IOException {
        Path file = scenario("warm-all-" + mode, "duration: 5m\n", "duration: 5m\nwarmup: 5m\n");
        Path out = tmp.resolve("warm-all-" + mode);
        CliHarness.Result r = CliHarness.run("run", file.toString(), "--out", out.toString(), "-q", "--traffic-mode", mode,
                "--fail-on", "p99Ms > 0", "--fail-on", "p99Ms[checkout] > 0", "--fail-on", "action[1].p99Ms > 0");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode s = summary(out);
        double runP99 = s.at("/services/checkout/p99Ms").asDouble();
        assertTrue(runP99 > 0);
        assertEquals(0, s.at("/services/checkout/p99MsAfterStartup").asDouble(), "latency gates measure this");
        assertEquals(runP99, s.at("/startup/p99Ms/checkout").asDouble(), s.get("startup").toString());
        assertTrue(s.at("/actions/0/p99Ms").isEmpty(), s.get("actions").toString());
        assertTrue(s.at("/baseline/p99Ms").isEmpty(), s.get("baseline").toString());
    }

    @Test
    @DisplayName("without an action or a startup request, the baseline holds every served request: its p99 is the run's")
    void baselineP99WithoutActions() throws IOException {
        Path file = scenario("no-actions", "timeline:", "unused:");
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.indexOf("unused:")));
        Path out = tmp.resolve("no-actions");
        CliHarness.Result r = CliHarness.run("run", file.toString(), "--out", out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode s = summary(out);
        assertEquals(s.at("/services/checkout/p99Ms").asDouble(), s.at("/baseline/p99Ms/checkout").asDouble(),
                s.get("baseline").toString());
        assertEquals(s.at("/services/checkout/p99Ms").asDouble(), s.at("/services/checkout/p99MsAfterStartup").asDouble());
        assertTrue(s.at("/startup/p99Ms").isEmpty(), s.get("startup").toString());
    }
}
