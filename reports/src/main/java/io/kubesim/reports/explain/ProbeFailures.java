package io.kubesim.reports.explain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run of the same probe failure ({@code Unhealthy} events with one message) summarised as one
 * step: "readiness probe failed 4 times (httpGet :8080/ready: connection refused) from 0:05.3 to
 * 0:10.1" rather than one line per probe period. A run ends when the message changes, or at the
 * pod's next readiness change, container start or kill (k8s-semantics.md 4.1).
 */
final class ProbeFailures {
    private final String message;
    private final double first;
    private double last;
    private int count;

    ProbeFailures(String message, double time) {
        this.message = message;
        this.first = time;
        this.last = time;
        this.count = 1;
    }

    boolean sameAs(String otherMessage) {
        return message.equals(otherMessage);
    }

    void add(double time) {
        last = time;
        count++;
    }

    double first() {
        return first;
    }

    /** {@code Readiness probe failed: httpGet :8080/ready: connection refused} → the step. */
    Explanation.Step step() {
        String probe = message;
        String cause = "";
        int p = message.indexOf(" probe failed: ");
        if (p >= 0) {
            probe = message.substring(0, p).toLowerCase(java.util.Locale.ROOT);
            cause = message.substring(p + " probe failed: ".length());
        }
        String text = probe + " probe failed " + (count == 1 ? "once" : count + " times")
                + (cause.isEmpty() ? "" : " (" + cause + ")")
                + (count == 1 ? " at " + ExplainTime.format(first)
                : " from " + ExplainTime.format(first) + " to " + ExplainTime.format(last));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("event", "Unhealthy");
        facts.put("message", message);
        facts.put("count", count);
        facts.put("first", first);
        facts.put("last", last);
        return new Explanation.Step(first, text, List.of(), facts);
    }
}
