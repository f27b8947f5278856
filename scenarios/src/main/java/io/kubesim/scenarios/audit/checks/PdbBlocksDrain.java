package io.kubesim.scenarios.audit.checks;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * A PodDisruptionBudget leaves room for one eviction at the workload's smallest size: the
 * disruption controller's arithmetic (k8s-semantics.md 6.1: percentages round up) must leave
 * disruptionsAllowed above 0 when every pod is healthy, or drains wait on it forever.
 */
public final class PdbBlocksDrain implements AuditCheck {
    private static final Rule RULE = new Rule("pdb-blocks-drain", AuditArea.DISRUPTION_BUDGETS, Severity.HIGH,
            "PodDisruptionBudgets allow at least one eviction",
            "A budget whose desired healthy count equals the workload's pods (maxUnavailable 0, minAvailable 100 % "
                    + "or equal to the replicas, a percentage that rounds up to every pod, such as 80 % of 1, or "
                    + "minAvailable above an HPA's minReplicas) allows no eviction even when all pods are healthy. "
                    + "kubectl drain then retries every 5 s forever, and a managed node-pool upgrade stalls or "
                    + "force-deletes the pods after its timeout.");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public List<Finding> check(AuditInput in) {
        List<Finding> out = new ArrayList<>();
        for (AuditObject pdb : in.ofKind("PodDisruptionBudget")) {
            JsonNode max = pdb.path("/spec/maxUnavailable");
            JsonNode min = pdb.path("/spec/minAvailable");
            for (Workload w : in.selectedBy(pdb)) {
                if (!w.replicated()) {
                    continue;
                }
                int expected = w.replicas();
                String size = expected + " replica" + (expected == 1 ? "" : "s");
                AuditObject hpa = in.hpaFor(w);
                if (hpa != null) {
                    expected = hpa.path("/spec/minReplicas").asInt(1);
                    size = "the HPA's minReplicas " + expected;
                }
                if (expected <= 0) {
                    continue;
                }
                int desired;
                String field;
                if (present(max)) {
                    field = "/spec/maxUnavailable";
                    desired = Math.max(expected - scaled(max, expected), 0);
                } else if (present(min)) {
                    field = "/spec/minAvailable";
                    desired = scaled(min, expected);
                } else {
                    continue;
                }
                if (desired < expected) {
                    continue;
                }
                String written = field.substring(field.lastIndexOf('/') + 1) + " " + pdb.path(field).asText();
                out.add(finding(pdb, field, written + " for " + w.ref() + " at " + size + ": the budget needs "
                                + (expected == 1 ? "its only pod" : "all " + expected + " pods") + " healthy, so no "
                                + "eviction is ever allowed and a drain waits on it forever",
                        expected == 1 ? "run 2 replicas or more, then maxUnavailable: 1" : "maxUnavailable: 1"));
            }
        }
        return out;
    }

    private static boolean present(JsonNode n) {
        return !n.isMissingNode() && !n.isNull();
    }

    /** An int-or-percent against {@code total}, percentages rounded up as the disruption controller does. */
    static int scaled(JsonNode v, int total) {
        String s = v.asText();
        if (s.endsWith("%")) {
            try {
                int pct = Integer.parseInt(s.substring(0, s.length() - 1));
                return (int) Math.ceil(pct * (double) total / 100.0);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return v.asInt();
    }
}
