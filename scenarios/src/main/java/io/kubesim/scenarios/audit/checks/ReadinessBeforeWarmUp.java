package io.kubesim.scenarios.audit.checks;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesim.app.ApplicationModel;
import io.kubesim.scenarios.audit.AuditArea;
import io.kubesim.scenarios.audit.AuditCheck;
import io.kubesim.scenarios.audit.AuditInput;
import io.kubesim.scenarios.audit.Finding;
import io.kubesim.scenarios.audit.Rule;
import io.kubesim.scenarios.audit.Severity;
import io.kubesim.scenarios.audit.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * With a scenario: a traffic-serving pod does not turn Ready before its application has warmed up
 * (the scenario's {@code serving.warmUp}): the readiness probe passes as soon as the application
 * listens, unless its initialDelaySeconds holds it back until the warm-up is over.
 */
public final class ReadinessBeforeWarmUp implements AuditCheck {
    private static final Rule RULE = new Rule("readiness-before-warmup", AuditArea.PROBES, Severity.MEDIUM,
            "Readiness passes only after warm-up",
            "A readiness probe that answers as soon as the application listens lets the load balancers send a new "
                    + "pod its full share of requests while caches are cold and code is not yet compiled: those "
                    + "requests are served many times slower, or time out, on every rollout and scale-up. Hold "
                    + "readiness back until warm-up is done (initialDelaySeconds, or an endpoint that checks it).");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public List<Finding> check(AuditInput in) {
        List<Finding> out = new ArrayList<>();
        for (Workload w : in.workloads()) {
            ApplicationModel app = in.application(w);
            if (app == null || app.serving().warmUp() <= 0 || !in.servesTraffic(w)) {
                continue;
            }
            double startup = app.startupTime().mean() / 1e6;
            double warmedUp = startup + app.serving().warmUp() / 1e6;
            for (Workload.ContainerAt c : w.containers()) {
                JsonNode probe = c.node().path("readinessProbe");
                if (!probe.isObject()) {
                    continue;
                }
                double ready = Math.max(startup, ProbeTimings.initialDelay(probe));
                if (ready >= warmedUp) {
                    continue;
                }
                out.add(finding(w.object(), c.pointer() + "/readinessProbe", String.format(Locale.ROOT,
                                "container %s turns Ready about %.0f s after it starts, %.0f s before its warm-up ends "
                                        + "(startupTime mean %.1f s + warmUp %.0f s): it gets its share of requests "
                                        + "while serving up to %.0fx slower",
                                c.name(), ready, warmedUp - ready, startup, app.serving().warmUp() / 1e6,
                                app.serving().warmUpSlowdown()),
                        String.format(Locale.ROOT, "readinessProbe.initialDelaySeconds: %d (or a readiness endpoint "
                                + "that fails until warm-up is done)", (int) Math.ceil(warmedUp)),
                        Rollouts.drill(w, List.of(w.setTarget() + ":spec.template.spec.containers[name=" + c.name()
                                + "].readinessProbe.initialDelaySeconds=" + (int) Math.ceil(warmedUp)),
                                "with readiness at " + (int) Math.ceil(warmedUp) + " s")));
            }
        }
        return out;
    }
}
