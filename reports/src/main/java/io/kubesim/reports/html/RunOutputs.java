package io.kubesim.reports.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What report.html is drawn from: a run's summary.json, timeseries.csv and events.jsonl, read
 * back from its directory, so that {@code kubesim report RUN_DIR} rebuilds the page of any run.
 */
public final class RunOutputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One labelled series of timeseries.csv: times (seconds) and values, in file order. */
    public record Series(String name, String labels, double[] times, double[] values) {
        /** The value of label {@code key} ({@code service=web;cause=no_endpoints} → {@code web}), or "". */
        public String label(String key) {
            for (String kv : labels.split("[,;]")) { // timeseries.csv joins labels with ;
                int eq = kv.indexOf('=');
                if (eq > 0 && kv.substring(0, eq).equals(key)) {
                    return kv.substring(eq + 1);
                }
            }
            return "";
        }
    }

    private final Path dir;
    private final JsonNode summary;
    private final Map<String, List<Series>> series;
    private final RunEvents events;

    private RunOutputs(Path dir, JsonNode summary, Map<String, List<Series>> series, RunEvents events) {
        this.dir = dir;
        this.summary = summary;
        this.series = series;
        this.events = events;
    }

    /**
     * Reads the run in {@code dir}; {@link ReportInputException} names a missing or damaged file
     * (events.jsonl: when a pass over {@link #events()} reaches the damage).
     */
    public static RunOutputs read(Path dir) {
        for (String f : List.of("summary.json", "timeseries.csv", "events.jsonl")) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw new ReportInputException(dir + ": no " + f + " (expected the --out directory of kubesim run)");
            }
        }
        try {
            JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
            return new RunOutputs(dir, summary, readSeries(dir.resolve("timeseries.csv")),
                    new RunEvents(dir.resolve("events.jsonl")));
        } catch (IOException e) {
            throw new ReportInputException(dir.resolve("summary.json") + ": not JSON (" + e.getMessage() + ")");
        }
    }

    private static Map<String, List<Series>> readSeries(Path file) {
        Map<String, Map<String, double[][]>> growing = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> sizes = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = r.readLine(); // header: time,series,labels,value
            int n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                String[] cells = splitCsv(line);
                if (cells.length != 4) {
                    throw new ReportInputException(file + ":" + n + ":1: expected time,series,labels,value");
                }
                Map<String, double[][]> byLabels = growing.computeIfAbsent(cells[1], k -> new LinkedHashMap<>());
                Map<String, Integer> size = sizes.computeIfAbsent(cells[1], k -> new LinkedHashMap<>());
                double[][] tv = byLabels.computeIfAbsent(cells[2], k -> new double[2][64]);
                int i = size.getOrDefault(cells[2], 0);
                if (i == tv[0].length) {
                    tv[0] = java.util.Arrays.copyOf(tv[0], i * 2);
                    tv[1] = java.util.Arrays.copyOf(tv[1], i * 2);
                    byLabels.put(cells[2], tv);
                }
                try {
                    tv[0][i] = Double.parseDouble(cells[0]);
                    tv[1][i] = Double.parseDouble(cells[3]);
                } catch (NumberFormatException e) {
                    throw new ReportInputException(file + ":" + n + ":1: expected numbers in time and value");
                }
                size.put(cells[2], i + 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<Series>> out = new LinkedHashMap<>();
        growing.forEach((name, byLabels) -> {
            List<Series> list = new ArrayList<>();
            byLabels.forEach((labels, tv) -> {
                int len = sizes.get(name).get(labels);
                list.add(new Series(name, labels, java.util.Arrays.copyOf(tv[0], len), java.util.Arrays.copyOf(tv[1], len)));
            });
            out.put(name, Collections.unmodifiableList(list));
        });
        return out;
    }

    /** One CSV line as TimeSeriesCsv writes it: a cell is quoted when it holds a comma or a quote. */
    static String[] splitCsv(String line) {
        if (line.indexOf('"') < 0) {
            return line.split(",", -1); // nothing quoted: every comma separates
        }
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells.toArray(String[]::new);
    }

    public Path dir() {
        return dir;
    }

    public JsonNode summary() {
        return summary;
    }

    /** Every labelled series named {@code name}, in the order first written; empty when there is none. */
    public List<Series> series(String name) {
        return series.getOrDefault(name, List.of());
    }

    /** events.jsonl, in order, read from the file at each pass. */
    public RunEvents events() {
        return events;
    }
}
