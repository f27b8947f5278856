package io.kubesim.scenarios.traffic;

import io.kubesim.engine.SimTime;
import io.kubesim.traffic.RateSeries;
import java.util.Arrays;

/**
 * Reads the {@code rate-per-minute} and {@code rate-per-second} layouts: a header row, then one
 * row per interval with its start (a timestamp, or a number of minutes or seconds) in the first
 * column and its request count in the second (or the named {@code column}). The series starts at
 * the first row; each row holds {@code count / interval} requests per second for one interval; an
 * interval without a row has rate 0, and so does the time after the last row.
 */
final class RateTrace {
    /** The latest numeric start a row may have: 100 years, far past any run, and no long overflows near it. */
    private static final double LATEST = 100 * 366 * 24 * (double) SimTime.MICROS_PER_HOUR;

    private RateTrace() {
    }

    static RateSeries read(CsvCursor csv, TraceOptions options, long interval, OptionErrors errors) {
        if (!csv.next()) {
            throw csv.fileError("empty trace: expected a header row and one row per "
                    + (interval == SimTime.MICROS_PER_MINUTE ? "minute" : "second"));
        }
        int countCol = TraceColumns.find(csv, options.column(), 1, errors);
        double perSecond = (double) SimTime.MICROS_PER_SECOND / interval;
        long[] times = new long[1024];
        double[] rates = new double[1024];
        int n = 0;
        Long origin = null;
        long covered = Long.MIN_VALUE;
        while (csv.next()) {
            long start = start(csv, interval);
            double count = count(csv, countCol);
            if (origin == null) {
                origin = start;
            } else if (start - origin < covered) {
                throw csv.error(0, "rows must be at least one " + (interval == SimTime.MICROS_PER_MINUTE ? "minute"
                        : "second") + " apart and in order: " + csv.field(0) + " is within or before the row above");
            }
            long at = start - origin;
            if (n + 2 > times.length) {
                times = Arrays.copyOf(times, times.length * 2);
                rates = Arrays.copyOf(rates, rates.length * 2);
            }
            if (n > 0 && at > covered) {
                times[n] = covered;
                rates[n++] = 0;
            }
            times[n] = at;
            rates[n++] = count * perSecond;
            covered = at + interval;
        }
        if (n == 0) {
            throw csv.fileError("no rows after the header");
        }
        times[n] = covered;
        rates[n++] = 0;
        return new RateSeries(Arrays.copyOf(times, n), Arrays.copyOf(rates, n));
    }

    /** The interval's start in microseconds: a timestamp, or a number of intervals. */
    private static long start(CsvCursor csv, long interval) {
        String s = csv.field(0);
        if (!s.isEmpty() && (Character.isDigit(s.charAt(0)) || s.charAt(0) == '.') && s.indexOf('-') < 0
                && s.indexOf(':') < 0) {
            try {
                double v = Double.parseDouble(s);
                if (Double.isFinite(v) && v * interval <= LATEST) {
                    return Math.round(v * interval);
                }
                if (Double.isFinite(v)) {
                    throw csv.error(0, "a start " + s + (interval == SimTime.MICROS_PER_MINUTE ? " minutes" : " seconds")
                            + " into the trace is more than 100 years: expected the " + (interval == SimTime.MICROS_PER_MINUTE
                            ? "minutes" : "seconds") + " since its start, or a timestamp");
                }
            } catch (NumberFormatException e) {
                // reported below as not a timestamp either
            }
            throw csv.error(0, "expected a timestamp or a number, got \"" + s + "\"");
        }
        try {
            return TraceTimestamps.parseMicros(s);
        } catch (IllegalArgumentException e) {
            throw csv.error(0, e.getMessage() + ", or a number");
        }
    }

    /** A request count: a finite number, not negative. */
    static double count(CsvCursor csv, int col) {
        String s = csv.field(col);
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw csv.error(col, "expected a request count, got \"" + s + "\"");
        }
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw csv.error(col, "expected a request count of 0 or more, got " + s);
        }
        return v;
    }
}
