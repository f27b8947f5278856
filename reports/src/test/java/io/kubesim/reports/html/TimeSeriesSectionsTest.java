package io.kubesim.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The time-series sections of report.html on run directories written here: names escaped, long
 * series downsampled with their peaks kept, many nodes drawn as a bounded heatmap.
 */
class TimeSeriesSectionsTest {
    @TempDir
    Path tmp;

    /** A run directory: summary.json with the run's length and no actions, the CSV rows given, no events. */
    private RunOutputs run(double seconds, String csvRows) throws IOException {
        Files.writeString(tmp.resolve("summary.json"), "{\"scenario\": \"synthetic\", \"simulatedSeconds\": " + seconds
                + ", \"actions\": []}");
        Files.writeString(tmp.resolve("timeseries.csv"), "time,series,labels,value\n" + csvRows);
        Files.writeString(tmp.resolve("events.jsonl"), "");
        return RunOutputs.read(tmp);
    }

    private static String page(RunOutputs run) {
        return HtmlReport.render(ReportContext.of(run));
    }

    @Test
    @DisplayName("names from manifests are escaped in the HTML and in the SVG text of every time-series chart")
    void namesAreEscaped() throws IOException {
        String service = "\"<script>alert(1)</script>\"";
        String node = "\"<img src=x onerror=alert(2)>\"";
        StringBuilder csv = new StringBuilder();
        for (int t = 0; t < 10; t++) {
            csv.append(t).append(",service_requests,").append(csvCell("service=" + service)).append(",10\n");
            csv.append(t).append(",service_failed,").append(csvCell("service=" + service + ";cause=no_endpoints")).append(",1\n");
            csv.append(t).append(",service_latency_p99_ms,").append(csvCell("service=" + service)).append(",12\n");
            csv.append(t).append(",hpa_current_replicas,").append(csvCell("hpa=" + service)).append(",2\n");
            csv.append(t).append(",node_cpu_usage_cores,").append(csvCell("node=" + node)).append(",1\n");
            csv.append(t).append(",node_cpu_allocatable_cores,").append(csvCell("node=" + node)).append(",4\n");
        }
        String page = page(run(10, csv.toString()));
        for (String id : new String[] {"requests", "latency", "hpa", "nodes"}) {
            assertTrue(page.contains("<section id=\"" + id + "\">"), id);
        }
        assertFalse(page.contains("<script"), "no script element from a name");
        assertFalse(page.contains("<img"), "no img element from a name");
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the Service name, escaped, in the chart titles");
        assertTrue(page.contains("&lt;img src=x onerror=alert(2)&gt;"), "the node name, escaped, in the legend");
    }

    @Test
    @DisplayName("replicas: every workload kind is drawn, the ones longest below desired first, then how many more")
    void replicasOfEveryKindWorstFirst() throws IOException {
        StringBuilder csv = new StringBuilder();
        for (int t = 0; t < 60; t++) {
            for (int d = 0; d < 6; d++) { // six healthy Deployments
                String labels = "deployment=web-" + d;
                csv.append(t).append(",deployment_replicas_desired,").append(labels).append(",2\n");
                csv.append(t).append(",deployment_pods_ready,").append(labels).append(",2\n");
                csv.append(t).append(",deployment_pods_available,").append(labels).append(",2\n");
            }
            String set = csvCell("kind=StatefulSet;workload=db"); // one replica short for the second half
            int available = t < 30 ? 3 : 2;
            csv.append(t).append(",workload_replicas_desired,").append(set).append(",3\n");
            csv.append(t).append(",workload_pods_ready,").append(set).append(",").append(available).append("\n");
            csv.append(t).append(",workload_pods_available,").append(set).append(",").append(available).append("\n");
        }
        String page = page(run(60, csv.toString()));
        int db = page.indexOf(">StatefulSet db<");
        assertTrue(db > 0, "the StatefulSet's chart, titled by kind and name");
        assertTrue(db < page.indexOf(">Deployment web-0<"), "below desired for 30 s: drawn before the healthy ones");
        assertFalse(page.contains(">Deployment web-5<"), "7 workloads, 6 drawn: the last healthy one is left out");
        assertTrue(page.contains("1 more workload(s), less time below desired, in timeseries.csv"));
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    @Test
    @DisplayName("a long series becomes at most MAX_POINTS points; MAX keeps a one-sample spike, MEAN keeps the mean")
    void downsamplingKeepsPeaks() {
        int n = 86_400; // a day at one sample per second
        double[] t = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i;
            v[i] = i == 40_000 ? 500 : 2;
        }
        RunOutputs.Series s = new RunOutputs.Series("service_failed", "service=web;cause=no_endpoints", t, v);
        XYSeries peaks = ChartData.line("failed", s, ChartData.Reduce.MAX, 1);
        XYSeries means = ChartData.line("requests", s, ChartData.Reduce.MEAN, 1);
        assertEquals(ChartData.MAX_POINTS, peaks.getItemCount());
        assertEquals(500, peaks.getMaxY(), "the spike survives");
        double total = 0;
        for (int i = 0; i < means.getItemCount(); i++) {
            total += means.getY(i).doubleValue() * (n / ChartData.MAX_POINTS);
        }
        assertEquals(2 * (n - 1) + 500, total, 1e-6, "the mean per bucket keeps the total");
        assertEquals(0, peaks.getMinX(), "buckets start at the series' first time");

        RunOutputs.Series shortOne = new RunOutputs.Series("x", "", new double[] {0, 1, 2}, new double[] {1, 2, 3});
        assertEquals(3, ChartData.line("x", shortOne, ChartData.Reduce.MAX, 1).getItemCount(), "short series as they are");
    }

    @Test
    @DisplayName("many nodes: a heatmap of at most HEATMAP_ROWS nodes, the busiest, and the rest counted; lines for a few")
    void manyNodesBecomeAHeatmap() throws IOException {
        int nodes = NodesSection.HEATMAP_ROWS + 10;
        StringBuilder csv = new StringBuilder();
        for (int t = 0; t < 600; t += 10) {
            for (int i = 0; i < nodes; i++) {
                csv.append(t).append(",node_cpu_usage_cores,node=n-").append(i).append(',').append(i % 5).append('\n');
                csv.append(t).append(",node_cpu_allocatable_cores,node=n-").append(i).append(",4\n");
            }
        }
        String page = page(run(600, csv.toString()));
        String nodesSection = section(page, "nodes");
        assertTrue(nodesSection.contains("usage / allocatable"), "the heatmap's colour scale");
        assertTrue(nodesSection.contains("10 more node(s) in timeseries.csv"), nodesSection.substring(nodesSection.length() - 300));
        assertFalse(nodesSection.contains(">n-0<"), "an idle node is among the left-out ones");
        assertTrue(nodesSection.contains(">n-4<"), "a busy node has a row");
        assertTrue(nodesSection.length() < 200_000, "bounded: " + nodesSection.length());

        StringBuilder few = new StringBuilder();
        for (int t = 0; t < 600; t += 10) {
            few.append(t).append(",node_cpu_usage_cores,node=n-1,1\n").append(t).append(",node_cpu_allocatable_cores,node=n-1,4\n");
        }
        String lines = section(page(run(600, few.toString())), "nodes");
        assertTrue(lines.contains("n-1 allocatable"), "a line per node and its allocatable");
        assertFalse(lines.contains("usage / allocatable"), "no heatmap for one node");
    }

    @Test
    @DisplayName("a run without traffic, HPA or node samples has none of those sections")
    void absentWithoutData() throws IOException {
        String page = page(run(60, "0,cluster_pods_pending,,0\n0,cluster_nodes,,3\n"));
        assertTrue(page.contains("<section id=\"cluster\">"));
        for (String id : new String[] {"requests", "latency", "hpa", "nodes"}) {
            assertFalse(page.contains("<section id=\"" + id + "\">"), id);
        }
    }

    private static String section(String page, String id) {
        Matcher m = Pattern.compile("<section id=\"" + id + "\">(.*?)</section>", Pattern.DOTALL).matcher(page);
        assertTrue(m.find(), "section " + id);
        return m.group(1);
    }
}
