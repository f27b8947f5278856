package io.kubesim.scenarios.audit.checks;

import io.kubesim.app.ApplicationModel;
import io.kubesim.app.ResourceUsage;
import io.kubesim.scenarios.audit.AuditArea;
import io.kubesim.scenarios.audit.AuditCheck;
import io.kubesim.scenarios.audit.AuditInput;
import io.kubesim.scenarios.audit.Finding;
import io.kubesim.scenarios.audit.Rule;
import io.kubesim.scenarios.audit.Severity;
import io.kubesim.scenarios.audit.Workload;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * With a scenario that gives memory usage: a container's memory limit is above its working set,
 * and stays above it for the scenario's duration when the usage grows (a leak).
 */
public final class MemoryLimitBelowUsage implements AuditCheck {
    private static final Rule RULE = new Rule("memory-limit-below-usage", AuditArea.RESOURCES, Severity.HIGH,
            "Memory limits are above the working set",
            "A container whose working set reaches its memory limit is OOM-killed by the kernel and restarted "
                    + "(with back-off): below its steady usage it never stays up; with a leak, it is killed on a "
                    + "schedule. The limit must sit above the working set the application really has, with room "
                    + "for bursts.");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public List<Finding> check(AuditInput in) {
        List<Finding> out = new ArrayList<>();
        for (Workload w : in.workloads()) {
            ApplicationModel app = in.application(w);
            if (app == null || app.usage().memoryBaseline() == ResourceUsage.MEMORY_DEFAULT) {
                continue;
            }
            ResourceUsage u = app.usage();
            for (Workload.ContainerAt c : w.containers()) {
                BigDecimal limit = ContainerResources.limit(in, w, c, "memory");
                if (limit == null) {
                    continue;
                }
                double lim = limit.doubleValue();
                String written = Mebibytes.of(limit);
                if (u.memoryBaseline() >= lim) {
                    out.add(finding(w.object(), c.pointer() + "/resources/limits/memory", String.format(Locale.ROOT,
                                    "container %s: its working set (%s, the scenario's memory usage) is at or above its "
                                            + "memory limit %s: it is OOM-killed as soon as it is up, again and again",
                                    c.name(), Mebibytes.of(BigDecimal.valueOf(u.memoryBaseline())), written),
                            "resources.limits.memory: " + Mebibytes.of(BigDecimal.valueOf(u.memoryBaseline() * 2L))));
                } else if (u.memoryGrowthPerSecond() > 0 && in.scenario() != null) {
                    double seconds = (lim - u.memoryBaseline()) / u.memoryGrowthPerSecond();
                    if (seconds * 1e6 < in.scenario().duration()) {
                        out.add(finding(w.object(), c.pointer() + "/resources/limits/memory", String.format(Locale.ROOT,
                                        "container %s: its memory grows %s per minute from %s and reaches the %s limit "
                                                + "after about %.0f min: it is OOM-killed and restarted every %.0f min",
                                        c.name(), Mebibytes.of(BigDecimal.valueOf(u.memoryGrowthPerSecond() * 60)),
                                        Mebibytes.of(BigDecimal.valueOf(u.memoryBaseline())), written, seconds / 60,
                                        seconds / 60),
                                "fix the leak; until then a limit that outlasts a release cycle, and an alert on "
                                        + "restarts"));
                    }
                }
            }
        }
        return out;
    }
}
