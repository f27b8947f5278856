package io.kubesim.scenarios.audit.checks;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesim.scenarios.audit.AuditArea;
import io.kubesim.scenarios.audit.AuditCheck;
import io.kubesim.scenarios.audit.AuditInput;
import io.kubesim.scenarios.audit.Finding;
import io.kubesim.scenarios.audit.Rule;
import io.kubesim.scenarios.audit.Severity;
import io.kubesim.scenarios.audit.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * The replicas of a traffic-serving workload cannot all land on one node: a pod anti-affinity or a
 * topology spread constraint says so. The scheduler's default spreading (k8s-semantics.md 3:
 * PodTopologySpread's system defaults, ScheduleAnyway) is a preference only.
 */
public final class NoSpread implements AuditCheck {
    private static final Rule RULE = new Rule("no-spread", AuditArea.BLAST_RADIUS, Severity.LOW,
            "Replicas are spread across nodes and zones",
            "Without a pod anti-affinity or a topologySpreadConstraint, the scheduler's default spreading is only "
                    + "a score (ScheduleAnyway): when nodes are full or uneven, several or all replicas share a node "
                    + "or a zone, and losing it takes them down together. A spread constraint on "
                    + "kubernetes.io/hostname (and topology.kubernetes.io/zone) bounds the loss to one replica.");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public List<Finding> check(AuditInput in) {
        List<Finding> out = new ArrayList<>();
        for (Workload w : in.workloads()) {
            if (!w.replicated() || w.replicas() < 2 || !in.servesTraffic(w)) {
                continue;
            }
            JsonNode spec = w.object().path(w.podSpec());
            boolean antiAffinity = spec.path("affinity").path("podAntiAffinity").isObject()
                    && !spec.path("affinity").path("podAntiAffinity").isEmpty();
            boolean spread = spec.path("topologySpreadConstraints").isArray()
                    && !spec.path("topologySpreadConstraints").isEmpty();
            if (antiAffinity || spread) {
                continue;
            }
            out.add(finding(w.object(), w.podSpec(), "no pod anti-affinity or topology spread constraint: all "
                            + w.replicas() + " replicas may run on one node (or zone), and losing it takes them all",
                    "topologySpreadConstraints: [{maxSkew: 1, topologyKey: kubernetes.io/hostname, "
                            + "whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: ...}}] (and one on "
                            + "topology.kubernetes.io/zone)"));
        }
        return out;
    }
}
