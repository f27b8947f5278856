package io.kubesim.scenarios.traffic;

import java.util.Arrays;

/**
 * Reads the {@code timestamps} layout: a header row, then one row per request with its arrival
 * time in the chosen column. Arrivals are microseconds after the first row's timestamp (or after
 * {@code start}, dropping earlier rows); timestamps must not decrease.
 */
final class TimestampTrace {
    private TimestampTrace() {
    }

    static long[] read(CsvCursor csv, TraceOptions options, OptionErrors errors) {
        if (!csv.next()) {
            throw csv.fileError("empty trace: expected a header row and one row per request");
        }
        int col = TraceColumns.find(csv, options.column(), 0, errors);
        Long origin = null;
        if (options.start() != null) {
            try {
                origin = TraceTimestamps.parseMicros(options.start());
            } catch (IllegalArgumentException e) {
                throw errors.at("start", e.getMessage());
            }
        }
        long[] out = new long[1024];
        int n = 0;
        long previous = Long.MIN_VALUE;
        while (csv.next()) {
            long t;
            try {
                t = TraceTimestamps.parseMicros(csv.field(col));
            } catch (IllegalArgumentException e) {
                throw csv.error(col, e.getMessage());
            }
            if (t < previous) {
                throw csv.error(col, "timestamps must not decrease: " + csv.field(col) + " is before the row above");
            }
            previous = t;
            if (origin == null) {
                origin = t;
            }
            if (t < origin) {
                continue;
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = t - origin;
        }
        return Arrays.copyOf(out, n);
    }
}
