package io.kubesim.scenarios.audit.checks;

import io.kubesim.scenarios.audit.AuditArea;
import io.kubesim.scenarios.audit.AuditCheck;
import io.kubesim.scenarios.audit.AuditInput;
import io.kubesim.scenarios.audit.Finding;
import io.kubesim.scenarios.audit.Rule;
import io.kubesim.scenarios.audit.Severity;
import io.kubesim.scenarios.audit.Workload;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Limits sit at about 2-3x the requests: far above, the node is overcommitted by what the
 * containers may burst to; just above (less than 1.5x), bursts hit the limit (CPU throttling, OOM
 * kills). A limit equal to the request (Guaranteed QoS) is deliberate and not flagged.
 */
public final class LimitRequestRatio implements AuditCheck {
    static final double LOW = 1.5;
    static final double HIGH = 4.0;
    private static final Rule RULE = new Rule("limit-request-ratio", AuditArea.RESOURCES, Severity.LOW,
            "Limits are about 2-3x the requests",
            "Requests are what the scheduler reserves, limits what a container may use. Far above its request "
                    + "(more than 4x), the containers of a node may together burst well past what it has, and memory "
                    + "pressure evicts pods; barely above it (less than 1.5x), ordinary bursts hit the limit: CPU is "
                    + "throttled, memory is OOM-killed. A limit equal to the request (Guaranteed QoS) is a deliberate "
                    + "choice and is not flagged.");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public List<Finding> check(AuditInput in) {
        List<Finding> out = new ArrayList<>();
        for (Workload w : in.workloads()) {
            for (Workload.ContainerAt c : w.containers()) {
                for (String r : List.of("cpu", "memory")) {
                    BigDecimal request = ContainerResources.amount(c.node().path("resources").path("requests").path(r));
                    BigDecimal limit = ContainerResources.amount(c.node().path("resources").path("limits").path(r));
                    if (request == null || limit == null || request.signum() <= 0) {
                        continue;
                    }
                    double ratio = limit.divide(request, 6, RoundingMode.HALF_UP).doubleValue();
                    if (ratio == 1.0 || (ratio >= LOW && ratio <= HIGH)) {
                        continue;
                    }
                    String written = c.node().path("resources").path("limits").path(r).asText() + " / "
                            + c.node().path("resources").path("requests").path(r).asText();
                    out.add(finding(w.object(), c.pointer() + "/resources/limits/" + r, String.format(Locale.ROOT,
                            "container %s: %s limit is %.1fx its request (%s)%s", c.name(), r.equals("cpu") ? "CPU" : r,
                            ratio, written, ratio > HIGH ? ": the node is overcommitted by what it may burst to"
                                    : ": ordinary bursts hit the limit (" + (r.equals("cpu") ? "throttling" : "OOM kills")
                                            + ")"),
                            "set the " + r + " limit to 2-3x the request"));
                }
            }
        }
        return out;
    }
}
