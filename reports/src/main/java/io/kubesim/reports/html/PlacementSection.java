package io.kubesim.reports.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYBoxAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * The pod-to-node placement timeline: one row per node, one bar per pod from its binding to its
 * end ({@link PodPlacements}), coloured by workload; the time a node was down (from its failure
 * until it recovered or was removed) shaded red and a drain shaded blue, so a drain's pods
 * moving to other nodes or a zone's nodes going dark read at a glance. Pods that overlap on a
 * node get their own lanes in its row. Large runs keep the nodes with failures and drains, then
 * the busiest, at most {@link #TOP_NODES} rows and {@link #MAX_BARS} bars; the rest are counted
 * below the chart.
 */
final class PlacementSection implements ReportSection {
    static final int TOP_NODES = 40;
    static final int MAX_BARS = 3000;
    static final int MAX_LANES = 12;
    static final int TOP_WORKLOADS = 10;
    static final String OTHER = "other workloads";
    private static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(148, 103, 189),
        new Color(140, 86, 75), new Color(227, 119, 194), new Color(188, 189, 34), new Color(23, 190, 207),
        new Color(214, 39, 40), new Color(127, 127, 127)};
    private static final Color OTHER_COLOR = new Color(190, 190, 190);
    private static final Color FAILED = new Color(214, 39, 40, 110);
    private static final Color DRAINING = new Color(31, 119, 180, 40);

    @Override
    public String id() {
        return "placement";
    }

    @Override
    public String title() {
        return "Pods on nodes";
    }

    @Override
    public String render(ReportContext c) {
        List<PodPlacements.Placement> all = PodPlacements.of(c.run()).placements();
        if (all.isEmpty()) {
            return "";
        }
        double runEnd = c.run().summary().path("simulatedSeconds").asDouble();
        List<Band> failed = failures(c.run(), runEnd);
        List<Band> drains = drains(c.run());
        List<String> nodes = nodes(all, failed, drains);
        java.util.Set<String> drawnNodes = new java.util.HashSet<>(nodes);
        List<PodPlacements.Placement> drawn = all.stream().filter(p -> drawnNodes.contains(p.node())).toList();
        Map<String, Color> colours = colours(all);

        Map<String, XYIntervalSeries> series = new LinkedHashMap<>();
        colours.keySet().forEach(w -> series.put(w, new XYIntervalSeries(w, false, true)));
        int mostLanes = 1;
        for (int row = 0; row < nodes.size(); row++) {
            String node = nodes.get(row);
            List<PodPlacements.Placement> onNode = drawn.stream().filter(p -> p.node().equals(node)).toList();
            int[] lane = lanes(onNode);
            int lanes = 1;
            for (int l : lane) {
                lanes = Math.max(lanes, l + 1);
            }
            mostLanes = Math.max(mostLanes, lanes);
            double h = 0.84 / lanes;
            for (int i = 0; i < onNode.size(); i++) {
                PodPlacements.Placement p = onNode.get(i);
                double low = row - 0.42 + lane[i] * h;
                series.get(colours.containsKey(p.workload()) ? p.workload() : OTHER)
                        .add(p.start(), p.start(), Math.max(p.end(), p.start() + 0.5), row, low + h * 0.1, low + h * 0.9);
            }
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        series.values().stream().filter(s -> s.getItemCount() > 0).forEach(data::addSeries);

        NumberAxis time = new NumberAxis("seconds");
        time.setRange(0, Math.max(runEnd, 1));
        SymbolAxis rows = new SymbolAxis(null, nodes.toArray(String[]::new));
        rows.setInverted(true);
        rows.setGridBandPaint(new Color(246, 246, 246));
        rows.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        XYBarRenderer bars = new XYBarRenderer();
        bars.setUseYInterval(true);
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        XYPlot plot = new XYPlot(data, time, rows, bars);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(230, 230, 230));
        for (int i = 0; i < data.getSeriesCount(); i++) {
            bars.setSeriesPaint(i, colours.get((String) data.getSeriesKey(i)));
        }
        // over the bars: a down node's pods are still in the API, but nothing of them runs
        shade(bars, failed, nodes, FAILED, Layer.FOREGROUND);
        shade(bars, drains, nodes, DRAINING, Layer.BACKGROUND);
        SvgCharts.actionBands(plot, c.chartBands());
        LegendItemCollection legend = new LegendItemCollection();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            legend.add(bars.getLegendItem(0, i));
        }
        if (!failed.isEmpty()) {
            legend.add(new LegendItem("node down", new Color(214, 39, 40, 120)));
        }
        if (!drains.isEmpty()) {
            legend.add(new LegendItem("node draining", new Color(31, 119, 180, 110)));
        }
        plot.setFixedLegendItems(legend);
        JFreeChart chart = new JFreeChart("Pods on nodes", new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, true);
        // a row tall enough for its lanes (5 px each), the whole chart at most about 1,550 px
        int rowHeight = Math.max(18, Math.min(mostLanes * 5, 1400 / nodes.size()));
        int height = Math.max(220, nodes.size() * rowHeight + 150);
        StringBuilder out = new StringBuilder(SvgCharts.svg("placement", chart, SvgCharts.WIDTH, height)).append('\n');
        long nodesSeen = all.stream().map(PodPlacements.Placement::node).distinct().count();
        if (nodesSeen > nodes.size() || drawn.size() < all.size()) {
            out.append("<p>").append(nodes.size()).append(" of ").append(nodesSeen)
                    .append(" nodes drawn (those that failed or were drained, then the busiest); ")
                    .append(all.size() - drawn.size()).append(" pod placement(s) on the others are not drawn</p>\n");
        }
        if (colours.containsKey(OTHER)) {
            out.append("<p>").append(TOP_WORKLOADS).append(" workloads with the most pod-seconds coloured, the rest grey</p>\n");
        }
        return out.toString();
    }

    /** A node's shaded stretch: down, or draining. */
    private record Band(String node, double start, double end) {
    }

    /**
     * Each failed node from its failure until it recovered, was removed (its first
     * {@code RemovingNode} in that stretch), or the run ended; events.jsonl read once for all.
     */
    private static List<Band> failures(RunOutputs run, double runEnd) {
        List<Band> out = new ArrayList<>();
        for (JsonNode f : run.summary().path("nodes").path("failures")) {
            String node = f.path("node").asText();
            double start = f.path("failedAt").asDouble();
            double end = f.path("recoveredAt").isNumber() ? f.path("recoveredAt").asDouble() : runEnd;
            out.add(new Band(node, start, end));
        }
        if (out.isEmpty()) {
            return out;
        }
        Map<String, List<Double>> removals = new java.util.HashMap<>();
        for (RunEvents.Event e : run.events()) {
            if (e.reason().equals("RemovingNode") && e.object().startsWith("Node/")) {
                removals.computeIfAbsent(e.object().substring("Node/".length()), k -> new ArrayList<>()).add(e.seconds());
            }
        }
        for (int i = 0; i < out.size(); i++) {
            Band b = out.get(i);
            double end = b.end();
            for (double t : removals.getOrDefault(b.node(), List.of())) {
                if (t >= b.start() && t < end) {
                    end = t;
                }
            }
            out.set(i, new Band(b.node(), b.start(), end));
        }
        return out;
    }

    private static List<Band> drains(RunOutputs run) {
        List<Band> out = new ArrayList<>();
        for (JsonNode d : run.summary().path("drains")) {
            double start = d.path("start").asDouble();
            out.add(new Band(d.path("node").asText(), start,
                    d.path("end").isNumber() ? d.path("end").asDouble() : run.summary().path("simulatedSeconds").asDouble()));
        }
        return out;
    }

    /**
     * The rows, in name order: nodes that failed or were drained first, then those with the most
     * placements, at most {@link #TOP_NODES} and {@link #MAX_BARS} bars.
     */
    private static List<String> nodes(List<PodPlacements.Placement> all, List<Band> failed, List<Band> drains) {
        Map<String, Integer> count = new TreeMap<>();
        all.forEach(p -> count.merge(p.node(), 1, Integer::sum));
        List<String> ranked = new ArrayList<>();
        for (Band b : failed) {
            addOnce(ranked, b.node());
        }
        for (Band b : drains) {
            addOnce(ranked, b.node());
        }
        count.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> addOnce(ranked, e.getKey()));
        List<String> chosen = new ArrayList<>();
        int bars = 0;
        for (String n : ranked) {
            int more = count.getOrDefault(n, 0);
            if (chosen.size() == TOP_NODES || (!chosen.isEmpty() && bars + more > MAX_BARS)) {
                break;
            }
            chosen.add(n);
            bars += more;
        }
        chosen.sort(PlacementSection::naturalOrder);
        return chosen;
    }

    private static void addOnce(List<String> list, String s) {
        if (!list.contains(s)) {
            list.add(s);
        }
    }

    /** {@code pool-a-2} before {@code pool-a-10}: runs of digits compare as numbers. */
    static int naturalOrder(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
                String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (c != 0) {
                    return c;
                }
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        return a.length() - i != b.length() - j ? Integer.compare(a.length() - i, b.length() - j) : a.compareTo(b);
    }

    /** The {@link #TOP_WORKLOADS} workloads with the most pod-seconds get a colour each, by rank; the rest share grey. */
    private static Map<String, Color> colours(List<PodPlacements.Placement> all) {
        Map<String, Double> seconds = new TreeMap<>();
        all.forEach(p -> seconds.merge(p.workload(), p.end() - p.start(), Double::sum));
        List<String> ranked = seconds.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
        Map<String, Color> out = new LinkedHashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            if (i == TOP_WORKLOADS) {
                out.put(OTHER, OTHER_COLOR);
                break;
            }
            out.put(ranked.get(i), PALETTE[i]);
        }
        return out;
    }

    /** The lane of each placement in its node's row: the first lane free at its start (at most {@link #MAX_LANES}). */
    private static int[] lanes(List<PodPlacements.Placement> onNode) {
        int[] lane = new int[onNode.size()];
        List<Double> busyUntil = new ArrayList<>();
        for (int i = 0; i < onNode.size(); i++) {
            PodPlacements.Placement p = onNode.get(i);
            int free = -1;
            for (int l = 0; l < busyUntil.size(); l++) {
                if (busyUntil.get(l) <= p.start()) {
                    free = l;
                    break;
                }
            }
            if (free < 0) {
                free = busyUntil.size() < MAX_LANES ? busyUntil.size() : i % MAX_LANES;
                if (free == busyUntil.size()) {
                    busyUntil.add(0.0);
                }
            }
            busyUntil.set(free, Math.max(busyUntil.get(free), p.end()));
            lane[i] = free;
        }
        return lane;
    }

    private static void shade(XYBarRenderer r, List<Band> bands, List<String> nodes, Paint fill, Layer layer) {
        for (Band b : bands) {
            int row = nodes.indexOf(b.node());
            if (row >= 0) {
                // y from the larger value: the row axis is inverted, and the box needs y0 below y1 on the page
                r.addAnnotation(new XYBoxAnnotation(b.start(), row + 0.5, Math.max(b.end(), b.start() + 0.5), row - 0.5,
                        new BasicStroke(0f), null, fill), layer);
            }
        }
    }
}
