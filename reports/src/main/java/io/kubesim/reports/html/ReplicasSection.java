package io.kubesim.reports.html;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Desired, ready and available replicas of each workload against time (Deployments from the
 * {@code deployment_*} series, StatefulSets, DaemonSets, Jobs, ReplicaSets and the other kinds
 * from {@code workload_*}), one chart each, actions shaded. The workloads that spent the most
 * replica-seconds below desired come first; the first {@link #TOP} are drawn.
 */
final class ReplicasSection implements ReportSection {
    /** Workloads drawn at most; the rest are counted below the charts. */
    static final int TOP = 6;

    /** One workload's three lines, found by the series' labels. */
    private record Workload(String title, RunOutputs.Series desired, RunOutputs.Series ready,
                            RunOutputs.Series available) {
        /** Replica-seconds below desired (available under desired, summed over the samples' spans). */
        double shortfall() {
            if (available == null) {
                return 0;
            }
            double sum = 0;
            double[] t = available.times();
            for (int i = 1; i < t.length && i < desired.values().length; i++) {
                sum += Math.max(0, desired.values()[i - 1] - available.values()[i - 1]) * (t[i] - t[i - 1]);
            }
            return sum;
        }
    }

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
        List<Workload> all = new ArrayList<>();
        for (RunOutputs.Series d : c.run().series("deployment_replicas_desired")) {
            all.add(new Workload("Deployment " + d.label("deployment"), d,
                    same(c, "deployment_pods_ready", d), same(c, "deployment_pods_available", d)));
        }
        for (RunOutputs.Series d : c.run().series("workload_replicas_desired")) {
            all.add(new Workload(d.label("kind") + " " + d.label("workload"), d,
                    same(c, "workload_pods_ready", d), same(c, "workload_pods_available", d)));
        }
        if (all.isEmpty()) {
            return "";
        }
        List<Workload> ranked = new ArrayList<>(all); // stable: equal shortfalls keep the file's order
        ranked.sort(Comparator.comparingDouble(Workload::shortfall).reversed());
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < ranked.size() && i < TOP; i++) {
            Workload w = ranked.get(i);
            XYSeriesCollection data = new XYSeriesCollection();
            data.addSeries(xy("desired", w.desired()));
            if (w.ready() != null) {
                data.addSeries(xy("ready", w.ready()));
            }
            if (w.available() != null) {
                data.addSeries(xy("available", w.available()));
            }
            JFreeChart chart = ChartFactory.createXYLineChart(w.title(), "seconds", "replicas", data,
                    PlotOrientation.VERTICAL, true, false, false);
            SvgCharts.lines(chart.getXYPlot());
            SvgCharts.actionBands(chart.getXYPlot(), c.chartBands());
            out.append(SvgCharts.svg("replicas-" + i, chart, SvgCharts.WIDTH, SvgCharts.HEIGHT)).append('\n');
        }
        if (ranked.size() > TOP) {
            out.append("<p class=\"more\">").append(ranked.size() - TOP)
                    .append(" more workload(s), less time below desired, in timeseries.csv</p>\n");
        }
        return out.toString();
    }

    private static RunOutputs.Series same(ReportContext c, String name, RunOutputs.Series desired) {
        for (RunOutputs.Series x : c.run().series(name)) {
            if (x.labels().equals(desired.labels())) {
                return x;
            }
        }
        return null;
    }

    /** Downsampled like every time chart; ready and available keep each bucket's lowest (the dips are the story). */
    private static XYSeries xy(String key, RunOutputs.Series s) {
        return ChartData.line(key, s, key.equals("desired") ? ChartData.Reduce.MAX : ChartData.Reduce.MIN, 1);
    }
}
