package io.kubesim.reports.explain;

/** An {@link Explanation} for people: the subject, one line per step with its time, then the conclusions. */
public final class ExplanationText {
    private ExplanationText() {
    }

    public static String render(Explanation e) {
        StringBuilder out = new StringBuilder();
        out.append(e.subject()).append('\n');
        for (Explanation.Step s : e.steps()) {
            out.append(String.format("  %9s  ", ExplainTime.format(s.time()))).append(s.text()).append('\n');
            for (String d : s.detail()) {
                out.append("             ").append(d).append('\n');
            }
        }
        if (!e.conclusions().isEmpty()) {
            out.append('\n');
            for (String c : e.conclusions()) {
                out.append(c).append('\n');
            }
        }
        return out.toString();
    }
}
