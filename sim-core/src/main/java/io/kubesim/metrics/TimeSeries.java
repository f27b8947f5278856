package io.kubesim.metrics;

import java.util.Arrays;

/**
 * One sampled series: a name, its labels ({@code key=value;key=value}) and (time, value) points
 * in time order, held in primitive arrays.
 */
public final class TimeSeries {
    private final String name;
    private final String labels;
    private long[] times = new long[64];
    private double[] values = new double[64];
    private int size;

    TimeSeries(String name, String labels) {
        this.name = name;
        this.labels = labels;
    }

    public String name() {
        return name;
    }

    public String labels() {
        return labels;
    }

    public int size() {
        return size;
    }

    public long timeAt(int i) {
        return times[i];
    }

    public double valueAt(int i) {
        return values[i];
    }

    /** Appends a point; times must not go backwards. */
    public void record(long time, double value) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        times[size] = time;
        values[size] = value;
        size++;
    }

    /** The last value recorded, or NaN. */
    public double last() {
        return size == 0 ? Double.NaN : values[size - 1];
    }

    /** The minimum and maximum over all points; NaN when empty. */
    public double min() {
        double m = Double.NaN;
        for (int i = 0; i < size; i++) {
            m = Double.isNaN(m) ? values[i] : Math.min(m, values[i]);
        }
        return m;
    }

    public double max() {
        double m = Double.NaN;
        for (int i = 0; i < size; i++) {
            m = Double.isNaN(m) ? values[i] : Math.max(m, values[i]);
        }
        return m;
    }
}
