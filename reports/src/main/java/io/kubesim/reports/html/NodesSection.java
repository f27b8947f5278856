package io.kubesim.reports.html;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Node CPU and memory usage against allocatable. A few nodes: one line per node and its
 * allocatable dashed in the same colour. Many nodes: a heatmap, a row per node and a column per
 * time bucket, coloured by usage / allocatable (the busiest nodes when there are more than rows).
 */
final class NodesSection implements ReportSection {
    /** Up to this many nodes are drawn as lines; more become a heatmap. */
    static final int LINE_NODES = 6;
    /** Heatmap rows (nodes) at most. */
    static final int HEATMAP_ROWS = 40;
    /** Heatmap columns (time buckets) at most. */
    static final int HEATMAP_COLUMNS = 100;
    private static final double GIB = 1024.0 * 1024 * 1024;
    private static final Color[] NODE_COLOURS = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75)};

    @Override
    public String id() {
        return "nodes";
    }

    @Override
    public String title() {
        return "Node CPU and memory";
    }

    /** One resource's usage and allocatable series, per node in the same order. */
    private record Resource(String title, String unit, double scale, List<RunOutputs.Series> usage,
                            List<RunOutputs.Series> allocatable) {
    }

    @Override
    public String render(ReportContext c) {
        List<Resource> resources = List.of(
                resource(c, "CPU", "cores", 1, "node_cpu_usage_cores", "node_cpu_allocatable_cores"),
                resource(c, "memory", "GiB", 1 / GIB, "node_memory_working_set_bytes", "node_memory_allocatable_bytes"));
        StringBuilder out = new StringBuilder();
        for (Resource r : resources) {
            if (r.usage().isEmpty()) {
                continue;
            }
            String id = "nodes-" + r.title().toLowerCase(java.util.Locale.ROOT);
            out.append(r.usage().size() <= LINE_NODES ? lines(c, r, id) : heatmap(c, r, id)).append('\n');
        }
        return out.toString();
    }

    private static Resource resource(ReportContext c, String title, String unit, double scale, String usage, String allocatable) {
        List<RunOutputs.Series> u = new ArrayList<>();
        List<RunOutputs.Series> a = new ArrayList<>();
        Map<String, RunOutputs.Series> allocatableByLabels = new java.util.HashMap<>();
        for (RunOutputs.Series x : c.run().series(allocatable)) {
            allocatableByLabels.putIfAbsent(x.labels(), x); // one series per name and labels
        }
        for (RunOutputs.Series s : c.run().series(usage)) {
            RunOutputs.Series x = allocatableByLabels.get(s.labels());
            if (x != null) {
                u.add(s);
                a.add(x);
            }
        }
        return new Resource(title, unit, scale, u, a);
    }

    private static String lines(ReportContext c, Resource r, String id) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = ChartData.pathLines();
        BasicStroke dashed = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f);
        for (int i = 0; i < r.usage().size(); i++) {
            String node = r.usage().get(i).label("node");
            Color colour = NODE_COLOURS[i % NODE_COLOURS.length];
            data.addSeries(ChartData.line(node, r.usage().get(i), ChartData.Reduce.MAX, r.scale()));
            renderer.setSeriesPaint(2 * i, colour);
            data.addSeries(ChartData.line(node + " allocatable", r.allocatable().get(i), ChartData.Reduce.MIN, r.scale()));
            renderer.setSeriesPaint(2 * i + 1, colour);
            renderer.setSeriesStroke(2 * i + 1, dashed);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Node " + r.title() + " usage (dashed: allocatable)", "seconds",
                r.unit(), data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        SvgCharts.lines(plot);
        plot.setRenderer(renderer);
        SvgCharts.actionBands(plot, c.chartBands());
        ChartData.runTime(plot, c);
        return SvgCharts.svg(id, chart, SvgCharts.WIDTH, SvgCharts.HEIGHT);
    }

    private static String heatmap(ReportContext c, Resource r, String id) {
        int nodes = r.usage().size();
        double[][] ratio = new double[nodes][];
        double start = Double.POSITIVE_INFINITY;
        double end = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < nodes; i++) {
            double[] t = r.usage().get(i).times();
            if (t.length > 0) {
                start = Math.min(start, t[0]);
                end = Math.max(end, t[t.length - 1]);
            }
        }
        double interval = ChartData.interval(r.usage().get(0));
        int columns = (int) Math.max(1, Math.min(HEATMAP_COLUMNS, Math.round((end - start) / interval) + 1));
        double width = Math.max(interval, (end - start + interval) / columns);
        double[] peak = new double[nodes];
        for (int i = 0; i < nodes; i++) {
            ratio[i] = new double[columns];
            java.util.Arrays.fill(ratio[i], Double.NaN);
            RunOutputs.Series u = r.usage().get(i);
            RunOutputs.Series a = r.allocatable().get(i);
            for (int k = 0; k < Math.min(u.times().length, a.times().length); k++) {
                if (a.values()[k] <= 0) {
                    continue;
                }
                int col = (int) Math.min(columns - 1, Math.floor((u.times()[k] - start) / width));
                double v = u.values()[k] / a.values()[k];
                ratio[i][col] = Double.isNaN(ratio[i][col]) ? v : Math.max(ratio[i][col], v);
                peak[i] = Math.max(peak[i], v);
            }
        }
        // rows: the busiest nodes when there are more than fit, kept in the file's order
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            order.add(i);
        }
        List<Integer> busiest = ChartData.ranked(order, i -> peak[i], i -> r.usage().get(i).label("node"));
        List<Integer> rows = new ArrayList<>(busiest.subList(0, Math.min(HEATMAP_ROWS, nodes)));
        rows.sort(null);
        LookupPaintScale scale = new LookupPaintScale(0, 1.25, new Color(200, 0, 0));
        double[] steps = {0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.0};
        Color[] colours = {new Color(240, 246, 252), new Color(198, 219, 239), new Color(132, 186, 222),
            new Color(66, 146, 198), new Color(253, 174, 97), new Color(244, 109, 67), new Color(165, 0, 38)};
        for (int k = 0; k < steps.length; k++) {
            scale.add(steps[k], colours[k]);
        }
        // runs of one colour per row: x, row, value (the run's largest), and the run's width
        List<double[]> runs = new ArrayList<>();
        String[] names = new String[rows.size()];
        for (int row = 0; row < rows.size(); row++) {
            int i = rows.get(row);
            names[row] = r.usage().get(i).label("node");
            double[] run = null;
            for (int col = 0; col < columns; col++) {
                double v = ratio[i][col];
                if (Double.isNaN(v)) {
                    run = null;
                } else if (run != null && scale.getPaint(run[2]).equals(scale.getPaint(v))) {
                    run[2] = Math.max(run[2], v);
                    run[3] += width;
                } else {
                    run = new double[] {start + col * width, row, v, width};
                    runs.add(run);
                }
            }
        }
        double[][] series = new double[3][runs.size()];
        double[] widths = new double[runs.size()];
        for (int k = 0; k < runs.size(); k++) {
            for (int d = 0; d < 3; d++) {
                series[d][k] = runs.get(k)[d];
            }
            widths[k] = runs.get(k)[3];
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("usage / allocatable", series);
        XYBlockRenderer renderer = new HeatmapRenderer(widths);
        renderer.setPaintScale(scale);
        SymbolAxis y = new SymbolAxis("node", names);
        y.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, rows.size() > 20 ? 7 : 10));
        y.setGridBandsVisible(false);
        y.setInverted(true); // the first node at the top, read like a table
        NumberAxis x = new NumberAxis("seconds");
        x.setAutoRangeIncludesZero(false);
        x.setRange(Math.min(0, start), start + columns * width); // from 0, like the other charts
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        y.setRange(-0.5, rows.size() - 0.5);
        JFreeChart chart = new JFreeChart("Node " + r.title() + ": usage / allocatable", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        NumberAxis legendAxis = new NumberAxis("usage / allocatable");
        legendAxis.setRange(0, 1.25);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setStripWidth(10);
        legend.setSubdivisionCount(25);
        chart.addSubtitle(legend);
        for (ReportContext.ActionBand a : c.chartBands()) {
            // over the blocks, which would hide a shaded band: the action's window as two lines
            org.jfree.chart.plot.IntervalMarker m = new org.jfree.chart.plot.IntervalMarker(a.start(),
                    Math.max(a.end(), a.start() + 0.5), new Color(0, 0, 0, 0), new BasicStroke(1.5f), new Color(90, 90, 90),
                    new BasicStroke(1.5f), 1f);
            m.setLabel(a.label());
            m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_LEFT);
            plot.addDomainMarker(m, org.jfree.chart.ui.Layer.FOREGROUND);
        }
        int height = Math.max(SvgCharts.HEIGHT, 80 + rows.size() * 12);
        return SvgCharts.svg(id, chart, SvgCharts.WIDTH, height)
                + ChartData.more(busiest.stream().map(i -> r.usage().get(i).label("node")).toList(), HEATMAP_ROWS, "node(s)");
    }
}
