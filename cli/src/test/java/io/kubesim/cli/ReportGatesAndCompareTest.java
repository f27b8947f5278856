package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gates' verdicts persisted in summary.json so {@code kubesim report RUN_DIR} rebuilds the
 * verdict, and {@code kubesim report RUN_A RUN_B}: the bad and the fixed scenario of a pair
 * (no-prestop.yaml, prestop-sleep.yaml) on shared axes with the differences called out.
 */
class ReportGatesAndCompareTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRIPS = "failed[checkout] > 0";
    private static final String PASSES = "outageSeconds[checkout] > 100000";

    @TempDir
    static Path shared;
    static Path bad;
    static Path fixed;
    static CliHarness.Result badRun;

    @TempDir
    Path tmp;

    @BeforeAll
    static void runThePair() {
        bad = shared.resolve("no-prestop");
        fixed = shared.resolve("prestop-sleep");
        badRun = CliHarness.run("run", CliHarness.library("no-prestop.yaml"), "--out", bad.toString(), "-q",
                "--fail-on", TRIPS, "--fail-on", PASSES);
        assertEquals(ExitCodes.GATE_TRIPPED, badRun.exitCode(), badRun.err());
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("prestop-sleep.yaml"), "--out", fixed.toString(), "-q");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    }

    private static JsonNode summary(Path run) throws IOException {
        return JSON.readTree(run.resolve("summary.json").toFile());
    }

    @Test
    @DisplayName("summary.json gates: each gate with its measured value and whether it tripped, in check order")
    void gatesInTheSummary() throws Exception {
        JsonNode gates = summary(bad).path("gates");
        assertEquals(2, gates.size(), gates.toString());
        assertEquals(TRIPS, gates.get(0).path("gate").asText());
        assertTrue(gates.get(0).path("tripped").asBoolean());
        JsonNode s = summary(bad);
        assertEquals(s.at("/services/checkout/failed").asDouble() - s.at("/startup/byService/checkout/failed").asDouble(),
                gates.get(0).path("measured").asDouble(), "what the gate measured");
        assertEquals(PASSES, gates.get(1).path("gate").asText());
        assertFalse(gates.get(1).path("tripped").asBoolean());
        assertTrue(badRun.err().contains("gate failed: " + TRIPS + ": measured "), badRun.err());
        assertFalse(summary(fixed).has("gates"), "a run without gates: summary.json as before");
    }

    @Test
    @DisplayName("report RUN_DIR rebuilds the verdict of a run with gates: the same page, the tripped gate's line as run printed it")
    void reportRebuildsTheVerdict() throws Exception {
        String page = Files.readString(bad.resolve("report.html"));
        String line = badRun.err().lines().filter(l -> l.startsWith("gate failed: ")).findFirst().orElseThrow();
        assertTrue(page.contains("1 of 2 gate(s) tripped"), "the verdict");
        assertTrue(page.contains("<li>" + line.replace(">", "&gt;") + "</li>"), "the line run printed: " + line);
        Path copy = tmp.resolve("copy");
        Files.createDirectories(copy);
        for (String f : new String[] {"summary.json", "timeseries.csv", "events.jsonl"}) {
            Files.copy(bad.resolve(f), copy.resolve(f));
        }
        CliHarness.Result r = CliHarness.run("report", copy.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertEquals(page, Files.readString(copy.resolve("report.html")), "rebuilt byte for byte, verdict included");
    }

    @Test
    @DisplayName("report RUN_A RUN_B writes RUN_B/compare.html: the differences called out, the numbers side by side, both runs on shared axes; the same bytes twice")
    void comparePair() throws Exception {
        CliHarness.Result r = CliHarness.run("report", bad.toString(), fixed.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        Path file = fixed.resolve("compare.html");
        assertEquals("wrote " + file, r.out().strip());
        String page = Files.readString(file);
        JsonNode a = summary(bad);
        JsonNode b = summary(fixed);
        String failedA = failed(a);
        String failedB = failed(b);
        assertFalse(failedA.equals(failedB), "the pair differs in failed requests");
        assertTrue(page.contains("<li><b>failed requests</b>: " + failedA + " → " + failedB + "</li>"), "called out");
        assertTrue(page.contains("<tr class=\"diff\"><th>failed requests</th><td class=\"num\">" + failedA
                + "</td><td class=\"num\">" + failedB + "</td></tr>"), "side by side, marked as a difference");
        String minA = a.at("/workloads/Deployment~1checkout/minAvailable").asText();
        String minB = b.at("/workloads/Deployment~1checkout/minAvailable").asText();
        assertTrue(page.contains("<th>Deployment/checkout min available</th><td class=\"num\">" + minA
                + "</td><td class=\"num\">" + minB + "</td>"), "min available of both");
        assertTrue(page.contains("Deployment/checkout rollout seconds"), "rollout seconds of both");
        assertTrue(page.contains("action 1 (rollout checkout) settled after (s)"), "each action's settling time");
        assertTrue(page.contains(">available pods of Deployment/checkout<") && page.contains(">A available<")
                && page.contains(">B available<"), "one chart, both runs");
        assertTrue(page.contains(">A failed<") && page.contains(">B failed<"), "failures of both on one chart");
        assertFalse(page.contains("<script"), "no script");

        Path other = tmp.resolve("deep/compare.html");
        assertEquals(ExitCodes.OK, CliHarness.run("report", bad.toString(), fixed.toString(), "--out", other.toString()).exitCode());
        assertEquals(page, Files.readString(other), "--out, and the same bytes twice");
    }

    @Test
    @DisplayName("report RUN_A RUN_B with a directory that is no run: exit 2 naming it")
    void compareWithNoRun() {
        CliHarness.Result r = CliHarness.run("report", bad.toString(), tmp.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
        assertEquals("error: " + tmp + ": no summary.json (expected the --out directory of kubesim run)", r.err().strip());
    }

    private static String failed(JsonNode s) {
        long total = s.at("/requests/total").asLong();
        long failed = s.at("/requests/failed").asLong();
        return String.format(Locale.ROOT, "%,d of %,d (%.2f %%)", failed, total, 100.0 * failed / total);
    }
}
