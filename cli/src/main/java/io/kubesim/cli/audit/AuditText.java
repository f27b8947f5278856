package io.kubesim.cli.audit;

import io.kubesim.scenarios.audit.AuditArea;
import io.kubesim.scenarios.audit.Finding;
import io.kubesim.scenarios.audit.Severity;
import java.util.Locale;

/** The audit as text: a summary line, then the findings grouped by area in audit order. */
final class AuditText {
    private AuditText() {
    }

    static String render(AuditReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "audit of %d object%s in %d file%s for Kubernetes 1.%d: %s%n",
                r.objects(), r.objects() == 1 ? "" : "s", r.files().size(), r.files().size() == 1 ? "" : "s",
                r.kubeVersion(), summary(r)));
        AuditArea area = null;
        for (int i = 0; i < r.findings().size(); i++) {
            Finding f = r.findings().get(i);
            if (f.area() != area) {
                area = f.area();
                sb.append('\n').append(area.title()).append('\n');
            }
            sb.append("  ").append(String.format(Locale.ROOT, "%-6s", f.severity().label())).append(' ')
                    .append(f.rule().id()).append("  ").append(f.object()).append('\n');
            sb.append("    ").append(f.location()).append(": ").append(f.message()).append('\n');
            sb.append("    fix: ").append(f.fix()).append('\n');
            if (r.impact(i) != null) {
                sb.append("    simulated: ").append(r.impact(i).describe()).append('\n');
            }
        }
        return sb.toString();
    }

    static String summary(AuditReport r) {
        if (r.findings().isEmpty()) {
            return "no findings";
        }
        return r.findings().size() + " finding" + (r.findings().size() == 1 ? "" : "s") + " (" + r.count(Severity.HIGH)
                + " high, " + r.count(Severity.MEDIUM) + " medium, " + r.count(Severity.LOW) + " low)";
    }
}
