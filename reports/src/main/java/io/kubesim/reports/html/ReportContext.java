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

    /**
     * The context of a run as its outputs tell it: the gate verdicts from summary.json
     * {@code gates} (written by runs that had gates), each tripped one as {@code run} printed it.
     */
    public static ReportContext of(RunOutputs run) {
        List<String> failures = new java.util.ArrayList<>();
        int checked = 0;
        for (var g : run.summary().path("gates")) {
            checked++;
            if (g.path("tripped").asBoolean()) {
                String measured = g.path("measured").isNumber()
                        ? java.math.BigDecimal.valueOf(g.path("measured").asDouble()).round(new java.math.MathContext(6))
                                .stripTrailingZeros().toPlainString()
                        : "n/a";
                failures.add("gate failed: " + g.path("gate").asText() + ": measured " + measured);
            }
        }
        return of(run, failures, checked);
    }

    /** The context of a run, its action bands read from summary.json {@code actions}. */
    static ReportContext of(RunOutputs run, List<String> gateFailures, int gatesChecked) {
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
