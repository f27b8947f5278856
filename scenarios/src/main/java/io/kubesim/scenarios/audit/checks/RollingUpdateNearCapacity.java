package io.kubesim.scenarios.audit.checks;

import io.kubesim.app.ApplicationModel;
import io.kubesim.scenarios.audit.AuditArea;
import io.kubesim.scenarios.audit.AuditCheck;
import io.kubesim.scenarios.audit.AuditInput;
import io.kubesim.scenarios.audit.AuditObject;
import io.kubesim.scenarios.audit.Finding;
import io.kubesim.scenarios.audit.OfferedLoads;
import io.kubesim.scenarios.audit.Rule;
import io.kubesim.scenarios.audit.Severity;
import io.kubesim.scenarios.audit.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * With a scenario: a Deployment whose rollouts take pods out of service (maxUnavailable above 0,
 * as written or by default) while the scenario's peak load would run the pods that stay at
 * {@link #NEAR} of their capacity or more (capacity: concurrency over mean service time, per pod).
 */
public final class RollingUpdateNearCapacity implements AuditCheck {
    /** From this utilization of the remaining pods on, queues build and latency climbs. */
    static final double NEAR = 0.75;
    private static final Rule RULE = new Rule("rolling-update-near-capacity", AuditArea.ROLLING_UPDATES,
            Severity.MEDIUM, "Rollouts keep enough capacity for the load",
            "With maxUnavailable above 0 (25 % by default), a rollout takes that many replicas out of "
                    + "service while their replacements start. When the scenario's peak load already runs the pods "
                    + "near their capacity, the remaining ones saturate during every deploy: queues, latency, "
                    + "timeouts. maxUnavailable: 0 with a surge keeps full capacity.");

    /** The apiVersion's default maxUnavailable (k8s-semantics.md 16.4): 1 in extensions/v1beta1, else 25 %. */
    private static String defaultUnavailable(Workload w) {
        return w.object().apiVersion().equals("extensions/v1beta1") ? "1" : "25%";
    }

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public List<Finding> check(AuditInput in) {
        List<Finding> out = new ArrayList<>();
        if (in.scenario() == null) {
            return out;
        }
        Map<String, Double> loads = OfferedLoads.of(in.scenario());
        for (Workload w : in.workloads()) {
            if (!w.kind().equals("Deployment") || w.replicas() < 2 || !in.servesTraffic(w)
                    || !w.object().path("/spec/strategy/type").asText("RollingUpdate").equals("RollingUpdate")) {
                continue;
            }
            com.fasterxml.jackson.databind.JsonNode written = w.object().path("/spec/strategy/rollingUpdate/maxUnavailable");
            String setting = written.isValueNode() ? written.asText() : defaultUnavailable(w);
            double rate = 0;
            for (AuditObject s : in.servicesSelecting(w)) {
                rate += loads.getOrDefault(s.name(), 0.0);
            }
            ApplicationModel app = in.application(w) != null ? in.application(w) : in.scenario().defaultApplication();
            double perPod = OfferedLoads.capacityPerPod(app);
            int replicas = w.replicas();
            int unavailable = setting.endsWith("%")
                    ? (int) Math.floor(replicas * Integer.parseInt(setting.substring(0, setting.length() - 1)) / 100.0)
                    : Integer.parseInt(setting);
            int left = replicas - unavailable;
            double during = rate / (left * perPod);
            if (unavailable <= 0 || left <= 0 || during < NEAR) {
                continue;
            }
            String how = written.isValueNode() ? "maxUnavailable is " + setting : "maxUnavailable is left at its default "
                    + setting;
            out.add(finding(w.object(), w.object().path("/spec/strategy").isMissingNode() ? "/spec" : "/spec/strategy",
                    String.format(Locale.ROOT, "%s: at the scenario's peak (%.0f req/s) its %d pods run at %.0f %% of "
                                    + "their capacity (%.0f req/s each), and the %d left during a rollout at %.0f %%", how,
                            rate, replicas, 100 * rate / (replicas * perPod), perPod, left, 100 * during),
                    "spec.strategy.rollingUpdate: {maxUnavailable: 0, maxSurge: 1} (or 25%) keeps full capacity",
                    Rollouts.drill(w, List.of(w.setTarget() + ":spec.strategy={type: RollingUpdate, rollingUpdate: "
                            + "{maxUnavailable: 0, maxSurge: 1}}"), "with maxUnavailable 0 and maxSurge 1")));
        }
        return out;
    }
}
