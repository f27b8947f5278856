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

/**
 * An HPA on CPU utilization scales a workload whose every container requests CPU: utilization is
 * usage over request, and one container without a request makes the metric invalid
 * (k8s-semantics.md 1: "missing request for cpu in container ...").
 */
public final class HpaWithoutCpuRequests implements AuditCheck {
    private static final Rule RULE = new Rule("hpa-no-cpu-request", AuditArea.AUTOSCALING, Severity.HIGH,
            "Workloads scaled on CPU utilization request CPU in every container",
            "CPU utilization is usage divided by request, summed over a pod's containers. If one container has "
                    + "no CPU request, the HPA cannot compute it (\"missing request for cpu in container ...\", a "
                    + "FailedGetResourceMetric event) and does not scale on it at all: the workload stays at its "
                    + "current size under any load.");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public List<Finding> check(AuditInput in) {
        List<Finding> out = new ArrayList<>();
        for (AuditObject hpa : in.ofKind("HorizontalPodAutoscaler")) {
            List<HpaCpuTargets.Target> targets = HpaCpuTargets.of(hpa);
            Workload w = in.targetOf(hpa);
            if (targets.isEmpty() || w == null) {
                continue;
            }
            for (Workload.ContainerAt c : w.containers()) {
                if (ContainerResources.request(in, w, c, "cpu") == null) {
                    Drill drill = new Drill(Drill.Action.SPIKE, w.key(), w.kind(), List.of(w.setTarget()
                            + ":spec.template.spec.containers[name=" + c.name() + "].resources.requests.cpu=250m"), null,
                            "with a 250m CPU request", HpaCpuTarget.spikeFactor(hpa));
                    out.add(finding(hpa, targets.get(0).pointer(), "scales " + w.ref() + " on CPU utilization, but its "
                                    + "container " + c.name() + " has no CPU request: the metric is invalid (missing "
                                    + "request for cpu) and the HPA does not scale on it",
                            "set resources.requests.cpu on container " + c.name() + " of " + w.ref(), drill));
                    break;
                }
            }
        }
        return out;
    }
}
