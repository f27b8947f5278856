package io.kubesim.reports;

import io.kubesim.capacity.CapacityAnswer;
import io.kubesim.capacity.CapacityRun;
import io.kubesim.capacity.NodeShape;
import io.kubesim.capacity.RunOutcome;
import io.kubesim.capacity.SizeVerdict;
import io.kubesim.capacity.Slo;
import io.kubesim.engine.SimTime;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code kubesim capacity} prints and writes: the answer per node shape, the cheapest, and
 * the runs that justify each (the size that met the SLO and the size one below that did not).
 */
public final class CapacityReport {
    private CapacityReport() {
    }

    /**
     * The question in outputs' terms.
     *
     * @param scenario the scenario's name
     * @param seed     its seed
     * @param pool     the node pool sized
     * @param slo      the objective
     * @param loss     what each size must survive: none, node or zone
     */
    public record Question(String scenario, long seed, String pool, Slo slo, String loss, int replications,
                           double confidence) {
        /** One run per case and size. */
        public Question(String scenario, long seed, String pool, Slo slo, String loss) {
            this(scenario, seed, pool, slo, loss, 1, 0.95);
        }
    }

    /** The answer with the lowest cost (the only one, or the first cheapest); null when none was found. */
    public static CapacityAnswer cheapest(List<CapacityAnswer> answers) {
        CapacityAnswer best = null;
        for (CapacityAnswer a : answers) {
            if (!a.found()) {
                continue;
            }
            if (best == null || (a.shape().hasPrice() && a.cost() < best.cost())) {
                best = a;
            }
        }
        return best;
    }

    /** One line for a size as the search reaches it: met, or the first failure case and what it missed. */
    public static String progressLine(NodeShape shape, List<SizeVerdict> verdicts) {
        boolean met = verdicts.stream().allMatch(SizeVerdict::met);
        int nodes = verdicts.get(0).nodes();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %s%3d node%s: %s", shapePrefix(shape),
                nodes, nodes == 1 ? " " : "s", met ? "meets the SLO" : "misses the SLO"));
        for (SizeVerdict v : verdicts) {
            if (!v.met()) {
                sb.append("; ").append(v.failure().describe()).append(": ").append(v.violations().get(0));
                break;
            }
        }
        return sb.append(System.lineSeparator()).toString();
    }

    public static String render(Question q, List<CapacityAnswer> answers) {
        StringBuilder sb = new StringBuilder();
        String nl = System.lineSeparator();
        for (CapacityAnswer a : answers) {
            sb.append(nl);
            if (a.found()) {
                sb.append(String.format(Locale.ROOT, "answer%s: %d node%s in pool %s%s%n",
                        a.shape().name().isEmpty() ? "" : " for " + a.shape().name(), a.nodes(),
                        a.nodes() == 1 ? "" : "s", q.pool(), costText(a)));
            } else {
                sb.append(String.format(Locale.ROOT, "no answer%s: even %d nodes miss the SLO%n",
                        a.shape().name().isEmpty() ? "" : " for " + a.shape().name(), a.maxNodes()));
            }
            if (a.explanation() != null) {
                sb.append("  binds: ").append(a.explanation()).append(nl);
            }
            if (a.monotonicity() != null) {
                sb.append("  note: ").append(a.monotonicity()).append(nl);
            }
            sb.append("  justified by:").append(nl);
            for (SizeVerdict v : justification(a)) {
                List<CapacityRun> runs = a.runsAt(v.nodes()).stream().filter(r -> r.failure().equals(v.failure()))
                        .toList();
                String figures = runs.size() == 1 ? figures(runs.get(0).outcome())
                        : runs.size() + " runs, " + figures(runs.get(0).outcome()) + " in the first";
                sb.append(String.format(Locale.ROOT, "    %3d node%s, %s: %s%n", v.nodes(), v.nodes() == 1 ? " " : "s",
                        v.failure().describe(), v.met() ? "met (" + figures + ")"
                                : "MISSED: " + String.join("; ", v.violations())));
            }
        }
        if (answers.size() > 1) {
            CapacityAnswer best = cheapest(answers);
            sb.append(nl).append(best == null ? "no shape meets the SLO within the bounds searched"
                    : String.format(Locale.ROOT, "cheapest: %d × %s%s", best.nodes(), best.shape().name(),
                    costText(best))).append(nl);
        }
        return sb.toString();
    }

    /** capacity.json: the question, each shape's answer and every run the search made. */
    public static Map<String, Object> build(Question q, List<CapacityAnswer> answers) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("scenario", q.scenario());
        root.put("seed", q.seed());
        root.put("pool", q.pool());
        Map<String, Object> slo = new LinkedHashMap<>();
        slo.put("maxErrorRatio", q.slo().maxErrorRatio() < 0 ? null : q.slo().maxErrorRatio());
        slo.put("maxP99Ms", q.slo().maxP99() < 0 ? null : Json.number(q.slo().maxP99() / 1000.0));
        slo.put("maxPendingSeconds", q.slo().maxPendingTime() < 0 ? null
                : Json.number(SimTime.toSeconds(q.slo().maxPendingTime())));
        root.put("slo", slo);
        root.put("survive", q.loss());
        root.put("replications", q.replications());
        root.put("confidence", q.confidence());
        List<Object> shapes = new ArrayList<>();
        for (CapacityAnswer a : answers) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("shape", a.shape().name().isEmpty() ? null : a.shape().name());
            m.put("cpu", Json.number(a.shape().allocatable().cpuMillis() / 1000.0));
            m.put("memoryBytes", a.shape().allocatable().memoryBytes());
            m.put("pods", a.shape().maxPods());
            m.put("price", a.shape().hasPrice() ? Json.number(a.shape().price()) : null);
            m.put("nodes", a.found() ? a.nodes() : null);
            m.put("cost", a.found() && a.shape().hasPrice() ? Json.number(a.cost()) : null);
            m.put("minNodes", a.minNodes());
            m.put("maxNodes", a.maxNodes());
            m.put("binds", a.explanation());
            m.put("monotonicity", a.monotonicity());
            List<Object> verdicts = new ArrayList<>();
            for (SizeVerdict v : a.verdicts()) {
                Map<String, Object> vm = new LinkedHashMap<>();
                vm.put("nodes", v.nodes());
                vm.put("case", v.failure().describe());
                vm.put("met", v.met());
                vm.put("violations", v.violations());
                verdicts.add(vm);
            }
            m.put("verdicts", verdicts);
            List<Object> runs = new ArrayList<>();
            for (CapacityRun r : a.runs()) {
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("nodes", r.nodes());
                run.put("case", r.failure().describe());
                run.put("replication", r.replication());
                run.put("lossAt", r.failure().moment() == null ? null
                        : Json.number(SimTime.toSeconds(r.failure().moment().at())));
                run.put("met", r.met());
                RunOutcome o = r.outcome();
                run.put("requests", o.requests());
                run.put("failed", o.failed());
                run.put("errorRatio", Json.number(o.errorRatio()));
                run.put("worstP99Ms", Json.number(Math.round(o.worstP99() / 10.0) / 100.0));
                run.put("worstP99Service", o.worstP99Service().isEmpty() ? null : o.worstP99Service());
                run.put("longestPendingSeconds", Json.number(SimTime.toSeconds(o.longestPending())));
                run.put("pendingAtEnd", o.pendingAtEnd());
                run.put("worstAction", r.outcome().worstAction().isEmpty() ? null : r.outcome().worstAction());
                run.put("worstActionFailed", r.outcome().worstActionFailed());
                run.put("violations", r.violations());
                runs.add(run);
            }
            m.put("runs", runs);
            shapes.add(m);
        }
        root.put("shapes", shapes);
        CapacityAnswer best = cheapest(answers);
        Map<String, Object> answer = null;
        if (best != null) { // in this order in every run: Map.of's order changes from one JVM to the next
            answer = new LinkedHashMap<>();
            answer.put("shape", best.shape().name());
            answer.put("nodes", best.nodes());
        }
        root.put("answer", answer);
        return root;
    }

    /** The verdicts that justify an answer: at the answer and one below (or at the largest size tried). */
    static List<SizeVerdict> justification(CapacityAnswer a) {
        List<SizeVerdict> out = new ArrayList<>();
        if (a.found()) {
            out.addAll(a.verdictsAt(a.nodes() - 1));
            out.addAll(a.verdictsAt(a.nodes()));
        } else {
            out.addAll(a.verdictsAt(a.maxNodes()));
        }
        return out;
    }

    public static void write(Map<String, Object> report, Path file) throws IOException {
        SummaryReport.write(report, file);
    }

    private static String figures(RunOutcome o) {
        StringBuilder sb = new StringBuilder();
        if (o.requests() > 0) {
            sb.append(String.format(Locale.ROOT, "%.3f%% of %,d requests failed, p99 %s %.1f ms; ",
                    100.0 * o.errorRatio(), o.requests(), o.worstP99Service(), o.worstP99() / 1000.0));
        }
        return sb.append("longest pending ").append(Slo.time(o.longestPending())).toString();
    }

    private static String costText(CapacityAnswer a) {
        return a.shape().hasPrice() ? String.format(Locale.ROOT, ", %s per hour", trim(a.cost())) : "";
    }

    private static String shapePrefix(NodeShape s) {
        return s == null || s.name().isEmpty() ? "" : s.name() + " ";
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.4f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
