package io.kubesim.reports.explain;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An action's window as summary.json {@code actions[]} records it: from its start to when the
 * cluster settled, or to the end of the run when it never settled ({@code end} null).
 */
record Window(double start, double end, boolean settled) {

    static Window of(RunRecord run, JsonNode action) {
        double start = action.path("start").asDouble();
        JsonNode end = action.path("end");
        if (end.isNumber()) {
            return new Window(start, end.asDouble(), true);
        }
        return new Window(start, run.summary().path("simulatedSeconds").asDouble(start), false);
    }

    /** {@code 2:00.0 to 2:36.0}, or {@code 3:00.0 to 6:00.0, the end of the run, not settled}. */
    String span() {
        return ExplainTime.format(start) + " to " + ExplainTime.format(end) + (settled ? "" : ", the end of the run, not settled");
    }

    boolean contains(double t) {
        return t >= start && t <= end;
    }
}
