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

/** An HPA's CPU utilization target sits around 60-70 %. */
public final class HpaCpuTarget implements AuditCheck {
    private static final Rule RULE = new Rule("hpa-cpu-target", AuditArea.AUTOSCALING, Severity.LOW,
            "HPA CPU targets are around 60-70 %",
            "The HPA adds pods when the average utilization passes its target, and new pods take time to pull, "
                    + "start and warm up. Above 70 % (80 % is the default) there is little headroom for that time: "
                    + "a rise in load saturates the pods before the new ones serve. Below 60 % the service pays for "
                    + "idle replicas.");

    /** The HPA's range as a load factor: maxReplicas over minReplicas (1 by default). */
    static double spikeFactor(AuditObject hpa) {
        int min = Math.max(1, hpa.path("/spec/minReplicas").asInt(1));
        return Math.max(1, hpa.path("/spec/maxReplicas").asInt(min)) / (double) min;
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public List<Finding> check(AuditInput in) {
        List<Finding> out = new ArrayList<>();
        for (AuditObject hpa : in.ofKind("HorizontalPodAutoscaler")) {
            for (HpaCpuTargets.Target t : HpaCpuTargets.of(hpa)) {
                if (t.percent() >= 60 && t.percent() <= 70) {
                    continue;
                }
                Workload w = in.targetOf(hpa);
                Drill drill = w == null || t.percent() <= 70 ? null : new Drill(Drill.Action.SPIKE, w.key(), w.kind(),
                        List.of(HpaCpuTargets.set(hpa, t, 65)), null, "at a 65 % target", spikeFactor(hpa));
                out.add(finding(hpa, t.pointer(), "CPU utilization target " + t.percent() + " %"
                                + (t.defaulted() ? " (the default: none is written)" : "") + (t.percent() > 70
                                ? ": little headroom while new pods start, so a rise in load saturates the pods first"
                                : ": the service pays for idle replicas"),
                        "target 60-70 % CPU utilization", drill));
            }
        }
        return out;
    }
}
