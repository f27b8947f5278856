package io.kubesim.cli.gate;

import io.kubesim.scenarios.gate.GateExpression;
import io.kubesim.scenarios.gate.GateQuantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures gate quantities over the summary tree that {@code SummaryReport.build} makes (the same
 * numbers summary.json shows, so a gate never disagrees with the file). One method per quantity.
 */
public final class GateMeasurements {
    private final Map<String, Object> summary;

    public GateMeasurements(Map<String, Object> summary) {
        this.summary = summary;
    }

    /** Checks every gate, in the order given. */
    public List<GateVerdict> check(List<GateExpression> gates) {
        List<GateVerdict> out = new ArrayList<>();
        for (GateExpression g : gates) {
            out.add(GateVerdict.check(g, measure(g)));
        }
        return out;
    }

    /** The value of the gate's quantity in this run; throws {@link UnknownSelectorException}. */
    public double measure(GateExpression gate) {
        String sel = gate.selector();
        return switch (gate.quantity()) {
            case ERROR_RATIO -> sel == null ? ratio(map(summary, "requests"), "total")
                    : ratio(service(gate), "requests");
            case FAILED -> sel == null ? num(map(summary, "requests"), "failed") : num(service(gate), "failed");
            case OUTAGE_SECONDS -> sel == null ? sumOverServices("outageSeconds") : num(service(gate), "outageSeconds");
            case P99_MS -> sel == null ? maxOverServices("p99Ms") : num(service(gate), "p99Ms");
            case MIN_AVAILABLE -> num(workload(gate), "minAvailable");
            case ROLLOUT_SECONDS -> sel == null ? longestRolloutOfAll() : longestRollout(deployment(gate));
            case PENDING_SECONDS -> num(map(summary, "pods"), "longestPendingSeconds");
        };
    }

    private double ratio(Map<String, Object> m, String totalKey) {
        double total = num(m, totalKey);
        return total == 0 ? 0 : num(m, "failed") / total;
    }

    private double sumOverServices(String key) {
        double sum = 0;
        for (Object s : map(summary, "services").values()) {
            sum += num(cast(s), key);
        }
        return sum;
    }

    private double maxOverServices(String key) {
        double max = 0;
        for (Object s : map(summary, "services").values()) {
            max = Math.max(max, num(cast(s), key));
        }
        return max;
    }

    private Map<String, Object> service(GateExpression gate) {
        Map<String, Object> services = map(summary, "services");
        Object s = services.get(gate.selector());
        if (s == null) {
            throw unknown(gate, "service", services.keySet());
        }
        return cast(s);
    }

    /** By {@code kind/name}, or by a bare name when exactly one workload has it. */
    private Map<String, Object> workload(GateExpression gate) {
        Map<String, Object> workloads = map(summary, "workloads");
        Object w = workloads.get(gate.selector());
        if (w != null) {
            return cast(w);
        }
        List<Map<String, Object>> named = new ArrayList<>();
        for (Object o : workloads.values()) {
            if (gate.selector().equals(cast(o).get("name"))) {
                named.add(cast(o));
            }
        }
        if (named.size() == 1) {
            return named.get(0);
        }
        if (named.size() > 1) {
            throw new UnknownSelectorException("gate " + gate + ": \"" + gate.selector()
                    + "\" names more than one workload; write kind/name (workloads: "
                    + String.join(", ", workloads.keySet()) + ")");
        }
        throw unknown(gate, "workload", workloads.keySet());
    }

    private Map<String, Object> deployment(GateExpression gate) {
        Map<String, Object> deployments = map(summary, "deployments");
        Object d = deployments.get(gate.selector());
        if (d == null) {
            throw unknown(gate, "Deployment", deployments.keySet());
        }
        return cast(d);
    }

    private double longestRolloutOfAll() {
        double max = 0;
        for (Object d : map(summary, "deployments").values()) {
            max = Math.max(max, longestRollout(cast(d)));
        }
        return max;
    }

    /** The longest rollout; one that never completed counts from its start to the end of the run. */
    private double longestRollout(Map<String, Object> deployment) {
        double end = num(summary, "simulatedSeconds");
        double max = 0;
        for (Object o : (List<?>) deployment.get("rollouts")) {
            Map<String, Object> r = cast(o);
            double seconds = r.get("seconds") == null ? end - num(r, "start") : num(r, "seconds");
            max = Math.max(max, seconds);
        }
        return max;
    }

    private static UnknownSelectorException unknown(GateExpression gate, String what, Iterable<String> known) {
        List<String> names = new ArrayList<>();
        known.forEach(names::add);
        return new UnknownSelectorException("gate " + gate + ": no " + what + " \"" + gate.selector() + "\" in this run"
                + (names.isEmpty() ? "" : " (" + String.join(", ", names) + ")"));
    }

    private static Map<String, Object> map(Map<String, Object> m, String key) {
        return cast(m.get(key));
    }

    private static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }
}
