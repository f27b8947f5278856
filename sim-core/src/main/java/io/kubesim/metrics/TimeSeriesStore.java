package io.kubesim.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** All sampled series, in the order they were first recorded (which is deterministic). */
public final class TimeSeriesStore {
    private final Map<String, TimeSeries> byKey = new HashMap<>();
    private final List<TimeSeries> ordered = new ArrayList<>();

    /** The series with this name and labels, created on first use. */
    public TimeSeries series(String name, String labels) {
        String key = name + '\u0000' + labels;
        TimeSeries s = byKey.get(key);
        if (s == null) {
            s = new TimeSeries(name, labels);
            byKey.put(key, s);
            ordered.add(s);
        }
        return s;
    }

    public TimeSeries find(String name, String labels) {
        return byKey.get(name + '\u0000' + labels);
    }

    public List<TimeSeries> all() {
        return Collections.unmodifiableList(ordered);
    }
}
