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

    /**
     * Finds what the gate's selectors name (Service, workload, Deployment, action), measuring
     * nothing: enough for a summary that lists only names ({@link GateSelectors}). Throws
     * {@link UnknownSelectorException} as {@link #measure} would.
     */
    public void resolve(GateExpression gate) {
        String sel = gate.selector();
        switch (gate.quantity()) {
            case ERROR_RATIO, FAILED, OUTAGE_SECONDS, P99_MS -> {
                if (sel != null) {
                    service(gate);
                }
            }
            case MIN_AVAILABLE, SECONDS_BELOW_DESIRED -> workload(gate);
            case ROLLOUT_SECONDS -> {
                if (sel != null) {
                    deployment(gate);
                }
            }
            case ACTION -> {
                action(gate);
                String inner = gate.inActionSelector();
                switch (gate.inAction()) {
                    case FAILED, P99_MS, OUTAGE_SECONDS -> {
                        if (inner != null) {
                            service(inner, gate);
                        }
                    }
                    case ERROR_RATIO -> {
                        if (inner != null) {
                            throw errorRatioOfAnActionTakesNoService(gate, inner);
                        }
                    }
                    case SECONDS_BELOW_DESIRED, MIN_AVAILABLE -> workload(inner, gate);
                    default -> {
                    }
                }
            }
            default -> {
            }
        }
    }

    /** The value of the gate's quantity in this run; throws {@link UnknownSelectorException}. */
    public double measure(GateExpression gate) {
        String sel = gate.selector();
        return switch (gate.quantity()) {
            case ERROR_RATIO -> sel == null ? ratio(afterStartup("failed"), afterStartup("requests"))
                    : ratio(afterStartup(gate, "failed"), afterStartup(gate, "requests"));
            case FAILED -> sel == null ? afterStartup("failed") : afterStartup(gate, "failed");
            case OUTAGE_SECONDS -> sel == null ? sumOverServices("outageSeconds") : num(service(gate), "outageSeconds");
            case P99_MS -> sel == null ? maxOverServices("p99MsAfterStartup") : num(service(gate), "p99MsAfterStartup");
            case MIN_AVAILABLE -> num(workload(gate), "minAvailable");
            case ROLLOUT_SECONDS -> sel == null ? longestRolloutOfAll() : longestRollout(deployment(gate));
            case SECONDS_BELOW_DESIRED -> nullAsZero(workload(gate).get("secondsBelowDesired"));
            case PENDING_SECONDS -> num(map(summary, "pods"), "longestPendingSeconds");
            case ACTION -> inAction(gate, action(gate));
            case EVICTIONS, PENDING_POD_SECONDS -> throw new IllegalStateException(gate + ": only in an action");
        };
    }

    /**
     * Requests (or failures) of the whole run without the Services' cold start: the per-Service
     * counts summed, minus summary.json's {@code startup}, which counts in the same per-Service way.
     * With one Service and no startup failures this is {@code requests.total} ({@code .failed}).
     */
    private double afterStartup(String key) {
        double sum = 0;
        for (Object s : map(summary, "services").values()) {
            sum += num(cast(s), key);
        }
        Map<String, Object> startup = cast(summary.get("startup"));
        return startup == null ? sum : sum - num(startup, key);
    }

    /**
     * One Service's requests (or failures) without its startup: {@code services.NAME} minus
     * {@code startup.byService.NAME} (absent: it had no startup).
     */
    private double afterStartup(GateExpression gate, String key) {
        double all = num(service(gate), key);
        Map<String, Object> startup = cast(summary.get("startup"));
        Object own = startup == null || startup.get("byService") == null ? null
                : map(startup, "byService").get(gate.selector());
        return own == null ? all : all - num(cast(own), key);
    }

    private static double ratio(double failed, double requests) {
        return failed == 0 ? 0 : failed / requests;
    }

    /** The quantity after the dot, measured in one action's window of summary.json's {@code actions}. */
    private double inAction(GateExpression gate, Map<String, Object> action) {
        String sel = gate.inActionSelector();
        return switch (gate.inAction()) {
            case FAILED -> sel == null ? num(action, "failed") : byService(action, "failedByService", gate, "failed");
            case ERROR_RATIO -> {
                if (sel != null) {
                    throw errorRatioOfAnActionTakesNoService(gate, sel);
                }
                yield num(action, "requests") == 0 ? 0 : num(action, "failed") / num(action, "requests");
            }
            case P99_MS -> sel == null ? maxOf(map(action, "p99Ms")) : byService(action, "p99Ms", gate, null);
            case OUTAGE_SECONDS -> sel == null ? sumOf(map(action, "outageSeconds")) : byService(action, "outageSeconds", gate, null);
            case SECONDS_BELOW_DESIRED, MIN_AVAILABLE -> {
                String key = workloadKey(sel, gate);
                Object w = map(action, "workloads").get(key);
                String field = gate.inAction() == GateQuantity.SECONDS_BELOW_DESIRED ? "secondsBelowDesired" : "minAvailable";
                // a workload not listed in the window was never below its desired count in it
                yield w != null ? nullAsZero(cast(w).get(field)) : gate.inAction() == GateQuantity.MIN_AVAILABLE
                        ? nullAsZero(cast(map(summary, "workloads").get(key)).get("desired")) : 0;
            }
            case EVICTIONS -> num(action, "evictions");
            case PENDING_POD_SECONDS -> num(action, "pendingPodSeconds");
            default -> throw new IllegalStateException(gate + ": not a quantity of an action");
        };
    }

    /** actions[] count requests over all Services, not per Service. */
    private static UnknownSelectorException errorRatioOfAnActionTakesNoService(GateExpression gate, String sel) {
        return new UnknownSelectorException("gate " + gate + ": errorRatio of an action takes no [service]"
                + " (use failed[" + sel + "])");
    }

    /** A per-Service entry of an action map; a Service of the run missing from it had none (0). */
    private double byService(Map<String, Object> action, String field, GateExpression gate, String inner) {
        String sel = gate.inActionSelector();
        service(sel, gate);
        Object v = map(action, field).get(sel);
        if (v == null) {
            return 0;
        }
        return inner == null ? ((Number) v).doubleValue() : num(cast(v), inner);
    }

    /** By {@code KIND TARGET} (e.g. {@code rollout web}) or by its 1-based position in {@code actions}. */
    private Map<String, Object> action(GateExpression gate) {
        List<?> actions = (List<?>) summary.get("actions");
        String sel = gate.selector().replaceAll(" +", " ");
        List<String> known = new ArrayList<>();
        List<Map<String, Object>> matched = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            Map<String, Object> a = cast(actions.get(i));
            String name = a.get("kind") + " " + a.get("target");
            known.add((i + 1) + ": " + name);
            if (sel.equals(name) || sel.equals(String.valueOf(i + 1))) {
                matched.add(a);
            }
        }
        if (matched.size() == 1) {
            return matched.get(0);
        }
        String list = known.isEmpty() ? " (the run has no actions)" : " (actions: " + String.join(", ", known) + ")";
        throw new UnknownSelectorException("gate " + gate + ": " + (matched.isEmpty()
                ? "no action \"" + sel + "\" in this run" : "\"" + sel + "\" names more than one action; write its number")
                + list);
    }

    private String workloadKey(String sel, GateExpression gate) {
        Map<String, Object> w = workload(sel, gate);
        return w.get("kind") + "/" + w.get("name");
    }

    private static double sumOf(Map<String, Object> m) {
        double sum = 0;
        for (Object v : m.values()) {
            sum += ((Number) v).doubleValue();
        }
        return sum;
    }

    private static double maxOf(Map<String, Object> m) {
        double max = 0;
        for (Object v : m.values()) {
            max = Math.max(max, ((Number) v).doubleValue());
        }
        return max;
    }

    private static double nullAsZero(Object v) {
        return v == null ? 0 : ((Number) v).doubleValue();
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
        return service(gate.selector(), gate);
    }

    private Map<String, Object> service(String sel, GateExpression gate) {
        Map<String, Object> services = map(summary, "services");
        Object s = services.get(sel);
        if (s == null) {
            throw unknown(gate, sel, "service", services.keySet());
        }
        return cast(s);
    }

    private Map<String, Object> workload(GateExpression gate) {
        return workload(gate.selector(), gate);
    }

    /** By {@code kind/name}, or by a bare name when exactly one workload has it. */
    private Map<String, Object> workload(String sel, GateExpression gate) {
        Map<String, Object> workloads = map(summary, "workloads");
        Object w = workloads.get(sel);
        if (w != null) {
            return cast(w);
        }
        List<Map<String, Object>> named = new ArrayList<>();
        for (Object o : workloads.values()) {
            if (sel.equals(cast(o).get("name"))) {
                named.add(cast(o));
            }
        }
        if (named.size() == 1) {
            return named.get(0);
        }
        if (named.size() > 1) {
            throw new UnknownSelectorException("gate " + gate + ": \"" + sel
                    + "\" names more than one workload; write kind/name (workloads: "
                    + String.join(", ", workloads.keySet()) + ")");
        }
        throw unknown(gate, sel, "workload", workloads.keySet());
    }

    private Map<String, Object> deployment(GateExpression gate) {
        Map<String, Object> deployments = map(summary, "deployments");
        Object d = deployments.get(gate.selector());
        if (d == null) {
            throw unknown(gate, gate.selector(), "Deployment", deployments.keySet());
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

    private static UnknownSelectorException unknown(GateExpression gate, String sel, String what, Iterable<String> known) {
        List<String> names = new ArrayList<>();
        known.forEach(names::add);
        return new UnknownSelectorException("gate " + gate + ": no " + what + " \"" + sel + "\" in this run"
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
