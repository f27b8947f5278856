package io.kubesim.reports.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * sweep.csv: a header {@code point,replication,seed,refused,PARAMETER...,QUANTITY,QUANTITY.ci95_low,QUANTITY.ci95_high...};
 * one row per point and replication (the interval columns empty), then one row per point with
 * {@code replication} {@code mean}: each quantity's mean and its 95 % interval. A point whose
 * scenario the loader refused has the reason in {@code refused} and no values.
 */
public final class SweepCsv {
    private SweepCsv() {
    }

    public static String render(SweepTable t) {
        StringBuilder sb = new StringBuilder("point,replication,seed,refused");
        for (String p : t.parameters()) {
            sb.append(',').append(quote(p));
        }
        for (String q : t.quantities()) {
            sb.append(',').append(quote(q)).append(',').append(quote(q + ".ci95_low")).append(',')
                    .append(quote(q + ".ci95_high"));
        }
        sb.append('\n');
        for (int p = 0; p < t.points().size(); p++) {
            SweepTable.Point point = t.points().get(p);
            for (int r = 0; r < t.seeds().size(); r++) {
                sb.append(point.index()).append(',').append(r + 1).append(',').append(t.seeds().get(r)).append(',')
                        .append(quote(t.refusals().get(p)));
                values(sb, point);
                for (int q = 0; q < t.quantities().size(); q++) {
                    sb.append(',').append(num(t.values()[p][r][q])).append(",,");
                }
                sb.append('\n');
            }
        }
        for (int p = 0; p < t.points().size(); p++) {
            SweepTable.Point point = t.points().get(p);
            sb.append(point.index()).append(",mean,,").append(quote(t.refusals().get(p)));
            values(sb, point);
            for (int q = 0; q < t.quantities().size(); q++) {
                MeanInterval m = t.stats(p, q);
                sb.append(',').append(num(m.mean())).append(',').append(num(m.low())).append(',').append(num(m.high()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    public static void write(SweepTable t, Path file) throws IOException {
        Files.writeString(file, render(t), StandardCharsets.UTF_8);
    }

    private static void values(StringBuilder sb, SweepTable.Point point) {
        for (String v : point.values()) {
            sb.append(',').append(quote(v));
        }
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break. */
    public static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** Four decimals at most, no trailing zeros; empty for no value. */
    public static String num(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        double r = Math.round(v * 1e4) / 1e4;
        if (r == Math.rint(r) && Math.abs(r) < 1e15) {
            return Long.toString((long) r);
        }
        return String.format(Locale.ROOT, "%s", r);
    }
}
