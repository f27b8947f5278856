package io.kubesim.scenarios.audit.checks;

import io.kubesim.scenarios.audit.AuditArea;
import io.kubesim.scenarios.audit.AuditCheck;
import io.kubesim.scenarios.audit.AuditInput;
import io.kubesim.scenarios.audit.AuditObject;
import io.kubesim.scenarios.audit.Finding;
import io.kubesim.scenarios.audit.Rule;
import io.kubesim.scenarios.audit.Severity;
import io.kubesim.scenarios.audit.Workload;
import java.util.ArrayList;
import java.util.List;

/** A workload an HPA scales does not also write spec.replicas. */
public final class ReplicasWithHpa implements AuditCheck {
    private static final Rule RULE = new Rule("replicas-with-hpa", AuditArea.AUTOSCALING, Severity.MEDIUM,
            "Workloads scaled by an HPA leave spec.replicas unset",
            "The HPA owns the replica count through the scale subresource. A manifest that also writes "
                    + "spec.replicas sets it back on every kubectl apply or helm upgrade: a workload the HPA scaled up "
                    + "under load drops to the written count, and pods are deleted until the HPA's next sync.");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public List<Finding> check(AuditInput in) {
        List<Finding> out = new ArrayList<>();
        for (Workload w : in.workloads()) {
            AuditObject hpa = in.hpaFor(w);
            if (hpa != null && w.replicasWritten()) {
                out.add(finding(w.object(), "/spec/replicas", "replicas " + w.replicas() + " is written while "
                                + hpa.ref() + " scales it: each apply resets the count the HPA chose",
                        "remove spec.replicas from the manifest (the HPA's minReplicas sets the floor)"));
            }
        }
        return out;
    }
}
