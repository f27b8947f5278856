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

/** Deployments keep old ReplicaSets to roll back to (revisionHistoryLimit above 0). */
public final class RevisionHistoryZero implements AuditCheck {
    private static final Rule RULE = new Rule("revision-history-zero", AuditArea.ROLLBACK, Severity.MEDIUM,
            "Deployments keep a revision to roll back to",
            "kubectl rollout undo scales an old ReplicaSet back up. With revisionHistoryLimit: 0 the Deployment "
                    + "controller deletes every old ReplicaSet once a rollout completes, so a bad release cannot be "
                    + "undone in place: the old manifest has to be found and applied again while the bad one "
                    + "serves.");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public List<Finding> check(AuditInput in) {
        List<Finding> out = new ArrayList<>();
        for (Workload w : in.workloads()) {
            if ((w.kind().equals("Deployment") || w.kind().equals("Rollout"))
                    && w.object().path("/spec/revisionHistoryLimit").canConvertToInt()
                    && w.object().path("/spec/revisionHistoryLimit").asInt() == 0) {
                out.add(finding(w.object(), "/spec/revisionHistoryLimit", "revisionHistoryLimit 0: old ReplicaSets are "
                                + "deleted after each rollout, so kubectl rollout undo has nothing to go back to",
                        "revisionHistoryLimit: the number of releases you may want to roll back to (e.g. 3)"));
            }
        }
        return out;
    }
}
