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
import java.util.List;

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

    public static void write(TimeSeriesStore store, Writer w) throws IOException {
        w.write(HEADER);
        w.write('\n');
        List<TimeSeries> all = store.all();
        int[] cursor = new int[all.size()];
        while (true) {
            long t = Long.MAX_VALUE;
            for (int i = 0; i < all.size(); i++) {
                TimeSeries s = all.get(i);
                if (cursor[i] < s.size()) {
                    t = Math.min(t, s.timeAt(cursor[i]));
                }
            }
            if (t == Long.MAX_VALUE) {
                return;
            }
            String time = Json.number(SimTime.toSeconds(t)).toString();
            for (int i = 0; i < all.size(); i++) {
                TimeSeries s = all.get(i);
                while (cursor[i] < s.size() && s.timeAt(cursor[i]) == t) {
                    w.write(time);
                    w.write(',');
                    w.write(csv(s.name()));
                    w.write(',');
                    w.write(csv(s.labels()));
                    w.write(',');
                    w.write(Json.number(s.valueAt(cursor[i])).toString());
                    w.write('\n');
                    cursor[i]++;
                }
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
