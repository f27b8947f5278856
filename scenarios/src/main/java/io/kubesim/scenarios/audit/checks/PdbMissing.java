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
import java.util.Map;
import java.util.StringJoiner;

/** Traffic-serving workloads with 2 replicas or more have a PodDisruptionBudget. */
public final class PdbMissing implements AuditCheck {
    private static final Rule RULE = new Rule("pdb-missing", AuditArea.DISRUPTION_BUDGETS, Severity.HIGH,
            "Traffic-serving workloads with 2+ replicas have a PodDisruptionBudget",
            "kubectl drain, node-pool upgrades and the cluster autoscaler evict pods through the Eviction API, "
                    + "which checks PodDisruptionBudgets. Without one, a drain may evict every replica at once "
                    + "(they often share a node) and the Service has no endpoint until the replacements are ready: "
                    + "the cluster behaves correctly and the result is an outage.");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public List<Finding> check(AuditInput in) {
        List<Finding> out = new ArrayList<>();
        for (Workload w : in.workloads()) {
            if (!w.replicated()) {
                continue;
            }
            int replicas = w.replicas();
            AuditObject hpa = in.hpaFor(w);
            if (hpa != null) {
                replicas = Math.max(replicas, hpa.path("/spec/minReplicas").asInt(1));
            }
            List<AuditObject> services = in.servicesSelecting(w);
            if (replicas < 2 || services.isEmpty() || !in.pdbsSelecting(w).isEmpty()) {
                continue;
            }
            out.add(finding(w.object(), "/metadata/name", replicas + " replicas behind Service " + services.get(0)
                            .name() + " and no PodDisruptionBudget: a drain or a node-pool upgrade may evict all of "
                            + "them at once",
                    "add " + pdb(w), new Drill(Drill.Action.NODE_POOL_UPGRADE, w.key(), w.kind(), List.of(), pdb(w),
                            "with the recommended PDB")));
        }
        return out;
    }

    /** The recommended budget, as a one-line manifest. */
    static String pdb(Workload w) {
        StringJoiner labels = new StringJoiner(", ", "{", "}");
        for (Map.Entry<String, String> e : w.labels().entrySet()) {
            labels.add(e.getKey() + ": " + e.getValue());
        }
        return "{apiVersion: policy/v1, kind: PodDisruptionBudget, metadata: {name: " + w.object().name()
                + ", namespace: " + w.object().namespace() + "}, spec: {maxUnavailable: 1, selector: {matchLabels: "
                + labels + "}}}";
    }
}
