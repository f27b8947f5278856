package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The time-series charts of report.html on library scenarios: each section where the run has its
 * data and only there, every line downsampled, the page small, and the same bytes from the same run.
 */
class ReportChartsTest {
    /** Points per chart line at most (ChartData.MAX_POINTS in reports). */
    private static final int MAX_POINTS = 300;
    private static final List<String> CHART_SECTIONS = List.of("requests", "latency", "cluster", "hpa", "nodes");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}: {1}")
    @DisplayName("the charts present are those the run has data for")
    @CsvSource(delimiter = '|', textBlock = """
            no-prestop.yaml               | requests latency cluster nodes
            hpa-diurnal.yaml              | requests latency cluster hpa nodes
            cluster-autoscaler-burst.yaml | cluster nodes
            """)
    void sectionsFollowTheData(String scenario, String expected) throws Exception {
        Path out = tmp.resolve("run");
        CliHarness.Result r = CliHarness.run("run", CliHarness.library(scenario), "--out", out.toString(), "-q");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        String page = Files.readString(out.resolve("report.html"));
        List<String> present = new ArrayList<>();
        for (String id : CHART_SECTIONS) {
            if (page.contains("<section id=\"" + id + "\">")) {
                present.add(id);
            }
        }
        assertEquals(expected, String.join(" ", present));
        // hpa-diurnal writes a point per second for an hour: every line is cut to MAX_POINTS
        Matcher path = Pattern.compile(" d='([^']*)'").matcher(page);
        while (path.find()) {
            long segments = path.group(1).chars().filter(c -> c == 'L').count();
            assertTrue(segments < MAX_POINTS + 8, "a path of " + segments + " points");
        }
        assertTrue(page.length() < 1_500_000, "report.html of " + scenario + " is " + page.length() + " bytes");
    }

    @Test
    @DisplayName("the largest library run by timeseries.csv draws a report under 1.5 MB, the same bytes when rebuilt")
    void largestLibraryRunStaysSmallAndDeterministic() throws Exception {
        Path out = tmp.resolve("run");
        assertEquals(ExitCodes.OK, CliHarness.run("run", CliHarness.library("online-boutique-rollout.yaml"), "--out",
                out.toString(), "-q").exitCode());
        String page = Files.readString(out.resolve("report.html"));
        assertTrue(page.length() < 1_500_000, page.length() + " bytes");
        assertTrue(page.contains("more Service(s) in timeseries.csv"), "top N Services, the rest named");
        Files.delete(out.resolve("report.html"));
        assertEquals(ExitCodes.OK, CliHarness.run("report", out.toString()).exitCode());
        assertEquals(page, Files.readString(out.resolve("report.html")), "the same run draws the same bytes");
    }
}
