package io.kubesim.reports;

import io.kubesim.engine.SimTime;
import io.kubesim.metrics.TimeSeries;
import io.kubesim.metrics.TimeSeriesStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * timeseries.csv in long format: {@code time,series,labels,value}, one row per sample of each
 * series, ordered by time and then by the order the series were first recorded.
 */
public final class TimeSeriesCsv {
    public static final String HEADER = "time,series,labels,value";

    private TimeSeriesCsv() {
    }

    public static void write(TimeSeriesStore store, Path file) throws IOException {
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            write(store, w);
        }
    }

    /**
     * Writes the rows time-major. The series are merged through a priority queue of their next
     * samples, ordered by (time, series order), so each row costs a logarithm of the series count:
     * a day at 5,000 nodes has 57,000 series and 5,800 sample times, and a scan of every series per
     * time took most of a minute. Each series' times do not decrease (every series is recorded at
     * the simulation's clock), so the rows come in the order of that scan: by time, then by the
     * order the series were first recorded, each series' samples at one time together.
     */
    public static void write(TimeSeriesStore store, Writer w) throws IOException {
        w.write(HEADER);
        w.write('\n');
        List<TimeSeries> all = store.all();
        int[] cursor = new int[all.size()];
        long[] next = new long[all.size()];
        PriorityQueue<Integer> queue = new PriorityQueue<>(Math.max(1, all.size()),
                Comparator.<Integer>comparingLong(i -> next[i]).thenComparingInt(i -> i));
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).size() > 0) {
                next[i] = all.get(i).timeAt(0);
                queue.add(i);
            }
        }
        long written = Long.MIN_VALUE;
        String time = "";
        while (!queue.isEmpty()) {
            Integer i = queue.poll();
            long t = next[i];
            if (t != written) {
                time = Json.number(SimTime.toSeconds(t)).toString();
                written = t;
            }
            TimeSeries s = all.get(i);
            String name = csv(s.name());
            String labels = csv(s.labels());
            while (cursor[i] < s.size() && s.timeAt(cursor[i]) == t) {
                w.write(time);
                w.write(',');
                w.write(name);
                w.write(',');
                w.write(labels);
                w.write(',');
                w.write(Json.number(s.valueAt(cursor[i])).toString());
                w.write('\n');
                cursor[i]++;
            }
            if (cursor[i] < s.size()) {
                next[i] = s.timeAt(cursor[i]);
                queue.add(i); // the same Integer object: no allocation per row
            }
        }
    }

    static String csv(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
