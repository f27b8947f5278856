package io.kubesim.scenarios.audit.checks;

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
 * A traffic-serving Deployment sets maxSurge and maxUnavailable on purpose rather than taking the
 * apps/v1 defaults (25 % each: maxUnavailable rounds down, maxSurge up; k8s-semantics.md 2).
 * Without a scenario there is no load to judge by, so every such Deployment is named; with one,
 * {@link RollingUpdateNearCapacity} names those the defaults would push near capacity.
 */
public final class RollingUpdateDefaults implements AuditCheck {
    private static final Rule RULE = new Rule("rolling-update-defaults", AuditArea.ROLLING_UPDATES, Severity.LOW,
            "Rolling-update parameters are set on purpose",
            "Left unset, maxUnavailable and maxSurge are 25 % each: a quarter of the replicas (rounded down) may "
                    + "be unavailable during a rollout, and their share of the load goes to the rest. On a service "
                    + "near capacity that is a latency spike or errors on every deploy. maxUnavailable: 0 with a "
                    + "surge keeps full capacity, at the cost of extra pods during the rollout.");

    /** A traffic-serving apps/v1 Deployment of 2+ replicas rolling out with maxSurge and maxUnavailable unset. */
    static boolean defaulted(AuditInput in, Workload w) {
        if (!w.kind().equals("Deployment") || !w.object().apiVersion().equals("apps/v1")) {
            return false;
        }
        AuditObject o = w.object();
        String type = o.path("/spec/strategy/type").asText("RollingUpdate");
        boolean set = o.path("/spec/strategy/rollingUpdate/maxUnavailable").isValueNode()
                || o.path("/spec/strategy/rollingUpdate/maxSurge").isValueNode();
        return type.equals("RollingUpdate") && !set && w.replicas() >= 2 && in.servesTraffic(w);
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public List<Finding> check(AuditInput in) {
        List<Finding> out = new ArrayList<>();
        if (in.scenario() != null) {
            return out; // the scenario's load decides: RollingUpdateNearCapacity
        }
        for (Workload w : in.workloads()) {
            if (!defaulted(in, w)) {
                continue;
            }
            AuditObject o = w.object();
            int replicas = w.replicas();
            int unavailable = replicas / 4;
            int surge = (replicas + 3) / 4;
            out.add(finding(o, o.path("/spec/strategy").isMissingNode() ? "/spec" : "/spec/strategy",
                    "maxSurge and maxUnavailable are left at 25 %: with " + replicas + " replicas a rollout runs "
                            + surge + " extra pod" + (surge == 1 ? "" : "s") + " and keeps " + (replicas - unavailable)
                            + " available" + (unavailable == 0 ? " (no capacity lost)" : ", " + unavailable
                            + " fewer than usual while it lasts"),
                    "set spec.strategy.rollingUpdate on purpose, e.g. {maxUnavailable: 0, maxSurge: 1} to keep full "
                            + "capacity",
                    Rollouts.drill(w, List.of(w.setTarget() + ":spec.strategy={type: RollingUpdate, rollingUpdate: "
                            + "{maxUnavailable: 0, maxSurge: 1}}"), "with maxUnavailable 0 and maxSurge 1")));
        }
        return out;
    }
}
