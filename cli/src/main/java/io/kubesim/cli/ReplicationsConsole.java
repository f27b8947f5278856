package io.kubesim.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * The console lines of {@code run --replications N}: the run-wide quantities, then each Service's
 * (those that received requests) and each action's failures, as mean with its 95 % confidence interval over the replications.
 */
final class ReplicationsConsole {
    private ReplicationsConsole() {
    }

    /**
     * The lines for {@code quantities}; a Service's own quantities only when {@code summary} (replication
     * 1's) shows it received requests, since a Service nobody called has no failures or latency to tell.
     */
    static String render(int n, List<ReplicationStats.Quantity> quantities, Map<String, Object> summary) {
        List<ReplicationStats.Quantity> shown = new ArrayList<>();
        for (ReplicationStats.Quantity q : quantities) {
            if (shown(q.name(), summary)) {
                shown.add(q);
            }
        }
        int width = 40;
        for (ReplicationStats.Quantity q : shown) {
            width = Math.max(width, q.name().length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "  replications: %d runs (mean, 95 %% confidence interval)%n", n));
        for (ReplicationStats.Quantity q : shown) {
            sb.append(String.format(Locale.ROOT, "    %-" + width + "s %s%n", q.name(), describe(q)));
        }
        return sb.toString();
    }

    private static boolean shown(String name, Map<String, Object> summary) {
        if (!name.contains("[")) {
            return true;
        }
        if (name.endsWith("].failed")) {
            return true;
        }
        if (!name.startsWith("failed[") && !name.startsWith("p99Ms[")) {
            return false;
        }
        String service = name.substring(name.indexOf('[') + 1, name.length() - 1);
        return summary.get("services") instanceof Map<?, ?> services
                && services.get(service) instanceof Map<?, ?> s
                && s.get("requests") instanceof Number requests && requests.longValue() > 0;
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
