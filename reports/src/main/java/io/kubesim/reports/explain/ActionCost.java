package io.kubesim.reports.explain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One sentence with an action's cost as summary.json {@code actions[]} records it: failed requests
 * by Service and cause, outage seconds, each workload's lowest availability and seconds below
 * desired, evictions and pending pod-seconds.
 */
final class ActionCost {
    private ActionCost() {
    }

    /** @param index 0-based position in {@code actions[]} */
    static String sentence(JsonNode action, int index) {
        List<String> parts = new ArrayList<>();
        long failed = action.path("failed").asLong();
        if (failed == 0) {
            parts.add(action.path("requests").asLong() == 0 ? "no requests failed" : "none of "
                    + Words.count(action.path("requests").asLong(), "request") + " failed");
        } else {
            List<String> services = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = action.path("failedByService").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> s = it.next();
                List<String> causes = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> c = s.getValue().path("byCause").fields(); c.hasNext(); ) {
                    Map.Entry<String, JsonNode> cause = c.next();
                    causes.add(cause.getKey() + " " + String.format(Locale.ROOT, "%,d", cause.getValue().asLong()));
                }
                services.add(s.getKey() + " " + String.format(Locale.ROOT, "%,d", s.getValue().path("failed").asLong())
                        + (causes.isEmpty() ? "" : " (" + String.join(", ", causes) + ")"));
            }
            parts.add(Words.count(failed, "failed request") + " of " + String.format(Locale.ROOT, "%,d",
                    action.path("requests").asLong()) + ": " + String.join("; ", services));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = action.path("outageSeconds").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> o = it.next();
            if (o.getValue().asDouble() > 0) {
                // an outage (docs/outputs.md): half or more of its requests failed, or no ready endpoint
                parts.add(o.getKey() + " was out for " + Words.seconds(o.getValue().asDouble()));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = action.path("workloads").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> w = it.next();
            parts.add(w.getKey() + " at least " + w.getValue().path("minAvailable").asLong() + " available, "
                    + Words.seconds(w.getValue().path("secondsBelowDesired").asDouble()) + " below desired");
        }
        if (action.path("evictions").asLong() > 0) {
            parts.add(Words.count(action.path("evictions").asLong(), "eviction"));
        }
        if (action.path("pendingPodSeconds").asDouble() > 0) {
            parts.add(Words.seconds(action.path("pendingPodSeconds").asDouble()) + " of pod time Pending");
        }
        return "Cost inside the window (summary.json actions[" + index + "]): " + String.join("; ", parts) + ".";
    }
}
