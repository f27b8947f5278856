package io.kubesim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kubesim.cli.gate.GateMeasurements;
import io.kubesim.cli.gate.UnknownSelectorException;
import io.kubesim.reports.sweep.MeanInterval;
import io.kubesim.scenarios.gate.GateExpression;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.math3.stat.inference.TTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kubesim compare RUN_A RUN_B}: what changed from one run to another, quantity by quantity
 * (named as gates name them), largest changes first. With replications in both runs each side is
 * a mean with its 95 % interval and a change counts as significant when Welch's t-test rejects
 * equal means at 5 %; single runs are compared value against value. Quantities equal in both are
 * counted, not listed.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Lists what differs between two runs (RUN_DIR or summary.json each), largest changes first;",
                "with replications (run --replications N), means, 95 %% intervals and Welch's t-test."})
final class CompareCommand implements Callable<Integer> {
    static final double SIGNIFICANCE = 0.05;

    @Parameters(index = "0", paramLabel = "RUN_A")
    Path a;

    @Parameters(index = "1", paramLabel = "RUN_B")
    Path b;

    @Option(names = "--json", description = "Print the comparison as JSON.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** One quantity on both sides. */
    record Change(String quantity, MeanInterval a, MeanInterval b, Double pValue) {
        double delta() {
            return b.mean() - a.mean();
        }

        boolean changed() {
            return !(Double.compare(a.mean(), b.mean()) == 0);
        }

        /** Replicated on both sides and Welch's test rejects equal means; null when it cannot say. */
        Boolean significant() {
            return pValue == null ? null : pValue < SIGNIFICANCE;
        }
    }

    @Override
    public Integer call() throws IOException {
        Map<String, Object> sa = read(a);
        Map<String, Object> sb = read(b);
        List<String> names = new ArrayList<>(ReplicationStats.quantities(sa));
        for (String q : ReplicationStats.quantities(sb)) {
            if (!names.contains(q)) {
                names.add(q);
            }
        }
        List<Change> changes = new ArrayList<>();
        int unchanged = 0;
        for (String q : names) {
            List<Double> va = values(sa, q);
            List<Double> vb = values(sb, q);
            if (va.isEmpty() || vb.isEmpty()) {
                continue;
            }
            Change c = new Change(q, MeanInterval.of(va), MeanInterval.of(vb), pValue(va, vb));
            if (c.changed()) {
                changes.add(c);
            } else {
                unchanged++;
            }
        }
        changes.sort((x, y) -> Double.compare(relative(y), relative(x)));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(asJson(sa, sb, changes, unchanged)));
        } else {
            out.print(render(sa, sb, changes, unchanged));
        }
        out.flush();
        return 0;
    }

    private static double relative(Change c) {
        double base = Math.abs(c.a().mean());
        double d = Math.abs(c.delta());
        return base == 0 ? (d == 0 ? 0 : Double.MAX_VALUE / 2 + d) : d / base;
    }

    static String render(Map<String, Object> sa, Map<String, Object> sb, List<Change> changes, int unchanged) {
        StringBuilder sb2 = new StringBuilder();
        sb2.append("compare ").append(describe(sa)).append(" -> ").append(describe(sb)).append('\n');
        if (changes.isEmpty()) {
            sb2.append("no quantity differs (").append(unchanged).append(" compared)\n");
            return sb2.toString();
        }
        int w = "quantity".length();
        int wa = 24;
        int wb = 24;
        for (Change c : changes) {
            w = Math.max(w, c.quantity().length());
            wa = Math.max(wa, c.a().describe().length());
            wb = Math.max(wb, c.b().describe().length());
        }
        String row = "%-" + w + "s  %-" + wa + "s  %-" + wb + "s  %s%n";
        sb2.append(String.format(Locale.ROOT, row, "quantity", "A", "B", "change"));
        for (Change c : changes) {
            String pct = c.a().mean() == 0 ? "" : String.format(Locale.ROOT, " (%+.0f %%)", 100 * c.delta() / c.a().mean());
            String verdict = c.significant() == null ? "" : c.significant()
                    ? String.format(Locale.ROOT, "  significant (p = %.3g)", c.pValue())
                    : String.format(Locale.ROOT, "  within noise (p = %.3g)", c.pValue());
            sb2.append(String.format(Locale.ROOT, row, c.quantity(), c.a().describe(), c.b().describe(),
                    (c.delta() > 0 ? "+" : "") + MeanInterval.readable(c.delta()) + pct + verdict));
        }
        sb2.append(unchanged).append(" other quantit").append(unchanged == 1 ? "y" : "ies").append(" unchanged\n");
        return sb2.toString().replace("\r\n", "\n");
    }

    private static String describe(Map<String, Object> s) {
        Object reps = s.get("replications");
        int n = reps instanceof Map<?, ?> m && m.get("count") instanceof Number c ? c.intValue() : 1;
        return s.get("scenario") + " (seed " + s.get("seed") + (n > 1 ? ", " + n + " replications" : "") + ")";
    }

    private static Map<String, Object> asJson(Map<String, Object> sa, Map<String, Object> sb, List<Change> changes,
                                              int unchanged) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", describe(sa));
        m.put("b", describe(sb));
        List<Map<String, Object>> list = new ArrayList<>();
        for (Change c : changes) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("quantity", c.quantity());
            x.put("a", side(c.a()));
            x.put("b", side(c.b()));
            x.put("delta", ReplicationStats.round(c.delta()));
            x.put("pValue", c.pValue() == null ? null : ReplicationStats.round(c.pValue()));
            x.put("significant", c.significant());
            list.add(x);
        }
        m.put("changes", list);
        m.put("unchanged", unchanged);
        return m;
    }

    private static Map<String, Object> side(MeanInterval i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", ReplicationStats.round(i.mean()));
        m.put("ci95", i.hasInterval() ? List.of(ReplicationStats.round(i.low()), ReplicationStats.round(i.high())) : null);
        m.put("n", i.n());
        return m;
    }

    /** The quantity's values: every replication's when the run had replications, else the run's own. */
    private static List<Double> values(Map<String, Object> s, String q) {
        Object reps = s.get("replications");
        if (reps instanceof Map<?, ?> r && r.get("quantities") instanceof Map<?, ?> qs && qs.get(q) instanceof Map<?, ?> x
                && x.get("values") instanceof List<?> v) {
            List<Double> out = new ArrayList<>();
            for (Object o : v) {
                out.add(o instanceof Number n ? n.doubleValue() : Double.NaN);
            }
            return out;
        }
        try {
            double v = new GateMeasurements(s).measure(GateExpression.parse(q + " >= 0"));
            return Double.isFinite(v) ? List.of(v) : List.of();
        } catch (UnknownSelectorException | IllegalStateException e) {
            return List.of();
        }
    }

    /** Welch's t-test of equal means, when both sides have two values or more that are not all equal. */
    private static Double pValue(List<Double> a, List<Double> b) {
        double[] x = a.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).toArray();
        double[] y = b.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).toArray();
        if (x.length < 2 || y.length < 2) {
            return null;
        }
        boolean constant = java.util.Arrays.stream(x).distinct().count() == 1 && java.util.Arrays.stream(y).distinct()
                .count() == 1;
        if (constant) {
            return x[0] == y[0] ? 1.0 : 0.0; // no variance: the means differ for certain, or not at all
        }
        return new TTest().tTest(x, y);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Path p) throws IOException {
        Path file = Files.isDirectory(p) ? p.resolve("summary.json") : p;
        if (!Files.isRegularFile(file)) {
            throw new UsageError("compare: " + p + ": no summary.json (give a run's output directory or its summary.json)");
        }
        try {
            return new ObjectMapper().readValue(file.toFile(), LinkedHashMap.class);
        } catch (IOException e) {
            throw new UsageError("compare: " + file + ": not a kubesim summary.json (" + e.getMessage() + ")");
        }
    }
}
