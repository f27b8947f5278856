package io.kubesim.cli;

import io.kubesim.capacity.CapacityAnswer;
import io.kubesim.capacity.CapacityPlanner;
import io.kubesim.capacity.FailureCase;
import io.kubesim.capacity.LossMoment;
import io.kubesim.capacity.Loss;
import io.kubesim.capacity.NodeShape;
import io.kubesim.capacity.Slo;
import io.kubesim.reports.CapacityReport;
import io.kubesim.reports.OutputDirectory;
import io.kubesim.scenarios.Durations;
import io.kubesim.sim.NodePool;
import io.kubesim.sim.SimulationSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kubesim capacity SCENARIO [--node-shape SHAPE]... [--slo BOUNDS] [--survive node|zone]}:
 * the smallest size of a node pool (or the cheapest of several machine shapes) at which the
 * scenario meets its SLO, with the runs that justify the answer.
 */
@Command(name = "capacity", mixinStandardHelpOptions = true,
        description = {"Finds the smallest node count (or the cheapest of the given node shapes) at which the "
                + "scenario meets its SLO, also when the busiest node or zone is lost at the worst moment, "
                + "and prints the runs that justify the answer."})
final class CapacityCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "The scenario file (kind: Scenario).")
    Path scenario;

    @Option(names = "--pool", paramLabel = "NAME",
            description = "The node pool to size (default: the scenario's only pool).")
    String pool;

    @Option(names = "--node-shape", paramLabel = "SHAPE",
            description = "A machine type to size the pool with: [NAME:]cpu=4,memory=16Gi[,pods=110][,price=0.192]. "
                    + "Repeat to compare shapes (each needs a price). Default: the pool's own shape.")
    List<String> shapes = new ArrayList<>();

    @Option(names = "--slo", paramLabel = "BOUNDS",
            description = "What every run must meet: error-ratio (failed share of entry requests), p99 (at each "
                    + "entry Service), pending (longest wait of any pod for a node); 'off' drops a bound. "
                    + "Default: error-ratio=0.1%%,pending=2m.")
    String slo;

    @Option(names = "--survive", paramLabel = "LOSS",
            description = "Also lose the busiest node or zone at the worst moments: none (default), node or zone.")
    String survive = "none";

    @Option(names = "--loss-at", paramLabel = "TIME", split = ",",
            description = "When to lose it (e.g. 5m,12m30s). Default: the busiest minute of traffic and the start of "
                    + "each rollout, upgrade or drain in the timeline (at most " + LossMoment.MAX_MOMENTS + ").")
    List<String> lossAt = new ArrayList<>();

    @Option(names = "--min", paramLabel = "N", description = "The fewest nodes to try (default 1).")
    int min = 1;

    @Option(names = "--max", paramLabel = "N", description = "The most nodes to try (default 100).")
    int max = 100;

    @Option(names = "--jobs", paramLabel = "N",
            description = "Simulations to run at once (default: the number of processors).")
    Integer jobs;

    @Option(names = "--replications", paramLabel = "N",
            description = "Runs of each case at each size under derived seeds (default 3); a size passes when the "
                    + "SLO holds at --confidence over them.")
    int replications = 3;

    @Option(names = "--confidence", paramLabel = "C",
            description = "The one-sided confidence at which each SLO bound must hold over the replications "
                    + "(default 0.95).")
    double confidence = 0.95;

    @picocli.CommandLine.Mixin
    GuardOptions guardOptions = new GuardOptions();

    @picocli.CommandLine.Mixin
    RunOverrides overrides = new RunOverrides();

    @Option(names = "--out", paramLabel = "DIR", description = "Also write capacity.json (every run) to DIR.")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "Print only the answer.")
    boolean quiet;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        SimulationSpec sim = overrides.apply(ScenarioInput.load(scenario, overrides.fields(),
                spec.commandLine().getErr(), quiet));
        String poolName = poolName(sim);
        Slo objective = slo == null ? Slo.DEFAULT : SloOption.parse(slo);
        Loss loss = loss(sim, poolName);
        List<NodeShape> nodeShapes = new ArrayList<>();
        for (String s : shapes) {
            nodeShapes.add(NodeShapeOption.parse(s));
        }
        if (nodeShapes.size() > 1 && nodeShapes.stream().anyMatch(s -> !s.hasPrice() || s.name().isEmpty())) {
            throw new UsageError("--node-shape: to compare shapes, give each a name and a price, "
                    + "e.g. m5.xlarge:cpu=4,memory=16Gi,price=0.192");
        }
        if (min < 1 || max < min || max > io.kubesim.scenarios.Limits.MAX_NODES) {
            throw new UsageError("--min " + min + " --max " + max + ": need 1 <= min <= max <= "
                    + io.kubesim.scenarios.Limits.MAX_NODES);
        }
        CountOptions.jobs(jobs);
        CountOptions.replications(replications);
        GuardOptions.Guards guards = guardOptions.of(scenario);
        if (!(confidence > 0 && confidence < 1)) {
            throw new UsageError("--confidence " + confidence + ": must be between 0 and 1, e.g. 0.95");
        }
        List<FailureCase> failures = FailureCase.all(loss, moments(sim));
        try (OutputDirectory dir = out != null ? OutDir.open(out) : null) { // before the runs: a bad --out costs none
            answer(sim, poolName, objective, loss, failures, nodeShapes, guards, dir);
        }
        return ExitCodes.OK;
    }

    /** Runs the searches, prints the answers and writes capacity.json into {@code dir} (null: none). */
    private void answer(SimulationSpec sim, String poolName, Slo objective, Loss loss, List<FailureCase> failures,
                        List<NodeShape> nodeShapes, GuardOptions.Guards guards, OutputDirectory dir) throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        if (!quiet) {
            o.printf(Locale.ROOT, "sizing pool %s of %s (seed %d) for SLO %s%s%n", poolName, sim.name(), sim.seed(),
                    objective.describe(), loss == Loss.NONE ? "" : ", surviving the loss of the busiest " + loss.label()
                            + " at " + (failures.size() - 1) + " moment(s)");
            o.flush();
        }
        List<CapacityAnswer> answers = new ArrayList<>();
        Progress progress = Progress.onStderr(spec.commandLine().getErr(), quiet);
        try (ParallelRuns runs = new ParallelRuns(jobs != null ? jobs : Runtime.getRuntime().availableProcessors(),
                progress, guards)) {
            CapacityPlanner planner = new CapacityPlanner(runs);
            for (NodeShape shape : nodeShapes.isEmpty() ? java.util.Collections.<NodeShape>singletonList(null)
                    : nodeShapes) {
                CapacityPlanner.Question q = new CapacityPlanner.Question(sim, poolName, shape, objective, failures,
                        min, max, replications, confidence);
                answers.add(planner.answer(q, done -> {
                    progress.clear();
                    if (!quiet) {
                        o.print(CapacityReport.progressLine(shape, done));
                        o.flush();
                    }
                }));
            }
        } // closing the runs wipes the progress line
        CapacityReport.Question question = new CapacityReport.Question(sim.name(), sim.seed(), poolName, objective,
                loss.label(), replications, confidence);
        if (dir != null) {
            CapacityReport.write(CapacityReport.build(question, answers), dir.staged("capacity.json"));
            dir.commit();
        }
        o.print(CapacityReport.render(question, answers));
        if (out != null && !quiet) {
            o.println("  wrote " + out.resolve("capacity.json"));
        }
        o.flush();
    }

    private String poolName(SimulationSpec sim) {
        TreeSet<String> names = new TreeSet<>();
        for (NodePool p : sim.nodePools()) {
            names.add(p.name());
        }
        if (pool != null) {
            if (!names.contains(pool)) {
                throw new UsageError("--pool " + pool + ": the scenario has no such node pool (pools: "
                        + String.join(", ", names) + ")");
            }
            return checkNotAutoscaled(sim, pool);
        }
        if (names.size() != 1) {
            throw new UsageError("the scenario has " + names.size() + " node pools (" + String.join(", ", names)
                    + "): name the one to size with --pool");
        }
        return checkNotAutoscaled(sim, names.first());
    }

    /** An autoscaled pool's size is the cluster autoscaler's to change; sizing it by hand would fight it. */
    private static String checkNotAutoscaled(SimulationSpec sim, String name) {
        if (sim.clusterAutoscaler() != null && sim.clusterAutoscaler().bounds().containsKey(name)) {
            var b = sim.clusterAutoscaler().bounds().get(name);
            throw new UsageError("pool " + name + " is autoscaled (minCount " + b.minCount() + ", maxCount "
                    + b.maxCount() + "): capacity sizes pools of a fixed count; remove its autoscaling to size it");
        }
        return name;
    }

    private Loss loss(SimulationSpec sim, String poolName) {
        Loss l = switch (survive) {
            case "none" -> Loss.NONE;
            case "node" -> Loss.NODE;
            case "zone" -> Loss.ZONE;
            default -> throw new UsageError("--survive " + survive + ": expected none, node or zone");
        };
        if (l == Loss.ZONE) {
            TreeSet<String> zones = new TreeSet<>();
            for (NodePool p : sim.nodePools()) {
                zones.addAll(p.zones());
            }
            if (zones.size() < 2) {
                throw new UsageError("--survive zone: the scenario's node pools span " + zones.size()
                        + " zone(s); give pool " + poolName + " zones: [...] to spread it");
            }
        }
        if (l == Loss.NONE && !lossAt.isEmpty()) {
            throw new UsageError("--loss-at needs --survive node or zone");
        }
        return l;
    }

    private List<LossMoment> moments(SimulationSpec sim) {
        if (lossAt.isEmpty()) {
            return LossMoment.of(sim);
        }
        List<LossMoment> out = new ArrayList<>();
        for (String t : lossAt) {
            long at;
            try {
                at = Durations.parseMicros(t);
            } catch (IllegalArgumentException e) {
                throw new UsageError("--loss-at " + t + ": " + e.getMessage());
            }
            if (at < 0 || at >= sim.duration()) {
                throw new UsageError("--loss-at " + t + ": must lie within the run (0 to "
                        + Slo.time(sim.duration()) + ")");
            }
            out.add(new LossMoment(at, "--loss-at"));
        }
        return out;
    }
}
