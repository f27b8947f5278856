package io.kubesim.scenarios.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs the checks on an input; findings in audit order (area), then by place, then by rule. */
public final class Audit {
    private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::area)
            .thenComparing(f -> f.location().file()).thenComparingInt(f -> f.location().line())
            .thenComparingInt(f -> f.location().column()).thenComparing(f -> f.rule().id())
            .thenComparing(Finding::message);

    private Audit() {
    }

    public static List<Finding> run(AuditInput input, List<AuditCheck> checks) {
        List<Finding> out = new ArrayList<>();
        for (AuditCheck c : checks) {
            out.addAll(c.check(input));
        }
        out.sort(ORDER);
        return out;
    }
}
