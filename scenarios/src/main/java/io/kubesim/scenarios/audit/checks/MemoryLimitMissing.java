package io.kubesim.scenarios.audit.checks;

import io.kubesim.scenarios.audit.AuditArea;
import io.kubesim.scenarios.audit.AuditCheck;
import io.kubesim.scenarios.audit.AuditInput;
import io.kubesim.scenarios.audit.Drill;
import io.kubesim.scenarios.audit.Finding;
import io.kubesim.scenarios.audit.Rule;
import io.kubesim.scenarios.audit.Severity;
import io.kubesim.scenarios.audit.Workload;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Every container has a memory limit (written or a LimitRange default): the noisy-neighbour guard. */
public final class MemoryLimitMissing implements AuditCheck {
    private static final Rule RULE = new Rule("memory-limit-missing", AuditArea.RESOURCES, Severity.MEDIUM,
            "Containers have a memory limit",
            "Without a memory limit a leak or a burst grows until the node runs short of memory. Then the kubelet "
                    + "evicts pods by how far they exceed their requests (node-pressure eviction) and the kernel's "
                    + "OOM killer may kill neighbours: pods with no connection to the cause go down. A limit of 2-3x "
                    + "the request absorbs bursts and confines a leak to its own container.");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public List<Finding> check(AuditInput in) {
        List<Finding> out = new ArrayList<>();
        for (Workload w : in.workloads()) {
            for (Workload.ContainerAt c : w.containers()) {
                if (ContainerResources.limit(in, w, c, "memory") != null) {
                    continue;
                }
                BigDecimal request = ContainerResources.request(in, w, c, "memory");
                String example = request == null ? "e.g. 512Mi for a 256Mi request"
                        : "e.g. " + Mebibytes.of(request.multiply(BigDecimal.valueOf(2))) + " (2x its "
                                + Mebibytes.of(request) + " request)";
                String limit = request == null ? "512Mi" : Mebibytes.of(request.multiply(BigDecimal.valueOf(2)));
                Drill drill = w.replicated() || w.kind().equals("DaemonSet")
                        ? new Drill(Drill.Action.MEMORY_LEAK, w.key(), w.kind(), List.of(w.setTarget()
                                + ":spec.template.spec.containers[name=" + c.name() + "].resources.limits.memory="
                                + limit), null, "with a " + limit + " memory limit")
                        : null;
                out.add(finding(w.object(), c.pointer() + (c.node().has("resources") ? "/resources" : ""),
                        "container " + c.name() + " has no memory limit: a leak or a burst can push its node into "
                                + "memory pressure, and the kubelet then evicts its neighbours",
                        "set resources.limits.memory to 2-3x the request, " + example, drill));
            }
        }
        return out;
    }
}
