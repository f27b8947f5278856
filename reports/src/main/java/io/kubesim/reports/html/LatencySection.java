package io.kubesim.reports.html;

import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Latency percentiles (p50, p95, p99) of each Service's requests against time, the Services with
 * the highest p99 first; downsampled lines keep each bucket's peak.
 */
final class LatencySection implements ReportSection {
    /** Services drawn at most. */
    static final int TOP = 6;
    private static final List<String> PERCENTILES = List.of("p50", "p95", "p99");

    @Override
    public String id() {
        return "latency";
    }

    @Override
    public String title() {
        return "Latency";
    }

    @Override
    public String render(ReportContext c) {
        List<RunOutputs.Series> p99 = c.run().series("service_latency_p99_ms");
        if (p99.isEmpty()) {
            return "";
        }
        List<RunOutputs.Series> ranked = ChartData.ranked(p99, ChartData::max, s -> s.label("service"));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(TOP, ranked.size()); i++) {
            RunOutputs.Series top = ranked.get(i);
            XYSeriesCollection data = new XYSeriesCollection();
            for (String p : PERCENTILES) {
                for (RunOutputs.Series s : c.run().series("service_latency_" + p + "_ms")) {
                    if (s.labels().equals(top.labels())) {
                        data.addSeries(ChartData.line(p, s, ChartData.Reduce.MAX, 1));
                    }
                }
            }
            JFreeChart chart = ChartFactory.createXYLineChart("Service " + top.label("service") + ": latency", "seconds",
                    "ms", data, PlotOrientation.VERTICAL, true, false, false);
            SvgCharts.lines(chart.getXYPlot());
            SvgCharts.actionBands(chart.getXYPlot(), c.chartBands());
            ChartData.runTime(chart.getXYPlot(), c);
            out.append(SvgCharts.svg("latency-" + i, chart, SvgCharts.WIDTH, SvgCharts.HEIGHT)).append('\n');
        }
        List<String> names = new ArrayList<>();
        ranked.forEach(s -> names.add(s.label("service")));
        out.append(ChartData.more(names, TOP, "Service(s)"));
        return out.toString();
    }
}
