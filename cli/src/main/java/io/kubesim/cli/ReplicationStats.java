package io.kubesim.cli;

import io.kubesim.cli.gate.GateMeasurements;
import io.kubesim.cli.gate.UnknownSelectorException;
import io.kubesim.scenarios.gate.GateExpression;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What replications of one scenario (the same scenario under other seeds) say together: for each
 * quantity a gate can name ({@code failed}, {@code p99Ms[checkout]}, {@code action[rollout web].failed}
 * ...), its value in every replication, the mean, the sample standard deviation and the 95 %
 * confidence interval of the mean (Student's t with n - 1 degrees of freedom; none for one run).
 */
public final class ReplicationStats {
    static final double CONFIDENCE = io.kubesim.reports.sweep.MeanInterval.CONFIDENCE;

    /** One quantity over the replications. */
    record Quantity(String name, List<Double> values, double mean, double stddev, double ciLow, double ciHigh) {
        boolean hasInterval() {
            return !Double.isNaN(ciLow);
        }
    }

    private ReplicationStats() {
    }

    /** The quantities worth comparing, named as gates name them, from one summary's Services and actions. */
    public static List<String> quantities(Map<String, Object> summary) {
        List<String> names = new ArrayList<>(List.of("failed", "errorRatio", "outageSeconds", "p99Ms"));
        Object services = summary.get("services");
        if (services instanceof Map<?, ?> m) {
            for (Object s : m.keySet()) {
                for (String q : List.of("failed", "errorRatio", "p99Ms", "outageSeconds")) {
                    names.add(q + "[" + s + "]");
                }
            }
        }
        Object actions = summary.get("actions");
        if (actions instanceof List<?> list) {
            for (Object a : list) {
                if (a instanceof Map<?, ?> action) {
                    String sel = action.get("kind") + " " + action.get("target");
                    names.add("action[" + sel + "].failed");
                    names.add("action[" + sel + "].outageSeconds");
                }
            }
        }
        return names;
    }

    /** Each quantity's statistics over the summaries (in replication order); unmeasurable ones left out. */
    static List<Quantity> of(List<String> names, List<Map<String, Object>> summaries) {
        List<Quantity> out = new ArrayList<>();
        for (String name : names) {
            GateExpression expr = GateExpression.parse(name + " >= 0");
            List<Double> values = new ArrayList<>();
            try {
                for (Map<String, Object> s : summaries) {
                    values.add(new GateMeasurements(s).measure(expr));
                }
            } catch (UnknownSelectorException | IllegalStateException e) {
                continue;
            }
            out.add(stats(name, values));
        }
        return out;
    }

    static Quantity stats(String name, List<Double> values) {
        io.kubesim.reports.sweep.MeanInterval m = io.kubesim.reports.sweep.MeanInterval.of(values);
        return new Quantity(name, values, m.mean(), m.stddev(), m.low(), m.high());
    }

    /** summary.json's {@code replications}: count, seeds, and per quantity its values, mean, stddev and ci95. */
    static Map<String, Object> section(List<Long> seeds, List<Quantity> quantities) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", seeds.size());
        m.put("seeds", seeds);
        m.put("confidence", CONFIDENCE);
        Map<String, Object> q = new LinkedHashMap<>();
        for (Quantity x : quantities) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("mean", round(x.mean()));
            v.put("stddev", round(x.stddev()));
            v.put("ci95", x.hasInterval() ? List.of(round(x.ciLow()), round(x.ciHigh())) : null);
            v.put("values", x.values().stream().map(ReplicationStats::round).toList());
            q.put(x.name(), v);
        }
        m.put("quantities", q);
        return m;
    }

    /** Four significant decimals; NaN and infinities as null (JSON has none). */
    public static Double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e4) / 1e4 : null;
    }
}
