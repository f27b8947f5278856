package io.kubesim.reports.html;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jfree.data.xy.XYSeries;

/**
 * Turning timeseries.csv series into chart lines a page can hold: each line downsampled to at
 * most {@link #MAX_POINTS} points (a long run writes one point per second per series), keeping
 * the peaks where a peak is the story (failures, latency), and the top N of many lines.
 */
final class ChartData {
    /** Points per line at most: enough for a 960-pixel chart, small enough for a run of days. */
    static final int MAX_POINTS = 300;

    /** How one bucket of points becomes one point. */
    enum Reduce {
        /** The largest value: a one-second burst of failures or latency stays visible. */
        MAX,
        /** The mean: rates whose total matters (requests per second). */
        MEAN,
        /** The smallest value: a dip (schedulable nodes during a drain). */
        MIN
    }

    private ChartData() {
    }

    /**
     * The series as a chart line: at most {@link #MAX_POINTS} points, each bucket of consecutive
     * points reduced to one placed at the bucket's first time (so series written at the same
     * times stay aligned, as stacking needs), values multiplied by {@code scale}.
     */
    static XYSeries line(String key, RunOutputs.Series s, Reduce reduce, double scale) {
        double[] t = s.times();
        double[] v = s.values();
        XYSeries out = new XYSeries(key, false, true);
        int n = t.length;
        int buckets = Math.min(n, MAX_POINTS);
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            double acc = reduce == Reduce.MAX ? Double.NEGATIVE_INFINITY : reduce == Reduce.MIN ? Double.POSITIVE_INFINITY : 0;
            for (int i = from; i < to; i++) {
                acc = switch (reduce) {
                    case MAX -> Math.max(acc, v[i]);
                    case MIN -> Math.min(acc, v[i]);
                    case MEAN -> acc + v[i];
                };
            }
            if (reduce == Reduce.MEAN) {
                acc /= to - from;
            }
            out.add(t[from], acc * scale, false);
        }
        return out;
    }

    /**
     * Adds {@code data} to {@code plot} on a second y axis at the right ({@code label}), drawn by
     * {@code renderer}: two quantities of different scale (requests and failures, replicas and
     * utilization) on one time axis.
     */
    static void rightAxis(org.jfree.chart.plot.XYPlot plot, org.jfree.data.xy.XYDataset data, String label,
            org.jfree.chart.renderer.xy.XYItemRenderer renderer) {
        org.jfree.chart.axis.NumberAxis axis = new org.jfree.chart.axis.NumberAxis(label);
        axis.setAutoRangeIncludesZero(true);
        plot.setRangeAxis(1, axis);
        plot.setDataset(1, data);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, renderer);
    }

    /**
     * The report's common look of a time chart: x from 0 to the run's end, so every chart lines
     * up with the others and the action bands, whatever its first sample.
     */
    static void runTime(org.jfree.chart.plot.XYPlot plot, ReportContext c) {
        double end = c.run().summary().path("simulatedSeconds").asDouble();
        if (end > 0) {
            plot.getDomainAxis().setRange(0, end);
        }
    }

    /** An axis of counts (pods, nodes, replicas): whole-number ticks, and 0 to 1 rather than ±1e-9 when all are 0. */
    static void counts(org.jfree.chart.axis.ValueAxis axis) {
        if (axis instanceof org.jfree.chart.axis.NumberAxis n) {
            n.setStandardTickUnits(org.jfree.chart.axis.NumberAxis.createIntegerTickUnits());
            n.setAutoRangeIncludesZero(true);
            n.setAutoRangeMinimumSize(1);
        }
    }

    /** A line renderer like {@link SvgCharts#lines}: one SVG path per series, no shapes. */
    static org.jfree.chart.renderer.xy.XYLineAndShapeRenderer pathLines() {
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer r = new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, false);
        r.setDrawSeriesLineAsPath(true);
        return r;
    }

    /** Seconds between a series' samples (1 when it has one sample): the divisor that turns per-interval counts into per-second rates. */
    static double interval(RunOutputs.Series s) {
        double[] t = s.times();
        return t.length > 1 && t[1] > t[0] ? t[1] - t[0] : 1;
    }

    static double sum(RunOutputs.Series s) {
        double sum = 0;
        for (double v : s.values()) {
            sum += v;
        }
        return sum;
    }

    static double max(RunOutputs.Series s) {
        double max = 0;
        for (double v : s.values()) {
            max = Math.max(max, v);
        }
        return max;
    }

    /** The items ordered by {@code score}, largest first, ties by {@code name}: a stable order whatever the input order. */
    static <T> List<T> ranked(List<T> items, ToDoubleFunction<T> score, java.util.function.Function<T, String> name) {
        List<T> out = new ArrayList<>(items);
        out.sort(Comparator.comparingDouble(score).reversed().thenComparing(name));
        return out;
    }

    /**
     * The note under a chart list cut at {@code shown}: {@code 3 more Services in timeseries.csv: a, b, c}
     * (names escaped; at most 20 named, so a page of a large cluster stays small).
     */
    static String more(List<String> names, int shown, String what) {
        if (names.size() <= shown) {
            return "";
        }
        List<String> rest = names.subList(shown, names.size());
        StringBuilder sb = new StringBuilder("<p class=\"more\">").append(rest.size()).append(" more ").append(what)
                .append(" in timeseries.csv: ");
        for (int i = 0; i < Math.min(rest.size(), 20); i++) {
            sb.append(i == 0 ? "" : ", ").append(Html.escape(rest.get(i)));
        }
        return sb.append(rest.size() > 20 ? ", …" : "").append("</p>\n").toString();
    }
}
