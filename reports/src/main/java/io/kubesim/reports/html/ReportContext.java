package io.kubesim.reports.html;

import java.util.List;

/**
 * What every section draws from: the run's outputs, the timeline actions shared by every chart
 * (as shaded bands), and the gate verdicts of the run when it had gates (lines as printed).
 */
public record ReportContext(RunOutputs run, List<ActionBand> actions, List<String> gateFailures, int gatesChecked) {
    public ReportContext {
        actions = List.copyOf(actions);
        gateFailures = List.copyOf(gateFailures);
    }

    /** A timeline action's window: label ({@code rollout web}), start and end in seconds (end: settled, or the run's end). */
    public record ActionBand(String label, double start, double end) {
    }

    /** The context of a run, its action bands read from summary.json {@code actions}. */
    public static ReportContext of(RunOutputs run, List<String> gateFailures, int gatesChecked) {
        java.util.List<ActionBand> bands = new java.util.ArrayList<>();
        double runEnd = run.summary().path("simulatedSeconds").asDouble();
        for (var a : run.summary().path("actions")) {
            double end = a.path("end").isNull() || a.path("end").isMissingNode() ? runEnd : a.path("end").asDouble();
            bands.add(new ActionBand(a.path("kind").asText() + " " + a.path("target").asText(),
                    a.path("start").asDouble(), end));
        }
        return new ReportContext(run, bands, gateFailures, gatesChecked);
    }
}
