package io.kubesim.scenarios.audit.checks;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesim.app.ApplicationModel;
import io.kubesim.engine.DurationDistribution;
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
 * With a scenario: the probe that guards start-up (the startupProbe, else the liveness probe)
 * gives the container at least its start-up time, as the scenario's {@code startupTime} says it
 * is. A container still starting when that probe has failed failureThreshold times is restarted,
 * and starts from zero again: with most starts slower, a CrashLoopBackOff.
 */
public final class ProbeTimingVsStartup implements AuditCheck {
    /** Below this share of starts, the restarts are rare enough to leave out. */
    static final double NOTABLE = 0.01;
    private static final Rule RULE = new Rule("probe-timing", AuditArea.PROBES, Severity.HIGH,
            "Probes give containers their start-up time",
            "The liveness probe (or a startupProbe, which holds liveness back until it passes) restarts a "
                    + "container that fails it failureThreshold times in a row. If that happens before the "
                    + "application has started (initialDelaySeconds + failureThreshold x periodSeconds shorter than "
                    + "its start-up), the container is killed mid-start and starts over; when most starts are that "
                    + "slow it never comes up (CrashLoopBackOff). Size a startupProbe to the slowest start-up.");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public List<Finding> check(AuditInput in) {
        List<Finding> out = new ArrayList<>();
        for (Workload w : in.workloads()) {
            ApplicationModel app = in.application(w);
            if (app == null) {
                continue;
            }
            DurationDistribution startup = app.startupTime();
            for (Workload.ContainerAt c : w.containers()) {
                JsonNode guard = c.node().has("startupProbe") ? c.node().path("startupProbe") : c.node().path("livenessProbe");
                if (!guard.isObject()) {
                    continue;
                }
                String which = c.node().has("startupProbe") ? "startupProbe" : "livenessProbe";
                int budget = ProbeTimings.budgetSeconds(guard);
                double slower = startup.survival(budget * 1_000_000.0);
                if (slower < NOTABLE) {
                    continue;
                }
                out.add(finding(w.object(), c.pointer() + "/" + which, String.format(Locale.ROOT,
                                "container %s: the %s restarts it at most %d s after it starts (initialDelaySeconds %d + "
                                        + "failureThreshold %d x periodSeconds %d), and %.0f %% of its starts take longer "
                                        + "(startupTime, mean %.1f s): those containers are killed before they listen",
                                c.name(), which, budget, ProbeTimings.initialDelay(guard),
                                ProbeTimings.failureThreshold(guard), ProbeTimings.period(guard), 100 * slower,
                                startup.mean() / 1e6),
                        "a startupProbe with failureThreshold x periodSeconds above the slowest start-up, e.g. "
                                + "{httpGet: ..., periodSeconds: 5, failureThreshold: "
                                + (int) Math.ceil(slowest(startup) / 5.0) + "}"));
            }
        }
        return out;
    }

    /** A start-up time few starts exceed (the 99.9th percentile, found by bisection on the survival function), in s. */
    static double slowest(DurationDistribution d) {
        double lo = 0;
        double hi = 3600e6;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (d.survival(mid) > 0.001) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi / 1e6;
    }
}
