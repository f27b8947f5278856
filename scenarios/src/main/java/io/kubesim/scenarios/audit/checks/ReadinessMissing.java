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

/** Pods a Service sends traffic to have a readiness probe. */
public final class ReadinessMissing implements AuditCheck {
    private static final Rule RULE = new Rule("readiness-missing", AuditArea.PROBES, Severity.MEDIUM,
            "Traffic-serving pods have a readiness probe",
            "Without a readiness probe a container is Ready as soon as it starts, and the EndpointSlice "
                    + "controller adds the pod to its Services at once: requests reach it before the application "
                    + "listens (connection refused) or has warmed up, on every rollout, restart and scale-up. A "
                    + "pod that stops answering is never taken out of rotation either.");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public List<Finding> check(AuditInput in) {
        List<Finding> out = new ArrayList<>();
        for (Workload w : in.workloads()) {
            List<AuditObject> services = in.servicesSelecting(w);
            if (services.isEmpty() || w.containers().isEmpty()) {
                continue;
            }
            boolean any = w.containers().stream().anyMatch(c -> c.node().has("readinessProbe"));
            if (!any) {
                Workload.ContainerAt first = w.containers().get(0);
                int port = first.node().path("ports").path(0).path("containerPort").asInt(0);
                Drill drill = port == 0 ? null : Rollouts.drill(w, List.of(w.setTarget()
                        + ":spec.template.spec.containers[name=" + first.name() + "].readinessProbe={tcpSocket: {port: "
                        + port + "}, periodSeconds: 2}"), "with a readiness probe on port " + port);
                out.add(finding(w.object(), first.pointer(), "no container has a readiness probe, and Service "
                                + services.get(0).name() + " sends it traffic: each new pod gets requests as soon "
                                + "as it starts, before its application listens",
                        "add a readinessProbe to container " + first.name() + " (an HTTP endpoint that answers only "
                                + "once the application can serve)", drill));
            }
        }
        return out;
    }
}
