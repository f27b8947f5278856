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
        /** The action's kind: the label's first word. */
        String kind() {
            int space = label.indexOf(' ');
            return space < 0 ? label : label.substring(0, space);
        }
    }

    /** More bands than this in one chart are grouped (see {@link #chartBands()}). */
    static final int MAX_CHART_BANDS = 20;

    /**
     * The bands the charts shade: every action while there are at most {@link #MAX_CHART_BANDS};
     * beyond that (a day with a rollout of every Deployment and a drain of every node has
     * thousands, whose overlapping labels nobody can read and which made each chart megabytes)
     * the windows of one kind that overlap are merged into one band labelled with their count
     * ({@code rollout ×12}), and if that still leaves too many, each kind is one band from its
     * first start to its last end. The action-cost table lists every action.
     */
    public List<ActionBand> chartBands() {
        if (actions.size() <= MAX_CHART_BANDS) {
            return actions;
        }
        java.util.Map<String, List<ActionBand>> byKind = new java.util.LinkedHashMap<>();
        List<ActionBand> ordered = new java.util.ArrayList<>(actions);
        ordered.sort(java.util.Comparator.comparingDouble(ActionBand::start));
        for (ActionBand a : ordered) {
            byKind.computeIfAbsent(a.kind(), k -> new java.util.ArrayList<>()).add(a);
        }
        List<ActionBand> merged = new java.util.ArrayList<>();
        for (var e : byKind.entrySet()) {
            List<ActionBand> run = new java.util.ArrayList<>();
            double end = Double.NEGATIVE_INFINITY;
            for (ActionBand a : e.getValue()) {
                if (!run.isEmpty() && a.start() > end) {
                    merged.add(group(e.getKey(), run, end));
                    run.clear();
                }
                run.add(a);
                end = run.size() == 1 ? a.end() : Math.max(end, a.end());
            }
            merged.add(group(e.getKey(), run, end));
        }
        if (merged.size() <= MAX_CHART_BANDS) {
            merged.sort(java.util.Comparator.comparingDouble(ActionBand::start));
            return merged;
        }
        List<ActionBand> spans = new java.util.ArrayList<>();
        for (var e : byKind.entrySet()) {
            double end = e.getValue().stream().mapToDouble(ActionBand::end).max().orElse(0);
            spans.add(group(e.getKey(), e.getValue(), end));
        }
        return spans;
    }

    private static ActionBand group(String kind, List<ActionBand> members, double end) {
        if (members.size() == 1) {
            return members.get(0);
        }
        return new ActionBand(String.format(java.util.Locale.ROOT, "%s \u00d7%,d", kind, members.size()),
                members.get(0).start(), end);
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
