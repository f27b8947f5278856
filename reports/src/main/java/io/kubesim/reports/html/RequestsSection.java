package io.kubesim.reports.html;

import io.kubesim.traffic.RequestCause;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYAreaRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Requests and failures per second of each Service against time: requests and successes as lines
 * (left axis), failures stacked by cause as areas (right axis, their own scale, so ten failures
 * among thousands of requests still show). The Services with the most failures first, the rest
 * named.
 */
final class RequestsSection implements ReportSection {
    /** Services drawn at most. */
    static final int TOP = 6;
    /** A colour per failure cause, by RequestCause order (OK has none), the same in every chart and run. */
    private static final Color[] CAUSE_COLOURS = {
        null, new Color(214, 39, 40), new Color(255, 127, 14), new Color(148, 103, 189), new Color(140, 86, 75),
        new Color(227, 119, 194), new Color(188, 189, 34), new Color(23, 190, 207), new Color(255, 187, 120),
        new Color(174, 1, 126)}; // no green: the succeeded line is green

    @Override
    public String id() {
        return "requests";
    }

    @Override
    public String title() {
        return "Requests and failures";
    }

    /** One Service's series: requests, successes and its failures by cause (cause → series). */
    private record Traffic(String service, RunOutputs.Series requests, RunOutputs.Series succeeded,
                           Map<String, RunOutputs.Series> failed, double failures, double total) {
    }

    @Override
    public String render(ReportContext c) {
        List<Traffic> all = new ArrayList<>();
        for (RunOutputs.Series r : c.run().series("service_requests")) {
            String service = r.label("service");
            RunOutputs.Series ok = null;
            for (RunOutputs.Series s : c.run().series("service_succeeded")) {
                if (s.labels().equals(r.labels())) {
                    ok = s;
                }
            }
            Map<String, RunOutputs.Series> failed = new LinkedHashMap<>();
            double failures = 0;
            for (RunOutputs.Series f : c.run().series("service_failed")) {
                if (f.label("service").equals(service)) {
                    failed.put(f.label("cause"), f);
                    failures += ChartData.sum(f);
                }
            }
            all.add(new Traffic(service, r, ok, failed, failures, ChartData.sum(r)));
        }
        all.removeIf(t -> t.total() == 0);
        if (all.isEmpty()) {
            return "";
        }
        List<Traffic> ranked = new ArrayList<>(all); // most failures first, then most requests
        ranked.sort(Comparator.comparingDouble(Traffic::failures).reversed()
                .thenComparing(Comparator.comparingDouble(Traffic::total).reversed()).thenComparing(Traffic::service));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(TOP, ranked.size()); i++) {
            out.append(chart(c, ranked.get(i), i)).append('\n');
        }
        out.append(ChartData.more(ranked.stream().map(Traffic::service).toList(), TOP, "Service(s)"));
        return out.toString();
    }

    private static Color colour(String cause) {
        for (RequestCause c : RequestCause.values()) {
            if (c.label().equals(cause) && c.ordinal() > 0 && c.ordinal() < CAUSE_COLOURS.length) {
                return CAUSE_COLOURS[c.ordinal()];
            }
        }
        return new Color(127, 127, 127);
    }

    private static String chart(ReportContext c, Traffic t, int index) {
        double perSecond = 1 / ChartData.interval(t.requests());
        XYSeriesCollection lines = new XYSeriesCollection();
        lines.addSeries(ChartData.line("requests/s", t.requests(), ChartData.Reduce.MEAN, perSecond));
        if (t.succeeded() != null) {
            lines.addSeries(ChartData.line("succeeded/s", t.succeeded(), ChartData.Reduce.MEAN, perSecond));
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Service " + t.service() + ": requests and failures per second",
                "seconds", "requests/s", lines, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        SvgCharts.lines(plot);
        plot.getRenderer().setSeriesPaint(0, new Color(31, 119, 180));
        plot.getRenderer().setSeriesPaint(1, new Color(44, 160, 44));
        if (!t.failed().isEmpty()) {
            // stacked by hand: each cause's area is the running total, drawn largest first, so
            // each area is one SVG path (a stacked renderer draws one polygon per point)
            XYSeriesCollection stacked = new XYSeriesCollection();
            XYAreaRenderer areas = new XYAreaRenderer(XYAreaRenderer.AREA);
            XYSeries below = null;
            int k = 0;
            for (Map.Entry<String, RunOutputs.Series> f : t.failed().entrySet()) {
                XYSeries own = ChartData.line(f.getKey(), f.getValue(), ChartData.Reduce.MAX, perSecond);
                XYSeries total = new XYSeries("failed/s " + f.getKey(), false, true);
                for (int i = 0; i < own.getItemCount(); i++) {
                    double under = below == null ? 0 : below.getY(i).doubleValue();
                    total.add(own.getX(i).doubleValue(), under + own.getY(i).doubleValue(), false);
                }
                stacked.addSeries(total);
                areas.setSeriesPaint(k, colour(f.getKey()));
                below = total;
                k++;
            }
            ChartData.rightAxis(plot, stacked, "failed/s (stacked by cause)", areas);
        }
        SvgCharts.actionBands(plot, c.chartBands());
        ChartData.runTime(plot, c);
        return SvgCharts.svg("requests-" + index, chart, SvgCharts.WIDTH, SvgCharts.HEIGHT);
    }
}
