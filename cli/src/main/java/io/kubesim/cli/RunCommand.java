package io.kubesim.cli;

import io.kubesim.reports.ConsoleSummary;
import io.kubesim.reports.DecisionsJsonl;
import io.kubesim.reports.EventsJsonl;
import io.kubesim.reports.OutputDirectory;
import io.kubesim.reports.PodsCsv;
import io.kubesim.reports.SchedulingDecisionsJsonl;
import io.kubesim.reports.SummaryReport;
import io.kubesim.reports.TimeSeriesCsv;
import io.kubesim.reports.html.HtmlReport;
import io.kubesim.reports.html.ReportContext;
import io.kubesim.reports.html.RunOutputs;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.SimulationResult;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.traffic.TrafficMode;
import io.kubesim.cli.gate.ActionTestCase;
import io.kubesim.cli.gate.GateMeasurements;
import io.kubesim.cli.gate.GateSelectors;
import io.kubesim.cli.gate.GateVerdict;
import io.kubesim.cli.gate.JUnitReport;
import io.kubesim.cli.gate.UnknownSelectorException;
import io.kubesim.scenarios.gate.GateExpression;
import io.kubesim.scenarios.gate.GateSyntaxException;
import io.kubesim.scenarios.scenario.ScenarioGates;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kubesim run SCENARIO --out DIR [--seed N] [--until DURATION] [--fail-on GATE]... [--junit FILE] [--pod-series]}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs a scenario and writes summary.json, timeseries.csv, events.jsonl and report.html to DIR.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "The scenario file (kind: Scenario).")
    Path scenario;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the results.")
    Path out;

    @picocli.CommandLine.Mixin
    RunOverrides overrides = new RunOverrides();

    @picocli.CommandLine.Mixin
    GuardOptions guardOptions = new GuardOptions();

    @Option(names = "--decisions",
            description = "Also write scheduling.jsonl (every scheduling attempt with each node's filter result and scores) "
                    + "and decisions.jsonl (the controllers', kubelets' and proxies' decisions with their facts): "
                    + "what `kubesim explain` reads.")
    boolean decisions;

    @Option(names = "--pod-series",
            description = "Also write pods.csv: per sample interval and pod, the requests, failed requests and CPU cores "
                    + "of its requests (one row per pod per interval: large for big runs).")
    boolean podSeries;

    @Option(names = "--traffic-mode", paramLabel = "MODE",
            description = "How requests are simulated: exact (every request), fluid (rates per 100 ms step) or "
                    + "auto (the default: fluid when exact mode would spend more than 10 s on the run's requests, "
                    + "calls included, and the fluid mode less).")
    String trafficMode = "auto";

    @Option(names = {"-q", "--quiet"}, description = "Print no summary (warnings, errors and tripped gates still go to stderr).")
    boolean quiet;

    @Option(names = "--fail-on", paramLabel = "GATE",
            description = "A gate such as 'p99Ms[frontend] > 250' (repeatable, added to the scenario's gates): "
                    + "after writing the outputs, exit 3 when one trips. Quantities: errorRatio[service], failed[service], "
                    + "outageSeconds[service], p99Ms[service], minAvailable[kind/name], secondsBelowDesired[workload], "
                    + "rolloutSeconds[deployment], pendingSeconds; per timeline action: action[KIND TARGET].Q or "
                    + "action[N].Q, e.g. 'action[rollout web].failed > 0' (see docs/ci.md).")
    List<String> failOn = new ArrayList<>();

    @Option(names = "--replications", paramLabel = "N",
            description = "Also runs the scenario under N - 1 more seeds derived from its own (replication 1 is "
                    + "the scenario's seed and writes every output) and adds to summary.json, replications.csv and "
                    + "the console each quantity's mean and 95 %% confidence interval over the N runs.")
    int replications = 1;

    @Option(names = "--jobs", paramLabel = "N",
            description = "Replications at once (default: the number of processors); the results do not depend on it.")
    Integer jobs;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "Also write the gates' verdicts as JUnit XML (one testcase per gate) to FILE.")
    Path junit;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /**
     * The console line saying that the scenario, setting no {@code sampleInterval}, is sampled
     * coarser than every second because of its size; null when it is not.
     */
    private static String coarseDefaultSampling(SimulationSpec loaded) {
        long interval = loaded.sampleInterval();
        if (interval <= io.kubesim.sim.DefaultSampleInterval.SMALL_CLUSTER
                || interval != io.kubesim.sim.DefaultSampleInterval.of(loaded)) {
            return null;
        }
        return "  sampled every " + io.kubesim.engine.SimTime.format(interval) + ": the default for about "
                + String.format(java.util.Locale.ROOT, "%,d",
                        io.kubesim.sim.DefaultSampleInterval.series(loaded.nodePools(), loaded.manifests()))
                + " time series over " + io.kubesim.engine.SimTime.format(loaded.duration())
                + " (set sampleInterval to choose)";
    }

    @Override
    public Integer call() throws IOException {
        CountOptions.replications(replications);
        CountOptions.jobs(jobs);
        GuardOptions.Guards guards = guardOptions.of(scenario);
        SimulationSpec sim = ScenarioInput.load(scenario, overrides.fields(), spec.commandLine().getErr(), false); // -q hides the summary, never a warning
        String sampling = coarseDefaultSampling(sim);
        sim = overrides.apply(sim);
        List<GateExpression> gates = gates();
        checkSelectors(gates, sim);
        TrafficMode mode = switch (trafficMode) {
            case "auto" -> null;
            case "exact" -> TrafficMode.EXACT;
            case "fluid" -> TrafficMode.FLUID;
            default -> throw new UsageError("--traffic-mode " + trafficMode + ": expected exact, fluid or auto");
        };
        if (mode == TrafficMode.FLUID) {
            for (var entry : sim.traffic()) {
                if (entry.arrivals() instanceof io.kubesim.traffic.ArrivalSpec.ClosedLoop) {
                    throw new UsageError("--traffic-mode fluid: " + TrafficMode.closedLoopRefusal(entry.name()));
                }
            }
        }
        if (mode == TrafficMode.EXACT) {
            ExactRates.check(scenario, sim);
        }
        TrafficMode effective = mode != null ? mode : io.kubesim.sim.ClusterSimulation.chooseTrafficMode(sim);
        if (effective == TrafficMode.FLUID && !sim.traffic().isEmpty()) {
            for (String setting : io.kubesim.sim.FluidLimits.unmodelled(sim)) {
                spec.commandLine().getErr().println("warning: " + scenario + ": " + setting + ": not modelled in the fluid"
                        + " traffic mode this run uses (it balances every request and counts failures on arrival);"
                        + " run with --traffic-mode exact to simulate it");
            }
        }
        SimulationResult result;
        Map<String, Object> summary;
        List<ReplicationStats.Quantity> replicated = List.of();
        double wallSeconds;
        try (OutputDirectory dir = OutDir.open(out)) {
            try (EventsJsonl events = new EventsJsonl(dir.staged("events.jsonl"));
                 SchedulingDecisionsJsonl scheduling = decisions
                         ? new SchedulingDecisionsJsonl(dir.staged("scheduling.jsonl")) : null;
                 DecisionsJsonl decisionRecords = decisions ? new DecisionsJsonl(dir.staged("decisions.jsonl")) : null) {
                long t0 = System.nanoTime();
                ClusterSimulation cluster = new ClusterSimulation(sim,
                        ClusterSimulation.Options.streaming(events, scheduling).withTrafficMode(mode)
                                .withDecisions(decisionRecords));
                cluster.simulation().watch(guards.of(sim.duration()));
                if (podSeries && cluster.podTraffic() != null) {
                    cluster.podTraffic().recordIntervals();
                }
                Progress progress = Progress.onStderr(spec.commandLine().getErr(), quiet);
                long total = sim.duration();
                try {
                    SlicedRun.run(cluster, total, (t, n) -> progress.update(t, total, n));
                } finally {
                    progress.clear();
                }
                wallSeconds = (System.nanoTime() - t0) / 1e9;
                result = cluster.result();
                if (podSeries) {
                    PodsCsv.write(cluster.podTraffic(), dir.staged("pods.csv"));
                }
            }
            summary = SummaryReport.build(result, wallSeconds);
            if (replications > 1) {
                replicated = replicate(sim, mode, summary, guards);
                summary.put("replications", ReplicationStats.section(Replications.seeds(sim.seed(), replications),
                        replicated));
                ReplicationsCsv.write(Replications.seeds(sim.seed(), replications), replicated,
                        dir.staged("replications.csv"));
            }
            if (!gates.isEmpty()) {
                summary.put("gates", gateVerdicts(gates, summary));
            }
            SummaryReport.write(summary, dir.staged("summary.json"));
            TimeSeriesCsv.write(result.series(), dir.staged("timeseries.csv"));
            writeReport(dir);
            dir.commit();
        }
        if (!quiet) {
            spec.commandLine().getOut().print(ConsoleSummary.render(result, wallSeconds));
            if (replications > 1) {
                spec.commandLine().getOut().print(ReplicationsConsole.render(replications, replicated, summary));
            }
            if (sampling != null) {
                spec.commandLine().getOut().println(sampling);
            }
            spec.commandLine().getOut().println("  wrote " + out.resolve("summary.json") + ", timeseries.csv, events.jsonl, report.html"
                    + (decisions ? ", scheduling.jsonl, decisions.jsonl" : "") + (podSeries ? ", pods.csv" : "")
                    + (replications > 1 ? ", replications.csv" : ""));
            spec.commandLine().getOut().flush();
        }
        return checkGates(gates, summary, sim.name());
    }

    /** Replications 2..N beside replication 1 (already run): every quantity's statistics over all N. */
    private List<ReplicationStats.Quantity> replicate(SimulationSpec sim, TrafficMode mode, Map<String, Object> first,
                                                      GuardOptions.Guards guards) {
        List<Long> seeds = Replications.seeds(sim.seed(), replications);
        List<Map<String, Object>> summaries = new ArrayList<>();
        summaries.add(first);
        summaries.addAll(Replications.summaries(sim, seeds.subList(1, seeds.size()), mode,
                jobs != null ? jobs : Runtime.getRuntime().availableProcessors(), guards));
        return ReplicationStats.of(ReplicationStats.quantities(first), summaries);
    }

    /**
     * summary.json {@code gates}: each gate's verdict [{gate, measured, tripped}] in check order,
     * so that {@code kubesim report} rebuilds the verdict (a measurement that is no number is null).
     */
    private static List<Map<String, Object>> gateVerdicts(List<GateExpression> gates, Map<String, Object> summary) {
        List<Map<String, Object>> out = new ArrayList<>();
        try {
            for (GateVerdict v : new GateMeasurements(summary).check(gates)) {
                Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("gate", v.gate().toString());
                m.put("measured", Double.isFinite(v.measured()) ? v.measured() : null);
                m.put("tripped", v.tripped());
                out.add(m);
            }
        } catch (UnknownSelectorException e) {
            throw new UsageError(e.getMessage());
        }
        return out;
    }

    /** report.html beside the other outputs, drawn from them (gate verdicts included) exactly as {@code kubesim report} draws it. */
    private static void writeReport(OutputDirectory dir) throws IOException {
        Path staging = dir.staged("report.html").getParent();
        HtmlReport.write(ReportContext.of(RunOutputs.read(staging)), dir.staged("report.html"));
    }

    /** The scenario's gates, then each --fail-on, parsed before the run so a typo costs no time. */
    private List<GateExpression> gates() {
        List<GateExpression> gates = new ArrayList<>(ScenarioGates.read(scenario));
        for (String text : failOn) {
            try {
                gates.add(GateExpression.parse(text));
            } catch (GateSyntaxException e) {
                throw new UsageError("--fail-on " + e.getMessage());
            }
        }
        return gates;
    }

    /**
     * Before the run: every gate's selectors name something the scenario has. A scenario gate
     * that does not is an error at its list item; a --fail-on one, a usage error.
     */
    private void checkSelectors(List<GateExpression> gates, SimulationSpec sim) {
        if (gates.isEmpty()) {
            return;
        }
        GateSelectors names = GateSelectors.of(sim);
        List<io.kubesim.scenarios.Location> inScenario = ScenarioGates.locations(scenario);
        for (int i = 0; i < gates.size(); i++) {
            try {
                names.check(gates.get(i));
            } catch (UnknownSelectorException e) {
                if (i < inScenario.size()) {
                    throw new io.kubesim.scenarios.InputException(inScenario.get(i), e.getMessage());
                }
                throw new UsageError(e.getMessage());
            }
        }
    }

    /** Exit 3 with one line per tripped gate, or one line saying all passed; writes --junit. */
    private int checkGates(List<GateExpression> gates, Map<String, Object> summary, String name) throws IOException {
        if (gates.isEmpty()) {
            if (junit != null) {
                writeJUnit(name, List.of(), summary);
            }
            return ExitCodes.OK;
        }
        List<GateVerdict> verdicts;
        try {
            verdicts = new GateMeasurements(summary).check(gates);
        } catch (UnknownSelectorException e) {
            throw new UsageError(e.getMessage());
        }
        if (junit != null) {
            writeJUnit(name, verdicts, summary);
        }
        List<GateVerdict> tripped = verdicts.stream().filter(GateVerdict::tripped).toList();
        PrintWriter err = spec.commandLine().getErr();
        for (GateVerdict v : tripped) {
            err.println(v.failureLine());
        }
        err.flush();
        if (!tripped.isEmpty()) {
            return ExitCodes.GATE_TRIPPED;
        }
        if (!quiet) {
            spec.commandLine().getOut().println("  gates: all " + verdicts.size() + " passed");
            spec.commandLine().getOut().flush();
        }
        return ExitCodes.OK;
    }

    /** The gates' verdicts as JUnit XML at {@code --junit}, its directories created as CI tools expect. */
    private void writeJUnit(String name, List<GateVerdict> verdicts, Map<String, Object> summary) {
        try {
            Path parent = junit.toAbsolutePath().getParent();
            if (parent != null) {
                java.nio.file.Files.createDirectories(parent);
            }
            JUnitReport.write(name, verdicts, ActionTestCase.from(summary, verdicts), junit);
        } catch (java.io.IOException e) {
            throw new UsageError("--junit " + junit + ": cannot write the report (" + OutDir.reason(e) + ")");
        }
    }
}
