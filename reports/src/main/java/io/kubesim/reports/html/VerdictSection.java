package io.kubesim.reports.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The verdict at the top: the gates (passed, or each tripped gate with its measured value), then
 * the worst numbers of the run: failed requests, the longest outage, the fewest available pods.
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
        row(out, "simulated", String.format(Locale.ROOT, "%.0f s, seed %d", s.path("simulatedSeconds").asDouble(),
                s.path("seed").asLong()));
        out.append("</table>\n");
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(Html.escape(value)).append("</td></tr>\n");
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        return () -> it;
    }
}
