package io.kubesim.reports.html;

import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Pending pods (left axis) against the cluster's nodes and schedulable nodes (right axis): a
 * drain, a failure or the cluster autoscaler read as nodes leaving or arriving while pods wait.
 */
final class ClusterSection implements ReportSection {
    @Override
    public String id() {
        return "cluster";
    }

    @Override
    public String title() {
        return "Pending pods and nodes";
    }

    @Override
    public String render(ReportContext c) {
        List<RunOutputs.Series> pending = c.run().series("cluster_pods_pending");
        if (pending.isEmpty()) {
            return "";
        }
        XYSeriesCollection pods = new XYSeriesCollection();
        pods.addSeries(ChartData.line("pending pods", pending.get(0), ChartData.Reduce.MAX, 1));
        JFreeChart chart = ChartFactory.createXYLineChart("Pending pods and nodes", "seconds", "pending pods", pods,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        SvgCharts.lines(plot);
        ChartData.counts(plot.getRangeAxis());
        XYSeriesCollection nodes = new XYSeriesCollection();
        for (RunOutputs.Series s : c.run().series("cluster_nodes")) {
            nodes.addSeries(ChartData.line("nodes", s, ChartData.Reduce.MAX, 1));
        }
        for (RunOutputs.Series s : c.run().series("cluster_nodes_schedulable")) {
            // the dips are the story (a cordon, a failure): keep each bucket's lowest
            nodes.addSeries(ChartData.line("schedulable nodes", s, ChartData.Reduce.MIN, 1));
        }
        if (nodes.getSeriesCount() > 0) {
            ChartData.rightAxis(plot, nodes, "nodes", ChartData.pathLines());
            ChartData.counts(plot.getRangeAxis(1));
        }
        SvgCharts.actionBands(plot, c.chartBands());
        ChartData.runTime(plot, c);
        return SvgCharts.svg("cluster", chart, SvgCharts.WIDTH, SvgCharts.HEIGHT) + "\n";
    }
}
