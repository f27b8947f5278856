package io.kubesim.reports.html;

import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Desired, ready and available replicas of each Deployment against time, one chart each, actions shaded. */
final class ReplicasSection implements ReportSection {
    /** Deployments drawn at most; the rest are named below the charts. */
    static final int TOP = 6;

    @Override
    public String id() {
        return "replicas";
    }

    @Override
    public String title() {
        return "Replicas";
    }

    @Override
    public String render(ReportContext c) {
        List<RunOutputs.Series> desired = c.run().series("deployment_replicas_desired");
        if (desired.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (RunOutputs.Series d : desired) {
            if (i == TOP) {
                out.append("<p>").append(desired.size() - TOP).append(" more Deployment(s) in timeseries.csv</p>\n");
                break;
            }
            String name = d.label("deployment");
            XYSeriesCollection data = new XYSeriesCollection();
            data.addSeries(xy("desired", d));
            for (String s : List.of("deployment_pods_ready", "deployment_pods_available")) {
                for (RunOutputs.Series x : c.run().series(s)) {
                    if (x.labels().equals(d.labels())) {
                        data.addSeries(xy(s.substring("deployment_pods_".length()), x));
                    }
                }
            }
            JFreeChart chart = ChartFactory.createXYLineChart("Deployment " + name, "seconds", "replicas", data,
                    PlotOrientation.VERTICAL, true, false, false);
            SvgCharts.lines(chart.getXYPlot());
            SvgCharts.actionBands(chart.getXYPlot(), c.actions());
            out.append(SvgCharts.svg("replicas-" + i, chart, SvgCharts.WIDTH, SvgCharts.HEIGHT)).append('\n');
            i++;
        }
        return out.toString();
    }

    /** Downsampled like every time chart; ready and available keep each bucket's lowest (the dips are the story). */
    private static XYSeries xy(String key, RunOutputs.Series s) {
        return ChartData.line(key, s, key.equals("desired") ? ChartData.Reduce.MAX : ChartData.Reduce.MIN, 1);
    }
}
