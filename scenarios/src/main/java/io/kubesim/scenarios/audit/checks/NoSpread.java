package io.kubesim.scenarios.audit.checks;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesim.scenarios.audit.AuditArea;
import io.kubesim.scenarios.audit.AuditCheck;
import io.kubesim.scenarios.audit.AuditInput;
import io.kubesim.scenarios.audit.Drill;
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

    /** A hostname spread constraint over the workload's pods, as a flow list for {@code --set}. */
    static String constraint(Workload w) {
        StringBuilder labels = new StringBuilder();
        w.labels().forEach((k, v) -> labels.append(labels.length() == 0 ? "" : ", ").append(k).append(": ").append(v));
        return "[{maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, "
                + "labelSelector: {matchLabels: {" + labels + "}}}]";
    }

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
            String constraint = constraint(w);
            Drill drill = w.kind().equals("Deployment") || w.kind().equals("StatefulSet")
                    ? new Drill(Drill.Action.NODE_FAILURE, w.key(), w.kind(), List.of(w.setTarget()
                            + ":spec.template.spec.topologySpreadConstraints=" + constraint), null,
                            "with a hostname spread constraint")
                    : null;
            out.add(finding(w.object(), w.podSpec(), "no pod anti-affinity or topology spread constraint: all "
                            + w.replicas() + " replicas may run on one node (or zone), and losing it takes them all",
                    "topologySpreadConstraints: " + constraint.replace("DoNotSchedule", "ScheduleAnyway")
                            + " (DoNotSchedule to make it a rule; and one on topology.kubernetes.io/zone)", drill));
        }
        return out;
    }
}
