package io.kubesim.cli.sweep;

import io.kubesim.cli.ReplicationStats;
import io.kubesim.cli.gate.GateMeasurements;
import io.kubesim.cli.gate.UnknownSelectorException;
import io.kubesim.reports.SummaryReport;
import io.kubesim.reports.sweep.SweepTable;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.scenarios.gate.GateExpression;
import io.kubesim.scenarios.overrides.FieldOverrides;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.traffic.TrafficMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Runs a sweep's points: each point's scenario is read with the fixed and the point's
 * {@code --set} overrides (a point the loader refuses is an input error naming the point, before
 * anything runs), then every point under every replication seed runs as a sequential simulation
 * of its own on up to {@code jobs} threads; each run's summary is measured at once, so memory does
 * not grow with the points. Results are gathered in (point, replication) order: the table does
 * not depend on the thread count.
 */
public final class SweepRunner {
    private final Path scenario;
    private final List<String> fixed;
    private final List<SweepParameter> swept;
    private final List<String> wanted;
    private final TrafficMode mode;
    private final int jobs;
    private final io.kubesim.cli.GuardOptions.Guards guards;

    /**
     * @param fixed  the {@code --set} arguments every point shares
     * @param swept  the parameters with several values
     * @param wanted quantities to measure first (the objective's and constraints'), as gates name them
     */
    public SweepRunner(Path scenario, List<String> fixed, List<SweepParameter> swept, List<String> wanted,
                       TrafficMode mode, int jobs, io.kubesim.cli.GuardOptions.Guards guards) {
        this.scenario = scenario;
        this.fixed = List.copyOf(fixed);
        this.swept = List.copyOf(swept);
        this.wanted = List.copyOf(wanted);
        this.mode = mode;
        this.jobs = jobs;
        this.guards = guards;
    }

    /** The scenario as point {@code point} reads it; an input error names the point. */
    SimulationSpec spec(SweepTable.Point point) {
        List<String> sets = new ArrayList<>(fixed);
        for (int i = 0; i < swept.size(); i++) {
            sets.add(swept.get(i).field() + "=" + point.values().get(i));
        }
        try {
            return ScenarioLoader.load(scenario, FieldOverrides.parse(sets)).value();
        } catch (InputException e) {
            throw new InputException(e.location(), "point " + point.index() + " (" + describe(point) + "): "
                    + e.detail());
        }
    }

    private String describe(SweepTable.Point point) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < swept.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(swept.get(i).field()).append('=').append(point.values().get(i));
        }
        return sb.toString();
    }

    /** Runs the points under the seeds; {@code done} hears the number of runs finished so far. */
    public SweepTable run(String name, List<SweepTable.Point> points, List<Long> seeds, IntConsumer done) {
        List<SimulationSpec> specs = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        InputException firstRefusal = null;
        for (SweepTable.Point p : points) {
            try {
                specs.add(spec(p));
                refusals.add("");
            } catch (InputException e) {
                if (firstRefusal == null) {
                    firstRefusal = e;
                }
                specs.add(null); // a combination the loader refuses: reported, not run
                String detail = e.detail();
                refusals.add(detail.substring(detail.indexOf("): ") + 3));
            }
        }
        if (specs.stream().allMatch(java.util.Objects::isNull)) {
            throw firstRefusal; // nothing can run: the overrides or the scenario are wrong, not a combination
        }
        List<java.util.concurrent.Callable<Map<String, Double>>> tasks = new ArrayList<>();
        for (SimulationSpec spec : specs) {
            for (long seed : seeds) {
                if (spec == null) {
                    tasks.add(Map::of); // a refused point: nothing runs
                    continue;
                }
                SimulationSpec s = spec.with(seed, spec.duration());
                tasks.add(() -> measure(simulate(s)));
            }
        }
        List<Map<String, Double>> measured = io.kubesim.cli.InOrder.run(jobs, "kubesim-sweep", tasks, done);
        return table(name, points, seeds, measured, refusals);
    }

    private Map<String, Object> simulate(SimulationSpec s) {
        ClusterSimulation c = new ClusterSimulation(s, ClusterSimulation.Options.streaming(null, null)
                .withTrafficMode(mode));
        c.simulation().watch(guards.of(s.duration()));
        c.run(s.duration());
        return SummaryReport.build(c.result(), 0);
    }

    /** The wanted quantities, then those any run has (run-wide, per Service, per action), measured as gates measure. */
    private Map<String, Double> measure(Map<String, Object> summary) {
        List<String> names = new ArrayList<>(wanted);
        for (String q : ReplicationStats.quantities(summary)) {
            if (!names.contains(q)) {
                names.add(q);
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        GateMeasurements m = new GateMeasurements(summary);
        for (String q : names) {
            double v;
            try {
                v = m.measure(GateExpression.parse(q + " >= 0"));
            } catch (UnknownSelectorException | IllegalStateException e) {
                v = Double.NaN;
            }
            out.put(q, v);
        }
        return out;
    }

    /**
     * The table: the wanted quantities first, then every other any run has, in a canonical order
     * (run-wide, per Service, per action; each by name), so that shards merged order them as one
     * sweep does; a run without a quantity has NaN.
     */
    SweepTable table(String name, List<SweepTable.Point> points, List<Long> seeds, List<Map<String, Double>> measured,
                     List<String> refusals) {
        return table(name, points, swept.stream().map(SweepParameter::field).toList(), wanted, seeds, measured,
                refusals);
    }

    static SweepTable table(String name, List<SweepTable.Point> points, List<String> parameters, List<String> wanted,
                            List<Long> seeds, List<Map<String, Double>> measured, List<String> refusals) {
        java.util.TreeSet<String> others = new java.util.TreeSet<>(java.util.Comparator
                .comparingInt(SweepRunner::category).thenComparing(java.util.Comparator.naturalOrder()));
        for (Map<String, Double> m : measured) {
            for (String q : m.keySet()) {
                if (!wanted.contains(q)) {
                    others.add(q);
                }
            }
        }
        List<String> names = new ArrayList<>(wanted);
        names.addAll(others);
        double[][][] values = new double[points.size()][seeds.size()][names.size()];
        for (int p = 0; p < points.size(); p++) {
            for (int r = 0; r < seeds.size(); r++) {
                Map<String, Double> m = measured.get(p * seeds.size() + r);
                for (int q = 0; q < names.size(); q++) {
                    values[p][r][q] = m.getOrDefault(names.get(q), Double.NaN);
                }
            }
        }
        return new SweepTable(name, parameters, points, seeds, names, values, refusals);
    }

    /** Run-wide quantities, then per Service, then per action. */
    private static int category(String quantity) {
        return quantity.startsWith("action[") ? 2 : quantity.contains("[") ? 1 : 0;
    }
}
