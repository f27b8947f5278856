package io.kubesim.reports.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * The verdict at the top: the gates (passed, or each tripped gate with its measured value), then
 * the worst numbers of the run (failed requests, the longest outage, the workload longest below
 * desired, the longest pending pod), then the timeline of actions the charts below shade.
 */
final class VerdictSection implements ReportSection {
    @Override
    public String id() {
        return "verdict";
    }

    @Override
    public String title() {
        return "Verdict";
    }

    @Override
    public String render(ReportContext c) {
        StringBuilder out = new StringBuilder();
        if (!c.gateFailures().isEmpty()) {
            out.append("<div class=\"verdict fail\">").append(c.gateFailures().size()).append(" of ")
                    .append(c.gatesChecked()).append(" gate(s) tripped</div>\n<ul>\n");
            for (String line : c.gateFailures()) {
                out.append("<li>").append(Html.escape(line)).append("</li>\n");
            }
            out.append("</ul>\n");
        } else if (c.gatesChecked() > 0) {
            out.append("<div class=\"verdict pass\">all ").append(c.gatesChecked()).append(" gate(s) passed</div>\n");
        } else {
            out.append("<div class=\"verdict info\">no gates</div>\n");
        }
        JsonNode s = c.run().summary();
        JsonNode requests = s.path("requests");
        out.append("<table>\n");
        if (requests.has("total")) {
            long total = requests.path("total").asLong();
            long failed = requests.path("failed").asLong();
            row(out, "requests failed", String.format(Locale.ROOT, "%,d of %,d (%.2f %%)", failed, total,
                    total == 0 ? 0.0 : 100.0 * failed / total));
        }
        double outage = 0;
        String outageService = "";
        for (var e : iterable(s.path("services").fields())) {
            double o = e.getValue().path("outageSeconds").asDouble();
            if (o > outage) {
                outage = o;
                outageService = e.getKey();
            }
        }
        row(out, "longest outage", outage == 0 ? "none" : String.format(Locale.ROOT, "%.1f s (%s)", outage, outageService));
        worstWorkload(out, s.path("workloads"));
        JsonNode pods = s.path("pods");
        if (pods.path("longestPendingSeconds").asDouble() > 0) {
            row(out, "longest pending", String.format(Locale.ROOT, "%.1f s (%d pending at the end)",
                    pods.path("longestPendingSeconds").asDouble(), pods.path("pendingAtEnd").asLong()));
        }
        row(out, "simulated", String.format(Locale.ROOT, "%.0f s, seed %d", s.path("simulatedSeconds").asDouble(),
                s.path("seed").asLong()));
        out.append("</table>\n");
        timeline(out, c);
        return out.toString();
    }

    /** The workload longest below its desired replicas, with the fewest it had available. */
    private static void worstWorkload(StringBuilder out, JsonNode workloads) {
        String worst = null;
        double seconds = 0;
        JsonNode w = null;
        for (var e : iterable(workloads.fields())) {
            double below = e.getValue().path("secondsBelowDesired").asDouble();
            if (below > seconds) {
                seconds = below;
                worst = e.getKey();
                w = e.getValue();
            }
        }
        row(out, "longest below desired", worst == null ? "none" : String.format(Locale.ROOT,
                "%s: %.1f s, at least %d of %d available", worst, seconds, w.path("minAvailable").asLong(),
                w.path("desired").asLong()));
    }

    /** The timeline actions in play order, each with its window: the bands every chart below shades. */
    private static void timeline(StringBuilder out, ReportContext c) {
        if (c.actions().isEmpty()) {
            return;
        }
        out.append("<p class=\"timeline\"><strong>Timeline:</strong> ");
        List<ReportContext.ActionBand> bands = c.chartBands();
        for (int i = 0; i < bands.size(); i++) {
            ReportContext.ActionBand a = bands.get(i);
            out.append(i == 0 ? "" : "; ").append(Html.escape(a.label())).append(' ')
                    .append(String.format(Locale.ROOT, "%.0f&ndash;%.0f s", a.start(), a.end()));
        }
        out.append(" (shaded in every chart");
        if (bands.size() < c.actions().size()) {
            out.append(String.format(Locale.ROOT, "; %,d actions, grouped by kind: each is in the action-cost table",
                    c.actions().size()));
        }
        out.append(")</p>\n");
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(Html.escape(value)).append("</td></tr>\n");
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        return () -> it;
    }
}
