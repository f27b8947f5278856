package io.kubesim.scenarios.audit.checks;

import io.kubesim.scenarios.audit.AuditArea;
import io.kubesim.scenarios.audit.AuditCheck;
import io.kubesim.scenarios.audit.AuditInput;
import io.kubesim.scenarios.audit.Finding;
import io.kubesim.scenarios.audit.Rule;
import io.kubesim.scenarios.audit.Severity;
import io.kubesim.scenarios.audit.Workload;
import java.util.ArrayList;
import java.util.List;

/** A container's liveness probe is not its readiness probe word for word. */
public final class ReadinessSameAsLiveness implements AuditCheck {
    private static final Rule RULE = new Rule("readiness-equals-liveness", AuditArea.PROBES, Severity.MEDIUM,
            "Liveness is not the readiness probe",
            "Readiness takes a busy pod out of rotation; liveness restarts it. When both are the same probe with "
                    + "the same timing, a pod slowed by a burst or a GC pause is restarted at the moment it would "
                    + "only have been taken out of rotation: the restart loses its in-flight requests and moves its "
                    + "load to the others, which can cascade. Liveness should check a cheaper endpoint and fail "
                    + "later (a higher failureThreshold).");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public List<Finding> check(AuditInput in) {
        List<Finding> out = new ArrayList<>();
        for (Workload w : in.workloads()) {
            for (Workload.ContainerAt c : w.containers()) {
                if (c.node().has("readinessProbe") && c.node().path("readinessProbe").equals(c.node().path("livenessProbe"))) {
                    out.add(finding(w.object(), c.pointer() + "/livenessProbe", "container " + c.name()
                                    + ": the liveness probe is the readiness probe, so a slow pod is restarted when it "
                                    + "would only have been taken out of rotation",
                            "give livenessProbe a cheaper endpoint and a higher failureThreshold than readiness "
                                    + "(or none)"));
                }
            }
        }
        return out;
    }
}
