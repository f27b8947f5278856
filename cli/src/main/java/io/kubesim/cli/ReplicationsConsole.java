package io.kubesim.cli;

import java.util.List;
import java.util.Locale;

/**
 * The console lines of {@code run --replications N}: the run-wide quantities, then each Service's
 * and each action's failures, as mean with its 95 % confidence interval over the replications.
 */
final class ReplicationsConsole {
    private ReplicationsConsole() {
    }

    static String render(int n, List<ReplicationStats.Quantity> quantities) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "  replications: %d runs (mean, 95 %% confidence interval)%n", n));
        for (ReplicationStats.Quantity q : quantities) {
            boolean shown = !q.name().contains("[") || q.name().startsWith("failed[") || q.name().startsWith("p99Ms[")
                    || q.name().endsWith("].failed");
            if (!shown) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "    %-40s %s%n", q.name(), describe(q)));
        }
        return sb.toString();
    }

    static String describe(ReplicationStats.Quantity q) {
        if (Double.isNaN(q.mean())) {
            return "no value";
        }
        if (!q.hasInterval()) {
            return format(q.mean());
        }
        return format(q.mean()) + "  [" + format(q.ciLow()) + " .. " + format(q.ciHigh()) + "]";
    }

    private static String format(double v) {
        return Math.abs(v) >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%,.1f", v)
                : String.format(Locale.ROOT, "%.4g", v);
    }
}
