package io.kubesim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.engine.SimTime;
import io.kubesim.metrics.TimeSeriesStore;
import java.io.IOException;
import java.io.StringWriter;
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
}
