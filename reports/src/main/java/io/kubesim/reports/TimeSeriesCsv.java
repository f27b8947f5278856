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

    /**
     * Writes the rows time-major. The series are merged through a heap of their next samples keyed
     * by (time, series order), so each row costs a logarithm of the series count: a day at 5,000
     * nodes has 57,000 series and 5,800 sample times, and a scan of every series per time took most
     * of a minute. Each series' times do not decrease (every series is recorded at the simulation's
     * clock), so the rows come in the order of that scan: by time, then by the order the series were
     * first recorded, each series' samples at one time together.
     */
    public static void write(TimeSeriesStore store, Writer w) throws IOException {
        w.write(HEADER);
        w.write('\n');
        List<TimeSeries> all = store.all();
        int[] cursor = new int[all.size()];
        SampleHeap heap = new SampleHeap(all.size());
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).size() > 0) {
                heap.add(i, all.get(i).timeAt(0));
            }
        }
        long written = Long.MIN_VALUE;
        String time = "";
        while (!heap.isEmpty()) {
            int i = heap.series();
            long t = heap.time();
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
                heap.replaceTop(s.timeAt(cursor[i]));
            } else {
                heap.removeTop();
            }
        }
    }

    /** A binary min-heap of series indices keyed by (next sample time, index). */
    private static final class SampleHeap {
        private final int[] series;
        private final long[] times;
        private int size;

        SampleHeap(int capacity) {
            series = new int[capacity];
            times = new long[capacity];
        }

        boolean isEmpty() {
            return size == 0;
        }

        int series() {
            return series[0];
        }

        long time() {
            return times[0];
        }

        void add(int s, long t) {
            int at = size++;
            series[at] = s;
            times[at] = t;
            while (at > 0) {
                int parent = (at - 1) / 2;
                if (!less(at, parent)) {
                    break;
                }
                swap(at, parent);
                at = parent;
            }
        }

        /** The top series' next sample is at {@code t}. */
        void replaceTop(long t) {
            times[0] = t;
            siftDown();
        }

        void removeTop() {
            size--;
            series[0] = series[size];
            times[0] = times[size];
            siftDown();
        }

        private void siftDown() {
            int at = 0;
            while (true) {
                int least = at;
                int left = 2 * at + 1;
                if (left < size && less(left, least)) {
                    least = left;
                }
                if (left + 1 < size && less(left + 1, least)) {
                    least = left + 1;
                }
                if (least == at) {
                    return;
                }
                swap(at, least);
                at = least;
            }
        }

        private boolean less(int a, int b) {
            return times[a] < times[b] || times[a] == times[b] && series[a] < series[b];
        }

        private void swap(int a, int b) {
            int s = series[a];
            series[a] = series[b];
            series[b] = s;
            long t = times[a];
            times[a] = times[b];
            times[b] = t;
        }
    }

    static String csv(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
