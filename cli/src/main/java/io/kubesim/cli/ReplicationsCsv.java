package io.kubesim.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * replications.csv: one row per replication ({@code replication}, {@code seed}, then each
 * quantity), then {@code mean}, {@code stddev}, {@code ci95_low} and {@code ci95_high} rows.
 */
final class ReplicationsCsv {
    private ReplicationsCsv() {
    }

    static void write(List<Long> seeds, List<ReplicationStats.Quantity> quantities, Path file) throws IOException {
        StringBuilder sb = new StringBuilder("replication,seed");
        for (ReplicationStats.Quantity q : quantities) {
            sb.append(',').append(quote(q.name()));
        }
        sb.append('\n');
        for (int i = 0; i < seeds.size(); i++) {
            sb.append(i + 1).append(',').append(seeds.get(i));
            for (ReplicationStats.Quantity q : quantities) {
                sb.append(',').append(num(q.values().get(i)));
            }
            sb.append('\n');
        }
        row(sb, "mean", quantities, ReplicationStats.Quantity::mean);
        row(sb, "stddev", quantities, ReplicationStats.Quantity::stddev);
        row(sb, "ci95_low", quantities, ReplicationStats.Quantity::ciLow);
        row(sb, "ci95_high", quantities, ReplicationStats.Quantity::ciHigh);
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder sb, String label, List<ReplicationStats.Quantity> quantities,
                            java.util.function.ToDoubleFunction<ReplicationStats.Quantity> f) {
        sb.append(label).append(',');
        for (ReplicationStats.Quantity q : quantities) {
            sb.append(',').append(num(f.applyAsDouble(q)));
        }
        sb.append('\n');
    }

    /** A CSV field: quoted when it holds a comma or a quote. */
    static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static String num(double v) {
        Double r = ReplicationStats.round(v);
        return r == null ? "" : String.format(Locale.ROOT, "%s", r);
    }
}
