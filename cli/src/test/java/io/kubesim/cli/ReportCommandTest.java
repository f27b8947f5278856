package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run writes report.html, one self-contained page; {@code kubesim report RUN_DIR} rebuilds it from the outputs. */
class ReportCommandTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("run writes a self-contained report.html with charts, byte-identical for the same run; report rebuilds it")
    void runWritesTheReport() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        for (Path out : new Path[] {a, b}) {
            assertEquals(ExitCodes.OK, CliHarness.run("run", CliHarness.library("rolling-update.yaml"), "--out",
                    out.toString(), "-q").exitCode());
        }
        String page = Files.readString(a.resolve("report.html"));
        assertTrue(page.startsWith("<!DOCTYPE html>"), page.substring(0, 40));
        assertTrue(page.contains("<svg"), "charts are inline SVG");
        assertTrue(page.contains("Deployment web"), "the replicas chart of the Deployment");
        for (String external : new String[] {"<script src", "<link", "@import", "url(http"}) {
            assertFalse(page.contains(external), "no external resource: " + external);
        }
        assertEquals(page, Files.readString(b.resolve("report.html")), "the same run draws the same bytes");

        Files.delete(a.resolve("report.html"));
        CliHarness.Result r = CliHarness.run("report", a.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertEquals(page, Files.readString(a.resolve("report.html")), "rebuilt from the outputs (a run without gates)");
    }

    @Test
    @DisplayName("the verdict names the worst numbers of summary.json and the timeline of actions the charts shade")
    void verdictWorstNumbersAndTimeline() throws Exception {
        Path out = tmp.resolve("drain");
        assertEquals(ExitCodes.OK, CliHarness.run("run", CliHarness.library("drain-no-pdb.yaml"), "--out",
                out.toString(), "-q").exitCode());
        var summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("summary.json").toFile());
        String page = Files.readString(out.resolve("report.html"));
        String verdict = page.substring(page.indexOf("<section id=\"verdict\">"), page.indexOf("</section>"));
        var cart = summary.get("workloads").get("Deployment/cart");
        assertTrue(verdict.contains(String.format(java.util.Locale.ROOT,
                "<tr><th>longest below desired</th><td>Deployment/cart: %.1f s, at least %d of %d available</td></tr>",
                cart.get("secondsBelowDesired").asDouble(), cart.get("minAvailable").asLong(),
                cart.get("desired").asLong())), verdict);
        var action = summary.get("actions").get(0);
        assertTrue(verdict.contains("<strong>Timeline:</strong> " + action.get("kind").asText() + " "
                + action.get("target").asText() + " " + action.get("start").asText() + "&ndash;"), verdict);
    }

    @Test
    @DisplayName("report of a damaged timeseries.csv or events.jsonl: exit 2 with the file and line, nothing written")
    void damagedOutputs() throws Exception {
        Path out = tmp.resolve("damaged");
        assertEquals(ExitCodes.OK, CliHarness.run("run", CliHarness.library("no-prestop.yaml"), "--out", out.toString(),
                "-q", "--until", "30s").exitCode());
        Files.delete(out.resolve("report.html"));
        Files.writeString(out.resolve("timeseries.csv"), "time,series,labels,value\n0,cluster_nodes,,3\n1,cluster_nodes\n");
        CliHarness.Result r = CliHarness.run("report", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
        assertEquals("error: " + out.resolve("timeseries.csv") + ":3:1: expected time,series,labels,value", r.err().strip());
        assertFalse(Files.exists(out.resolve("report.html")));

        Files.writeString(out.resolve("timeseries.csv"), "time,series,labels,value\n0,cluster_nodes,,3\n");
        Files.writeString(out.resolve("events.jsonl"), "{\"time\":0}\n{oops\n");
        r = CliHarness.run("report", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
        assertTrue(r.err().strip().startsWith("error: " + out.resolve("events.jsonl") + ":2:2: not JSON ("), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    @DisplayName("report --out to a place that cannot be written: exit 2 with one line; a bad run creates no folder")
    void unwritableOut() throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(ExitCodes.OK, CliHarness.run("run", CliHarness.library("no-prestop.yaml"), "--out", run.toString(),
                "-q", "--until", "10s").exitCode());
        Files.writeString(tmp.resolve("a-file"), "x");
        CliHarness.Result r = CliHarness.run("report", run.toString(), "--out", tmp.resolve("a-file/page.html").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
        assertTrue(r.err().startsWith("error: --out " + tmp.resolve("a-file/page.html") + ": cannot write the page ("),
                r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());

        r = CliHarness.run("report", tmp.resolve("no-run").toString(), "--out", tmp.resolve("new/page.html").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
        assertFalse(Files.exists(tmp.resolve("new")), "nothing written for a run that cannot be read");
    }

    @Test
    @DisplayName("report of a directory that is no run: exit 2 naming the missing file")
    void notARun() {
        CliHarness.Result r = CliHarness.run("report", tmp.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
        assertEquals("error: " + tmp + ": no summary.json (expected the --out directory of kubesim run)", r.err().strip());
    }
}
