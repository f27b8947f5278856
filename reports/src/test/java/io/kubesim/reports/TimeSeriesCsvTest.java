package io.kubesim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.engine.SimTime;
import io.kubesim.metrics.TimeSeries;
import io.kubesim.metrics.TimeSeriesStore;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** timeseries.csv: long format, time-major, series in first-recorded order, minimal quoting. */
class TimeSeriesCsvTest {

    @Test
    @DisplayName("rows are ordered by time, then by the order series were first recorded")
    void ordering() throws IOException {
        TimeSeriesStore store = new TimeSeriesStore();
        store.series("b_series", "deployment=web").record(0, 1);
        store.series("a_series", "").record(0, 2.5);
        store.series("b_series", "deployment=web").record(SimTime.millis(1500), 3);
        store.series("c_late", "k=v;x=y").record(SimTime.millis(1500), 4);
        StringWriter w = new StringWriter();
        TimeSeriesCsv.write(store, w);
        assertEquals(String.join("\n",
                "time,series,labels,value",
                "0,b_series,deployment=web,1",
                "0,a_series,,2.5",
                "1.5,b_series,deployment=web,3",
                "1.5,c_late,k=v;x=y,4",
                ""), w.toString());
    }

    @Test
    void labelsWithCommasAreQuoted() throws IOException {
        TimeSeriesStore store = new TimeSeriesStore();
        store.series("s", "a=\"1,2\"").record(0, 1);
        StringWriter w = new StringWriter();
        TimeSeriesCsv.write(store, w);
        assertEquals("time,series,labels,value\n0,s,\"a=\"\"1,2\"\"\",1\n", w.toString());
    }

    @Test
    @DisplayName("the merge writes the rows a scan of every series per time would, on random stores")
    void mergeMatchesTheScan() throws IOException {
        Random random = new Random(19);
        for (int store = 0; store < 200; store++) {
            TimeSeriesStore series = new TimeSeriesStore();
            int count = 1 + random.nextInt(40);
            for (int i = 0; i < count; i++) {
                // some series share a sampling grid, others record at their own times, some twice at one time
                TimeSeries s = series.series("s" + random.nextInt(5), "i=" + i);
                long t = random.nextInt(3) * 1_000_000L;
                int samples = random.nextInt(30);
                for (int k = 0; k < samples; k++) {
                    s.record(t, random.nextInt(1000) / 10.0);
                    if (random.nextInt(4) > 0) {
                        t += random.nextBoolean() ? 1_000_000L : 1 + random.nextInt(3_000_000);
                    }
                }
            }
            StringWriter merged = new StringWriter();
            TimeSeriesCsv.write(series, merged);
            assertEquals(scan(series), merged.toString(), "store " + store);
        }
    }

    /** The straightforward order: for each time, every series in first-recorded order, each with its samples at that time. */
    private static String scan(TimeSeriesStore store) {
        StringBuilder out = new StringBuilder(TimeSeriesCsv.HEADER).append('\n');
        List<TimeSeries> all = store.all();
        int[] cursor = new int[all.size()];
        while (true) {
            long t = Long.MAX_VALUE;
            for (int i = 0; i < all.size(); i++) {
                if (cursor[i] < all.get(i).size()) {
                    t = Math.min(t, all.get(i).timeAt(cursor[i]));
                }
            }
            if (t == Long.MAX_VALUE) {
                return out.toString();
            }
            for (int i = 0; i < all.size(); i++) {
                TimeSeries s = all.get(i);
                while (cursor[i] < s.size() && s.timeAt(cursor[i]) == t) {
                    out.append(Json.number(SimTime.toSeconds(t))).append(',').append(TimeSeriesCsv.csv(s.name()))
                            .append(',').append(TimeSeriesCsv.csv(s.labels())).append(',')
                            .append(Json.number(s.valueAt(cursor[i]))).append('\n');
                    cursor[i]++;
                }
            }
        }
    }
}
