package io.kubesim.reports.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * compare.html: two runs on shared axes, typically the bad and the fixed scenario of a pair
 * ({@code no-prestop.yaml} against {@code prestop-sleep.yaml}). First the differences called out
 * (the numbers that changed, A then B), then the table of the numbers side by side (failed
 * requests, outages, the fewest available pods and the seconds below desired per workload,
 * rollout seconds, evictions, each timeline action's settling time and failures), then charts
 * with both runs on one time axis: the available replicas of each workload and the failed
 * requests per sample.
 */
public final class ComparisonPage {
    /** Workloads drawn at most; the rest stay in the table. */
    static final int TOP = 6;
    /** Points per line at most: longer series are folded into buckets keeping each bucket's extreme. */
    static final int MAX_POINTS = 600;
    private static final Color A = new Color(214, 39, 40);
    private static final Color B = new Color(31, 119, 180);

    private ComparisonPage() {
    }

    /** The page comparing run {@code a} (shown first, red) with run {@code b} (blue). */
    public static String render(RunOutputs a, RunOutputs b) {
        String nameA = a.summary().path("scenario").asText();
        String nameB = b.summary().path("scenario").asText();
        List<Row> rows = rows(a.summary(), b.summary());
        StringBuilder body = new StringBuilder();
        body.append("<section id=\"differences\">\n<h2>Differences</h2>\n");
        List<Row> changed = rows.stream().filter(Row::differs).toList();
        if (changed.isEmpty()) {
            body.append("<div class=\"verdict info\">no differences in these numbers</div>\n");
        } else {
            body.append("<ul class=\"differences\">\n");
            for (Row r : changed) {
                body.append("<li><b>").append(Html.escape(r.name)).append("</b>: ").append(Html.escape(r.a))
                        .append(" → ").append(Html.escape(r.b)).append("</li>\n");
            }
            body.append("</ul>\n");
        }
        body.append("</section>\n<section id=\"side-by-side\">\n<h2>Side by side</h2>\n<table>\n<tr><th></th><th>A: ")
                .append(Html.escape(nameA)).append("</th><th>B: ").append(Html.escape(nameB)).append("</th></tr>\n");
        for (Row r : rows) {
            body.append(r.differs() ? "<tr class=\"diff\">" : "<tr>").append("<th>").append(Html.escape(r.name))
                    .append("</th><td class=\"num\">").append(Html.escape(r.a)).append("</td><td class=\"num\">")
                    .append(Html.escape(r.b)).append("</td></tr>\n");
        }
        body.append("</table>\n</section>\n<section id=\"charts\">\n<h2>Both runs against time</h2>\n");
        double end = Math.max(a.summary().path("simulatedSeconds").asDouble(), b.summary().path("simulatedSeconds").asDouble());
        int i = 0;
        for (String w : workloads(a, b)) {
            if (i == TOP) {
                break;
            }
            XYSeriesCollection data = new XYSeriesCollection();
            add(data, "A available", available(a, w), true);
            add(data, "B available", available(b, w), true);
            body.append(chart("compare-replicas-" + i, "available pods of " + w, "pods", data, end, a)).append('\n');
            i++;
        }
        XYSeriesCollection failed = new XYSeriesCollection();
        add(failed, "A failed", failedPerSample(a), false);
        add(failed, "B failed", failedPerSample(b), false);
        if (failed.getSeriesCount() > 0) {
            body.append(chart("compare-failed", "failed requests per sample (summed over Services)", "requests", failed, end, a))
                    .append('\n');
        }
        body.append("<p>Shaded: the timeline actions of A.</p>\n</section>\n");
        String title = "kubesim: " + nameA + " vs " + nameB;
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + Html.escape(title) + "</title>\n<style>\n" + HtmlReport.CSS + CSS + "</style>\n</head>\n<body>\n"
                + "<header><h1>" + Html.escape(title) + "</h1>\n<nav>\n<a href=\"#differences\">Differences</a>\n"
                + "<a href=\"#side-by-side\">Side by side</a>\n<a href=\"#charts\">Both runs against time</a>\n</nav>\n</header>\n"
                + "<main>\n" + body + "</main>\n</body>\n</html>\n";
    }

    private static final String CSS = """
            tr.diff th, tr.diff td { background: #fff4e5; }
            ul.differences li { margin: 3px 0; }
            """;

    /** One compared number: its name and each run's value as text (differs when the texts do). */
    private record Row(String name, String a, String b) {
        boolean differs() {
            return !a.equals(b);
        }
    }

    private static List<Row> rows(JsonNode a, JsonNode b) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("failed requests", failed(a), failed(b)));
        rows.add(new Row("longest outage", longestOutage(a), longestOutage(b)));
        rows.add(new Row("outage seconds (all Services)", seconds(sum(a.path("services"), "outageSeconds")),
                seconds(sum(b.path("services"), "outageSeconds"))));
        for (String w : union(a.path("workloads"), b.path("workloads"))) {
            JsonNode wa = a.path("workloads").path(w);
            JsonNode wb = b.path("workloads").path(w);
            rows.add(new Row(w + " min available", text(wa.path("minAvailable")), text(wb.path("minAvailable"))));
            rows.add(new Row(w + " seconds below desired", text(wa.path("secondsBelowDesired")),
                    text(wb.path("secondsBelowDesired"))));
            if (wa.path("rollouts").path("count").asInt() + wb.path("rollouts").path("count").asInt() > 0) {
                rows.add(new Row(w + " rollout seconds", list(wa.path("rollouts").path("seconds")),
                        list(wb.path("rollouts").path("seconds"))));
            }
        }
        rows.add(new Row("pods evicted", text(a.path("pods").path("evicted")), text(b.path("pods").path("evicted"))));
        rows.add(new Row("longest pending (s)", text(a.path("pods").path("longestPendingSeconds")),
                text(b.path("pods").path("longestPendingSeconds"))));
        int actions = Math.max(a.path("actions").size(), b.path("actions").size());
        for (int i = 0; i < actions; i++) {
            JsonNode xa = a.path("actions").path(i);
            JsonNode xb = b.path("actions").path(i);
            String name = "action " + (i + 1) + " (" + label(xa.isMissingNode() ? xb : xa) + ")";
            rows.add(new Row(name + " settled after (s)", settled(xa), settled(xb)));
            rows.add(new Row(name + " failed", text(xa.path("failed")), text(xb.path("failed"))));
        }
        return rows;
    }

    private static String label(JsonNode action) {
        return action.path("kind").asText() + " " + action.path("target").asText();
    }

    private static String settled(JsonNode action) {
        if (action.isMissingNode()) {
            return "-";
        }
        return action.path("seconds").isNumber() ? seconds(action.path("seconds").asDouble()) : "not settled";
    }

    private static String failed(JsonNode s) {
        JsonNode r = s.path("requests");
        if (!r.has("total")) {
            return "-";
        }
        long total = r.path("total").asLong();
        long failed = r.path("failed").asLong();
        return String.format(Locale.ROOT, "%,d of %,d (%.2f %%)", failed, total, total == 0 ? 0.0 : 100.0 * failed / total);
    }

    private static String longestOutage(JsonNode s) {
        double longest = 0;
        String service = "";
        for (Map.Entry<String, JsonNode> e : iterable(s.path("services").fields())) {
            double o = e.getValue().path("outageSeconds").asDouble();
            if (o > longest) {
                longest = o;
                service = e.getKey();
            }
        }
        return longest == 0 ? "none" : seconds(longest) + " s (" + service + ")";
    }

    private static double sum(JsonNode services, String field) {
        double sum = 0;
        for (JsonNode s : services) {
            sum += s.path(field).asDouble();
        }
        return sum;
    }

    private static String seconds(double v) {
        return ActionCostSection.number(v);
    }

    private static String text(JsonNode v) {
        if (v.isMissingNode()) {
            return "-";
        }
        if (v.isNull()) {
            return "n/a";
        }
        return v.isNumber() ? ActionCostSection.number(v.asDouble()) : v.asText();
    }

    private static String list(JsonNode v) {
        if (!v.isArray() || v.isEmpty()) {
            return "-";
        }
        List<String> out = new ArrayList<>();
        v.forEach(x -> out.add(text(x)));
        return String.join(", ", out);
    }

    private static Set<String> union(JsonNode a, JsonNode b) {
        Set<String> out = new TreeSet<>();
        a.fieldNames().forEachRemaining(out::add);
        b.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** The workloads to draw ({@code Deployment/web}), by name: those of either run. */
    private static Set<String> workloads(RunOutputs a, RunOutputs b) {
        return union(a.summary().path("workloads"), b.summary().path("workloads"));
    }

    /** Available pods of {@code kind/name} against time: the deployment_* or workload_* series. */
    private static RunOutputs.Series available(RunOutputs run, String workload) {
        int slash = workload.indexOf('/');
        String kind = workload.substring(0, slash);
        String name = workload.substring(slash + 1);
        if (kind.equals("Deployment")) {
            for (RunOutputs.Series s : run.series("deployment_pods_available")) {
                if (s.label("deployment").equals(name)) {
                    return s;
                }
            }
        }
        for (RunOutputs.Series s : run.series("workload_pods_available")) {
            if (s.label("kind").equals(kind) && s.label("workload").equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** Failed requests of each sample, summed over every Service and cause. */
    private static RunOutputs.Series failedPerSample(RunOutputs run) {
        Map<Double, Double> sum = new TreeMap<>();
        for (RunOutputs.Series s : run.series("service_failed")) {
            for (int i = 0; i < s.times().length; i++) {
                sum.merge(s.times()[i], s.values()[i], Double::sum);
            }
        }
        for (RunOutputs.Series s : run.series("service_requests")) {
            for (double t : s.times()) {
                sum.putIfAbsent(t, 0.0);
            }
        }
        if (sum.isEmpty()) {
            return null;
        }
        double[] t = new double[sum.size()];
        double[] v = new double[sum.size()];
        int i = 0;
        for (Map.Entry<Double, Double> e : sum.entrySet()) {
            t[i] = e.getKey();
            v[i++] = e.getValue();
        }
        return new RunOutputs.Series("failed", "", t, v);
    }

    /**
     * Adds {@code s} as a line, folded to at most {@link #MAX_POINTS} points: each bucket keeps its
     * lowest value ({@code low}, for available pods: a dip stays visible) or its highest (failures).
     */
    private static void add(XYSeriesCollection data, String key, RunOutputs.Series s, boolean low) {
        if (s == null) {
            return;
        }
        XYSeries x = new XYSeries(key, false, true);
        int n = s.times().length;
        int per = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
        for (int i = 0; i < n; i += per) {
            double v = s.values()[i];
            for (int j = i + 1; j < Math.min(n, i + per); j++) {
                v = low ? Math.min(v, s.values()[j]) : Math.max(v, s.values()[j]);
            }
            x.add(s.times()[i], v, false);
        }
        data.addSeries(x);
    }

    private static String chart(String id, String title, String unit, XYSeriesCollection data, double end, RunOutputs a) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, "seconds", unit, data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        SvgCharts.lines(plot);
        plot.getDomainAxis().setRange(0, Math.max(end, 1));
        plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD); // B's thin line over A's thick one
        for (int i = 0; i < data.getSeriesCount(); i++) {
            boolean isA = ((String) data.getSeriesKey(i)).startsWith("A ");
            plot.getRenderer().setSeriesPaint(i, isA ? A : B);
            plot.getRenderer().setSeriesStroke(i, new BasicStroke(isA ? 2.5f : 1.5f));
        }
        SvgCharts.actionBands(plot, ReportContext.of(a).chartBands());
        return SvgCharts.svg(id, chart, SvgCharts.WIDTH, SvgCharts.HEIGHT);
    }

    private static <T> Iterable<T> iterable(Iterator<T> it) {
        return () -> it;
    }
}
