package io.kubesim.reports.html;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Each HorizontalPodAutoscaler: its target's current and its desired replicas (left axis) against
 * the CPU utilization it computed and its target utilization (right axis, percent of requests),
 * sampled at its syncs.
 */
final class HpaSection implements ReportSection {
    /** HPAs drawn at most. */
    static final int TOP = 6;

    @Override
    public String id() {
        return "hpa";
    }

    @Override
    public String title() {
        return "Horizontal Pod Autoscalers";
    }

    @Override
    public String render(ReportContext c) {
        List<RunOutputs.Series> current = c.run().series("hpa_current_replicas");
        if (current.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < current.size(); i++) {
            RunOutputs.Series cur = current.get(i);
            names.add(cur.label("hpa"));
            if (i >= TOP) {
                continue;
            }
            XYSeriesCollection replicas = new XYSeriesCollection();
            replicas.addSeries(ChartData.line("current replicas", cur, ChartData.Reduce.MAX, 1));
            same(c, "hpa_desired_replicas", cur).forEach(s -> replicas.addSeries(ChartData.line("desired replicas", s,
                    ChartData.Reduce.MAX, 1)));
            JFreeChart chart = ChartFactory.createXYLineChart("HorizontalPodAutoscaler " + cur.label("hpa"), "seconds",
                    "replicas", replicas, PlotOrientation.VERTICAL, true, false, false);
            XYPlot plot = chart.getXYPlot();
            SvgCharts.lines(plot);
            ChartData.counts(plot.getRangeAxis());
            XYSeriesCollection cpu = new XYSeriesCollection();
            same(c, "hpa_current_cpu_utilization", cur).forEach(s -> cpu.addSeries(ChartData.line("cpu utilization %", s,
                    ChartData.Reduce.MAX, 1)));
            same(c, "hpa_target_cpu_utilization", cur).forEach(s -> cpu.addSeries(ChartData.line("target %", s,
                    ChartData.Reduce.MAX, 1)));
            if (cpu.getSeriesCount() > 0) {
                XYLineAndShapeRenderer r = ChartData.pathLines();
                r.setSeriesPaint(0, new Color(255, 127, 14));
                r.setSeriesPaint(1, new Color(127, 127, 127));
                r.setSeriesStroke(1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {6f, 4f}, 0f));
                ChartData.rightAxis(plot, cpu, "percent of requests", r);
            }
            SvgCharts.actionBands(plot, c.chartBands());
            ChartData.runTime(plot, c);
            out.append(SvgCharts.svg("hpa-" + i, chart, SvgCharts.WIDTH, SvgCharts.HEIGHT)).append('\n');
        }
        out.append(ChartData.more(names, TOP, "HorizontalPodAutoscaler(s)"));
        return out.toString();
    }

    /** The series {@code name} with the labels of {@code like} (the same HPA). */
    private static List<RunOutputs.Series> same(ReportContext c, String name, RunOutputs.Series like) {
        return c.run().series(name).stream().filter(s -> s.labels().equals(like.labels())).toList();
    }
}
