package io.kubesim.reports.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * What each timeline action cost, one row per entry of summary.json {@code actions[]} in play
 * order: when it started and how long the cluster took to settle, the failed requests by Service
 * and cause, the outage inside its window, per workload below its desired count the fewest
 * available pods and the seconds below, the evictions and the pod-seconds spent pending.
 */
final class ActionCostSection implements ReportSection {
    @Override
    public String id() {
        return "action-costs";
    }

    @Override
    public String title() {
        return "What each action cost";
    }

    @Override
    public String render(ReportContext c) {
        JsonNode actions = c.run().summary().path("actions");
        if (actions.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("<table class=\"costs\">\n<tr><th>action</th><th class=\"num\">start (s)</th>"
                + "<th class=\"num\">settled after (s)</th><th>failed requests</th><th>outage</th>"
                + "<th>below desired (min available, seconds)</th><th class=\"num\">evictions</th>"
                + "<th class=\"num\">pending pod-seconds</th></tr>\n");
        for (JsonNode a : actions) {
            out.append("<tr><td>").append(Html.escape(a.path("kind").asText() + " " + a.path("target").asText()))
                    .append("</td><td class=\"num\">").append(number(a.path("start").asDouble()))
                    .append("</td><td class=\"num\">")
                    .append(a.path("seconds").isNumber() ? number(a.path("seconds").asDouble()) : "not settled")
                    .append("</td><td>").append(failed(a)).append("</td><td>").append(outage(a.path("outageSeconds")))
                    .append("</td><td>").append(belowDesired(a.path("workloads")))
                    .append("</td><td class=\"num\">").append(a.path("evictions").asLong())
                    .append("</td><td class=\"num\">").append(number(a.path("pendingPodSeconds").asDouble()))
                    .append("</td></tr>\n");
        }
        return out.append("</table>\n").toString();
    }

    /** {@code 882 of 10,866}, then per Service {@code cart: 677 no_endpoints, 205 connection_refused}. */
    private static String failed(JsonNode a) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%,d of %,d", a.path("failed").asLong(),
                a.path("requests").asLong()));
        for (Map.Entry<String, JsonNode> svc : iterable(a.path("failedByService").fields())) {
            s.append("<br>").append(Html.escape(svc.getKey())).append(": ");
            String sep = "";
            for (Map.Entry<String, JsonNode> cause : iterable(svc.getValue().path("byCause").fields())) {
                s.append(sep).append(String.format(Locale.ROOT, "%,d ", cause.getValue().asLong()))
                        .append(Html.escape(cause.getKey()));
                sep = ", ";
            }
        }
        return s.toString();
    }

    private static String outage(JsonNode outage) {
        if (outage.isEmpty()) {
            return "none";
        }
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, JsonNode> o : iterable(outage.fields())) {
            s.append(s.length() == 0 ? "" : "<br>").append(Html.escape(o.getKey())).append(": ")
                    .append(number(o.getValue().asDouble())).append(" s");
        }
        return s.toString();
    }

    private static String belowDesired(JsonNode workloads) {
        if (workloads.isEmpty()) {
            return "none";
        }
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, JsonNode> w : iterable(workloads.fields())) {
            s.append(s.length() == 0 ? "" : "<br>").append(Html.escape(w.getKey())).append(": min ")
                    .append(w.getValue().path("minAvailable").asLong()).append(", ")
                    .append(number(w.getValue().path("secondsBelowDesired").asDouble())).append(" s");
        }
        return s.toString();
    }

    /** Seconds as summary.json has them: whole numbers without a fraction, else one decimal. */
    static String number(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long) v) : String.format(Locale.ROOT, "%,.1f", v);
    }

    private static <T> Iterable<T> iterable(Iterator<T> it) {
        return () -> it;
    }
}
