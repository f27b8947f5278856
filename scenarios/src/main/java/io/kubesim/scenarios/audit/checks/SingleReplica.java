package io.kubesim.scenarios.audit.checks;

import io.kubesim.scenarios.audit.AuditArea;
import io.kubesim.scenarios.audit.AuditCheck;
import io.kubesim.scenarios.audit.AuditInput;
import io.kubesim.scenarios.audit.AuditObject;
import io.kubesim.scenarios.audit.Drill;
import io.kubesim.scenarios.audit.Finding;
import io.kubesim.scenarios.audit.Rule;
import io.kubesim.scenarios.audit.Severity;
import io.kubesim.scenarios.audit.Workload;
import java.util.ArrayList;
import java.util.List;

/** A workload behind a Service runs 2 replicas or more (or an HPA keeps at least 2). */
public final class SingleReplica implements AuditCheck {
    private static final Rule RULE = new Rule("single-replica", AuditArea.BLAST_RADIUS, Severity.HIGH,
            "Workloads behind a Service run 2+ replicas",
            "With one replica every restart, eviction, drain and node loss is an outage of the Service until a "
                    + "replacement is Ready elsewhere: after a node failure that is the 300 s toleration of the "
                    + "unreachable taint plus scheduling and start-up. No PodDisruptionBudget can protect a single "
                    + "replica without blocking every drain.");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public List<Finding> check(AuditInput in) {
        List<Finding> out = new ArrayList<>();
        for (Workload w : in.workloads()) {
            if (!w.replicated() || w.replicas() != 1) {
                continue;
            }
            AuditObject hpa = in.hpaFor(w);
            if (hpa != null && hpa.path("/spec/minReplicas").asInt(1) >= 2) {
                continue;
            }
            List<AuditObject> services = in.servicesSelecting(w);
            if (services.isEmpty()) {
                continue;
            }
            Drill drill = null;
            if (w.kind().equals("Deployment") || w.kind().equals("StatefulSet")) {
                drill = new Drill(Drill.Action.NODE_FAILURE, w.key(), w.kind(), List.of(hpa != null
                        ? hpa.namespace() + "/horizontalpodautoscaler/" + hpa.name() + ":spec.minReplicas=2"
                        : w.setTarget() + ":spec.replicas=2"), null, "with 2 replicas");
            }
            out.add(finding(w.object(), w.replicasWritten() ? "/spec/replicas" : "/spec", "a single replica behind "
                            + "Service " + services.get(0).name() + ": any restart, eviction, drain or node loss is "
                            + "an outage until its replacement is Ready",
                    hpa != null ? "minReplicas: 2 on " + hpa.ref() : "replicas: 2 or more, with a PodDisruptionBudget "
                            + "of maxUnavailable: 1", drill));
        }
        return out;
    }
}
