package io.kubesim.scenarios.audit.checks;

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
import java.util.Map;
import java.util.TreeSet;

/**
 * With a placement (a scenario, or {@code --simulate}): after scheduling, no node runs more of a
 * traffic-serving workload's replicas than an even spread over the cluster's nodes would put there
 * (and at least 2), and they do not all share one zone when the cluster has several.
 */
public final class NodeConcentration implements AuditCheck {
    private static final Rule RULE = new Rule("node-concentration", AuditArea.BLAST_RADIUS, Severity.MEDIUM,
            "No node runs more of a workload's replicas than an even spread",
            "What the manifests allow is one thing, where the scheduler puts the pods another: on few or uneven "
                    + "nodes, with no spread constraint or only a preference, several replicas of a workload end up on "
                    + "one node (or all in one zone). Losing that node, draining it, or its memory pressure then takes "
                    + "that share of the service at once. The placement comes from running the manifests on the "
                    + "scenario's cluster (or the generated one of --simulate).");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public List<Finding> check(AuditInput in) {
        List<Finding> out = new ArrayList<>();
        if (in.placement() == null) {
            return out;
        }
        boolean zones = new TreeSet<>(in.placement().zoneOf().values()).stream().filter(z -> !z.isEmpty()).count() > 1;
        for (Workload w : in.workloads()) {
            Map<String, Integer> byNode = in.placement().podsByNode().get(w.key());
            if (!w.replicated() || byNode == null || !in.servesTraffic(w)) {
                continue;
            }
            int total = byNode.values().stream().mapToInt(Integer::intValue).sum();
            if (total < 2) {
                continue;
            }
            String busiest = null;
            for (Map.Entry<String, Integer> e : byNode.entrySet()) {
                if (busiest == null || e.getValue() > byNode.get(busiest)) {
                    busiest = e.getKey();
                }
            }
            int most = byNode.get(busiest);
            TreeSet<String> usedZones = new TreeSet<>();
            byNode.keySet().forEach(n -> usedZones.add(in.placement().zoneOf().getOrDefault(n, "")));
            boolean oneZone = zones && usedZones.size() == 1;
            int nodes = Math.max(1, in.placement().zoneOf().size());
            int even = (total + nodes - 1) / nodes; // what an even spread over the cluster's nodes puts on one
            boolean crowded = most >= 2 && most > even;
            if (!crowded && !oneZone) {
                continue;
            }
            String msg = crowded
                    ? String.format("after scheduling on %s, %d of its %d replicas run on node %s (an even spread "
                            + "puts %d there): losing or draining it takes %d %% of the service at once",
                            in.placement().cluster(), most, total, busiest, even, Math.round(100.0 * most / total))
                    : String.format("after scheduling on %s, all %d replicas run in zone %s: a zone outage takes the "
                            + "whole service", in.placement().cluster(), total, usedZones.first());
            Drill drill = w.kind().equals("Deployment") || w.kind().equals("StatefulSet")
                    ? new Drill(Drill.Action.NODE_FAILURE, w.key(), w.kind(), List.of(w.setTarget()
                            + ":spec.template.spec.topologySpreadConstraints=" + NoSpread.constraint(w)), null,
                            "with a hostname spread constraint")
                    : null;
            out.add(finding(w.object(), w.podSpec(), msg, "topologySpreadConstraints on kubernetes.io/hostname (and "
                    + "topology.kubernetes.io/zone) with whenUnsatisfiable: DoNotSchedule, or more nodes", drill));
        }
        return out;
    }
}
