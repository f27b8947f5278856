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

/** Every container requests CPU and memory (written, copied from its limit, or a LimitRange default). */
public final class RequestsMissing implements AuditCheck {
    private static final Rule RULE = new Rule("requests-missing", AuditArea.RESOURCES, Severity.MEDIUM,
            "Containers request CPU and memory",
            "The scheduler places a pod by its requests. A container without them is placed as if it used "
                    + "nothing, so nodes fill beyond what they can run, and under memory pressure the kubelet "
                    + "evicts pods that use more than they request first (a container with neither requests nor "
                    + "limits is BestEffort, evicted before all others). Set requests to the steady-state usage.");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public List<Finding> check(AuditInput in) {
        List<Finding> out = new ArrayList<>();
        for (Workload w : in.workloads()) {
            for (Workload.ContainerAt c : w.containers()) {
                List<String> missing = new ArrayList<>();
                for (String r : List.of("cpu", "memory")) {
                    if (ContainerResources.request(in, w, c, r) == null) {
                        missing.add(r.equals("cpu") ? "CPU" : r);
                    }
                }
                if (!missing.isEmpty()) {
                    out.add(finding(w.object(), c.pointer() + (c.node().has("resources") ? "/resources" : ""),
                            "container " + c.name() + " has no " + String.join(" and no ", missing) + " request: the "
                                    + "scheduler places it as if it used nothing, and it is among the first evicted "
                                    + "under node pressure",
                            "set resources.requests." + String.join(" and resources.requests.", missing.stream()
                                    .map(m -> m.equals("CPU") ? "cpu" : m).toList()) + " to its steady-state usage"));
                }
            }
        }
        return out;
    }
}
