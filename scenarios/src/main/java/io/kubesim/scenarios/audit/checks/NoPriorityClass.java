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

/** Traffic-serving workloads name a PriorityClass. */
public final class NoPriorityClass implements AuditCheck {
    private static final Rule RULE = new Rule("no-priority-class", AuditArea.BLAST_RADIUS, Severity.LOW,
            "Traffic-serving workloads have a PriorityClass",
            "Priority decides who waits and who goes when the cluster is short: the scheduler preempts lower "
                    + "priority pods to place higher ones, and the kubelet's node-pressure eviction ranks by "
                    + "priority after usage. Without a priorityClassName (and no global default) a serving pod has "
                    + "priority 0, the same as a batch job, and may wait behind it or be evicted before it.");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public List<Finding> check(AuditInput in) {
        boolean globalDefault = in.ofKind("PriorityClass").stream()
                .anyMatch(p -> p.path("/globalDefault").asBoolean(false));
        List<Finding> out = new ArrayList<>();
        if (globalDefault) {
            return out;
        }
        for (Workload w : in.workloads()) {
            if (!w.replicated() || !in.servesTraffic(w)
                    || w.object().path(w.podSpec() + "/priorityClassName").isTextual()) {
                continue;
            }
            out.add(finding(w.object(), w.podSpec(), "no priorityClassName: priority 0, the same as batch work, when "
                            + "the scheduler preempts or the kubelet evicts",
                    "priorityClassName: a PriorityClass above your batch workloads'"));
        }
        return out;
    }
}
