package io.kubesim.reports.sweep;

import io.kubesim.reports.html.Html;
import io.kubesim.reports.html.HtmlReport;
import io.kubesim.reports.html.SvgCharts;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * sweep.html: the sweep's ranking as a table and its objective as a chart, drawn with the report's
 * machinery (JFreeChart to inline SVG, the report's style): for one swept parameter a line of the
 * objective's mean over its values with the 95 % interval as a band; for two, a heatmap of the
 * mean over both (more than two: the first two, each cell the best point over the others).
 */
public final class SweepPage {
    private SweepPage() {
    }

    /**
     * @param shown     the quantities of the ranking's columns: the objective's first (charted), then the
     *                  constraints'
     * @param goal      how it reads ({@code min failed})
     * @param ranking   point positions (in the table) best first
     * @param feasible  for each of {@code ranking}, whether it meets every constraint
     */
    public static String render(SweepTable t, List<String> shown, String goal, List<Integer> ranking,
                                List<Boolean> feasible) {
        String objective = shown.get(0);
        StringBuilder body = new StringBuilder();
        body.append("<header><h1>kubesim sweep: ").append(Html.escape(t.scenario())).append("</h1></header>\n<main>\n");
        body.append("<p>").append(t.points().size()).append(" point(s) x ").append(t.seeds().size())
                .append(" replication(s); objective <b>").append(Html.escape(goal)).append("</b>. Parameters: ")
                .append(Html.escape(String.join(", ", t.parameters()))).append(".</p>\n");
        int q = t.quantity(objective);
        if (q >= 0) {
            body.append("<h2>").append(Html.escape(objective)).append("</h2>\n");
            body.append(t.parameters().size() == 1 ? line(t, q, objective) : heatmap(t, q, objective,
                    goal.startsWith("min"))).append('\n');
        }
        body.append("<h2>Ranking</h2>\n<table class=\"ranking\">\n<tr><th>rank</th><th>point</th>");
        for (String p : t.parameters()) {
            body.append("<th>").append(Html.escape(SweepTable.shortName(p))).append("</th>");
        }
        for (String quantity : shown) {
            body.append("<th>").append(Html.escape(quantity)).append(" (mean [95 % CI])</th>");
        }
        body.append("</tr>\n");
        int rank = 0;
        for (int i = 0; i < ranking.size(); i++) {
            int p = ranking.get(i);
            SweepTable.Point point = t.points().get(p);
            body.append("<tr").append(feasible.get(i) ? "" : " class=\"infeasible\"").append("><td>")
                    .append(feasible.get(i) ? Integer.toString(++rank) : "-").append("</td><td>").append(point.index())
                    .append("</td>");
            for (String v : point.values()) {
                body.append("<td>").append(Html.escape(v)).append("</td>");
            }
            if (t.refused(p)) {
                body.append("<td colspan=\"").append(shown.size()).append("\">refused: ")
                        .append(Html.escape(t.refusals().get(p))).append("</td>");
            } else {
                for (String quantity : shown) {
                    int column = t.quantity(quantity);
                    body.append("<td>").append(column < 0 ? "" : Html.escape(t.stats(p, column).describe()))
                            .append("</td>");
                }
            }
            body.append("</tr>\n");
        }
        body.append("</table>\n<p class=\"note\">Rows marked - are not ranked: a constraint not met, or a point refused; sweep.txt says which.</p>\n</main>\n");
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>kubesim sweep: "
                + Html.escape(t.scenario()) + "</title>\n<style>\n" + HtmlReport.CSS
                + "table.ranking td, table.ranking th {padding: 2px 8px; text-align: left}\n"
                + "tr.infeasible {color: #888}\n</style>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
    }

    public static void write(SweepTable t, List<String> shown, String goal, List<Integer> ranking, List<Boolean> feasible,
                             Path file) throws IOException {
        Files.writeString(file, render(t, shown, goal, ranking, feasible), StandardCharsets.UTF_8);
    }

    /** The distinct values of parameter {@code k} in grid order. */
    private static List<String> values(SweepTable t, int k) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        t.points().forEach(p -> out.add(p.values().get(k)));
        return new ArrayList<>(out);
    }

    /** One parameter: the mean over its values, the interval as a band. */
    private static String line(SweepTable t, int q, String objective) {
        List<String> xs = values(t, 0);
        YIntervalSeries s = new YIntervalSeries(objective);
        for (int p = 0; p < t.points().size(); p++) {
            MeanInterval m = t.stats(p, q);
            if (Double.isNaN(m.mean())) {
                continue;
            }
            double x = xs.indexOf(t.points().get(p).values().get(0));
            s.add(x, m.mean(), m.hasInterval() ? m.low() : m.mean(), m.hasInterval() ? m.high() : m.mean());
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(s);
        SymbolAxis x = new SymbolAxis(SweepTable.shortName(t.parameters().get(0)), xs.toArray(new String[0]));
        NumberAxis y = new NumberAxis(objective);
        DeviationRenderer r = new DeviationRenderer(true, true);
        r.setSeriesPaint(0, new Color(31, 119, 180));
        r.setSeriesFillPaint(0, new Color(31, 119, 180));
        r.setAlpha(0.2f);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        return SvgCharts.svg("sweep-line", chart, SvgCharts.WIDTH, SvgCharts.HEIGHT);
    }

    /** Two parameters or more: the mean over the first two, the best over the others in each cell. */
    private static String heatmap(SweepTable t, int q, String objective, boolean minimize) {
        List<String> xs = values(t, 0);
        List<String> ys = values(t, 1);
        double[][] best = new double[xs.size()][ys.size()];
        for (double[] row : best) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < t.points().size(); p++) {
            double m = t.stats(p, q).mean();
            if (Double.isNaN(m)) {
                continue;
            }
            int i = xs.indexOf(t.points().get(p).values().get(0));
            int j = ys.indexOf(t.points().get(p).values().get(1));
            if (Double.isNaN(best[i][j]) || (minimize ? m < best[i][j] : m > best[i][j])) {
                best[i][j] = m;
            }
            lo = Math.min(lo, m);
            hi = Math.max(hi, m);
        }
        List<double[]> cells = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            for (int j = 0; j < ys.size(); j++) {
                if (!Double.isNaN(best[i][j])) {
                    cells.add(new double[] {i, j, best[i][j]});
                }
            }
        }
        double[][] series = new double[3][cells.size()];
        for (int k = 0; k < cells.size(); k++) {
            series[0][k] = cells.get(k)[0];
            series[1][k] = cells.get(k)[1];
            series[2][k] = cells.get(k)[2];
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries(objective, series);
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        LookupPaintScale scale = new LookupPaintScale(lo, hi, Color.GRAY);
        for (int k = 0; k <= 20; k++) {
            double v = lo + (hi - lo) * k / 20.0;
            float f = (float) (k / 20.0);
            // better values greener, worse redder, whichever way the objective points
            float good = minimize ? 1 - f : f;
            scale.add(v, new Color(1 - good * 0.8f, 0.35f + good * 0.5f, 0.3f));
        }
        XYBlockRenderer r = new XYBlockRenderer();
        r.setPaintScale(scale);
        SymbolAxis x = new SymbolAxis(SweepTable.shortName(t.parameters().get(0)), xs.toArray(new String[0]));
        SymbolAxis y = new SymbolAxis(SweepTable.shortName(t.parameters().get(1)), ys.toArray(new String[0]));
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        NumberAxis legendAxis = new NumberAxis(objective);
        legendAxis.setRange(lo, hi);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 4, 4, 4);
        chart.addSubtitle(legend);
        return (t.parameters().size() > 2 ? "<p class=\"note\">Each cell: the best over "
                + Html.escape(String.join(", ", t.parameters().subList(2, t.parameters().size()))) + ".</p>\n" : "")
                + SvgCharts.svg("sweep-heatmap", chart, SvgCharts.WIDTH, 360);
    }
}
