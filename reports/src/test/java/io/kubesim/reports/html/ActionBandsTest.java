package io.kubesim.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The timeline actions every chart shades: each one while they are few; a day of a thousand
 * rollouts and drains is grouped by kind, so the page stays readable and its size does not grow
 * with the actions (each band was a labelled marker in every chart: 3 MB per chart at 1,001
 * actions).
 */
class ActionBandsTest {
    @TempDir
    Path tmp;

    private static ReportContext context(List<ReportContext.ActionBand> bands) {
        return new ReportContext(null, bands, List.of(), 0);
    }

    private static ReportContext.ActionBand band(String label, double start, double end) {
        return new ReportContext.ActionBand(label, start, end);
    }

    @Test
    @DisplayName("up to 20 actions each get their own band")
    void fewAreKept() {
        List<ReportContext.ActionBand> bands = new ArrayList<>();
        for (int i = 0; i < ReportContext.MAX_CHART_BANDS; i++) {
            bands.add(band("rollout web-" + i, i * 100, i * 100 + 150));
        }
        assertEquals(bands, context(bands).chartBands());
    }

    @Test
    @DisplayName("overlapping windows of one kind become one band labelled with their count")
    void overlappingAreMerged() {
        List<ReportContext.ActionBand> bands = new ArrayList<>();
        bands.add(band("nodePoolUpgrade pool", 500, 5_000));
        for (int i = 0; i < 30; i++) {
            bands.add(band("rollout svc-" + i, 100 + i * 50, 100 + i * 50 + 120)); // each overlaps the next
        }
        bands.add(band("rollout late", 9_000, 9_100));
        assertEquals(List.of(band("rollout \u00d730", 100, 1_670), band("nodePoolUpgrade pool", 500, 5_000),
                band("rollout late", 9_000, 9_100)), context(bands).chartBands());
    }

    @Test
    @DisplayName("too many separate windows: one band per kind, from its first start to its last end")
    void separateBecomeSpans() {
        List<ReportContext.ActionBand> bands = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            bands.add(band("rollout svc-" + i, i * 86.4, i * 86.4 + 60)); // apart from each other
        }
        bands.add(band("drain pool-1", 7_200, 7_300));
        assertEquals(List.of(band("rollout \u00d71,000", 0, 999 * 86.4 + 60), band("drain pool-1", 7_200, 7_300)),
                context(bands).chartBands());
    }

    @Test
    @DisplayName("a page with 1,001 actions shades a few groups and says so in its timeline; its charts stay small")
    void pageWithManyActions() throws IOException {
        StringBuilder actions = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            actions.append(i == 0 ? "" : ",").append("{\"kind\": \"rollout\", \"target\": \"svc-").append(i)
                    .append("\", \"start\": ").append(i * 86.4).append(", \"end\": ").append(i * 86.4 + 60).append('}');
        }
        actions.append(",{\"kind\": \"nodePoolUpgrade\", \"target\": \"pool\", \"start\": 7200, \"end\": 80000}");
        Files.writeString(tmp.resolve("summary.json"), "{\"scenario\": \"synthetic\", \"simulatedSeconds\": 86400, "
                + "\"actions\": [" + actions + "]}");
        StringBuilder csv = new StringBuilder("time,series,labels,value\n");
        for (int t = 0; t < 86_400; t += 300) {
            csv.append(t).append(",service_requests,service=web,100\n");
        }
        Files.writeString(tmp.resolve("timeseries.csv"), csv.toString());
        Files.writeString(tmp.resolve("events.jsonl"), "");
        String page = HtmlReport.render(ReportContext.of(RunOutputs.read(tmp)));
        assertTrue(page.contains("rollout \u00d71,000 0&ndash;86374 s"), "the grouped band in the timeline");
        assertTrue(page.contains("1,001 actions, grouped by kind"), "the timeline says they are grouped");
        int requests = page.indexOf("<section id=\"requests\">");
        int end = page.indexOf("</section>", requests);
        assertTrue(end - requests < 100_000, "the requests chart: " + (end - requests) + " characters");
    }
}
