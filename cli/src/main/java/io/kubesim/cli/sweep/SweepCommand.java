package io.kubesim.cli.sweep;

import io.kubesim.cli.Replications;
import io.kubesim.cli.UsageError;
import io.kubesim.reports.OutputDirectory;
import io.kubesim.reports.sweep.SweepCsv;
import io.kubesim.reports.sweep.SweepJson;
import io.kubesim.reports.sweep.SweepTable;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.traffic.TrafficMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kubesim sweep SCENARIO --set 'TARGET:PATH=V1,V2,...' ... --out DIR}: runs the scenario at
 * every point of the grid of the swept values (or a seeded sample of it), each under the same
 * replication seeds, in parallel, and writes sweep.csv, sweep.txt (the ranking by the objective
 * under the constraints), sweep.html and sweep.json; {@code --shard i/n} runs one slice, which
 * {@code kubesim sweep merge} joins into the same outputs.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, subcommands = {SweepMergeCommand.class},
        description = {"Runs a scenario over a grid of --set values (each with replications) and ranks the points.",
                "Writes sweep.csv, sweep.txt, sweep.html and sweep.json to DIR (see docs/sweeps.md)."})
public final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", description = "The scenario file (kind: Scenario).")
    Path scenario;

    @Option(names = "--set", paramLabel = "TARGET:PATH=V1,V2,...",
            description = "A field and the values it takes (repeatable; one value: fixed at every point), e.g. "
                    + "'deployment/web:spec.strategy.rollingUpdate.maxSurge=0,1,25%%'.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--replications", paramLabel = "N",
            description = "Runs of each point under N seeds derived from the scenario's, the same for every point "
                    + "(default 1).")
    int replications = 1;

    @Option(names = "--sample", paramLabel = "K", description = "Run K points drawn from the grid instead of all.")
    Integer sample;

    @Option(names = "--seed", paramLabel = "S", description = "The seed of --sample's draw (default 1).")
    long sampleSeed = 1;

    @Option(names = "--objective", paramLabel = "GOAL",
            description = "min QUANTITY or max QUANTITY, a quantity as gates name it (default: 'min failed').")
    String objective = "min failed";

    @Option(names = "--constraint", paramLabel = "GATE",
            description = "A condition each point's mean must meet to rank (repeatable), e.g. 'p99Ms[web] < 250'.")
    List<String> constraints = new ArrayList<>();

    @picocli.CommandLine.Mixin
    io.kubesim.cli.GuardOptions guardOptions = new io.kubesim.cli.GuardOptions();

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the results.")
    Path out;

    @Option(names = "--jobs", paramLabel = "N",
            description = "Runs at once (default: the number of processors); the results do not depend on it.")
    Integer jobs;

    @Option(names = "--shard", paramLabel = "I/N", description = "Run only the I-th of N slices of the points.")
    String shard;

    @Option(names = "--shard-of", paramLabel = "N",
            description = "Run the shard of N that the JOB_COMPLETION_INDEX environment variable (0-based, as an "
                    + "Indexed Job sets it) names: --shard-of 8 in the pod of index 2 is --shard 3/8.")
    Integer shardOf;

    @Option(names = "--traffic-mode", paramLabel = "MODE", description = "exact, fluid or auto (the default).")
    String trafficMode = "auto";

    @Option(names = "--emit-job", paramLabel = "FILE",
            description = "Write a Kubernetes Indexed Job (and a ConfigMap with the scenario's files) that runs the "
                    + "sweep's --shards in a cluster, instead of running it here.")
    Path emitJob;

    @Option(names = "--shards", paramLabel = "N", description = "With --emit-job: how many shards (pods); default 4.")
    int shards = 4;

    @Option(names = "--image", paramLabel = "IMAGE", description = "With --emit-job: the image with kubesim on its PATH.")
    String image;

    @Option(names = "--results-claim", paramLabel = "PVC",
            description = "With --emit-job: the PersistentVolumeClaim the shards write to (default: an emptyDir).")
    String resultsClaim;

    @Option(names = "--files-in-image",
            description = "With --emit-job: the image holds the scenario and its files in its working directory; no "
                    + "ConfigMap is written.")
    boolean filesInImage;

    @Option(names = {"-q", "--quiet"}, description = "Print no ranking.")
    boolean quiet;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (emitJob != null) {
            return emitJob();
        }
        if (shardOf != null) {
            shard = shardOfIndex(System.getenv("JOB_COMPLETION_INDEX"), shardOf);
        }
        if (scenario == null) {
            throw new UsageError("sweep: missing SCENARIO (kubesim sweep SCENARIO --set ... --out DIR, or sweep merge)");
        }
        if (out == null) {
            throw new UsageError("sweep: --out DIR is required");
        }
        io.kubesim.cli.CountOptions.replications(replications);
        if (sample != null && sample < 1) {
            throw new UsageError("--sample " + sample + ": must be at least 1");
        }
        io.kubesim.cli.CountOptions.jobs(jobs);
        int[] slice = shard == null ? null : SweepShards.parse(shard);
        SweepObjective goal = SweepObjective.parse(objective, constraints);
        List<String> fixed = new ArrayList<>();
        List<SweepParameter> swept = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            SweepParameter p = SweepParameter.parse(i + 1, sets.get(i));
            if (p.swept()) {
                swept.add(p);
            } else {
                fixed.add(p.set(0));
            }
        }
        if (swept.isEmpty()) {
            throw new UsageError("sweep: no --set has more than one value (e.g. "
                    + "'deployment/web:spec.strategy.rollingUpdate.maxSurge=0,1,25%'); use run for a single point");
        }
        SimulationSpec base = ScenarioLoader.load(scenario).value();
        if (mode() == TrafficMode.EXACT) {
            io.kubesim.cli.ExactRates.check(scenario, base);
        }
        List<Long> seeds = Replications.seeds(base.seed(), replications);
        List<SweepTable.Point> points = SweepGrid.points(swept, sample, sampleSeed);
        if (slice != null) {
            points = SweepGrid.shard(points, slice[0], slice[1]);
        }
        SweepRunner runner = new SweepRunner(scenario, fixed, swept, goal.quantities(), mode(),
                jobs != null ? jobs : Runtime.getRuntime().availableProcessors(), guardOptions.of(scenario));
        try (OutputDirectory dir = io.kubesim.cli.OutDir.open(out)) { // before the runs: a bad --out costs none
            SweepTable table = runner.run(base.name(), points, seeds, n -> { });
            write(out, dir, new SweepJson(definition(), shard, table), goal, spec.commandLine().getOut(), quiet);
        }
        return 0;
    }

    /** {@code --shard-of N} in the pod of a 0-based {@code JOB_COMPLETION_INDEX}: shard index+1 of N. */
    static String shardOfIndex(String index, int n) {
        if (index == null || !index.matches("\\d+") || n < 1 || Integer.parseInt(index) >= n) {
            throw new UsageError("--shard-of " + n + ": needs the JOB_COMPLETION_INDEX environment variable an Indexed "
                    + "Job sets, from 0 to " + (n - 1) + " (got " + index + ")");
        }
        return (Integer.parseInt(index) + 1) + "/" + n;
    }

    /** {@code --emit-job}: the Job that runs this sweep's shards, written instead of running. */
    private int emitJob() throws IOException {
        if (scenario == null) {
            throw new UsageError("sweep: missing SCENARIO");
        }
        if (image == null) {
            throw new UsageError("--emit-job: --image IMAGE is required (an image with kubesim on its PATH)");
        }
        if (shards < 1) {
            throw new UsageError("--shards " + shards + ": must be at least 1");
        }
        SweepObjective.parse(objective, constraints);
        for (int i = 0; i < sets.size(); i++) {
            SweepParameter.parse(i + 1, sets.get(i));
        }
        String name = ScenarioLoader.load(scenario).value().name();
        List<String> args = new ArrayList<>();
        sets.forEach(s -> args.addAll(List.of("--set", s)));
        args.addAll(List.of("--replications", Integer.toString(replications)));
        if (sample != null) {
            args.addAll(List.of("--sample", Integer.toString(sample), "--seed", Long.toString(sampleSeed)));
        }
        args.addAll(List.of("--objective", objective));
        constraints.forEach(c -> args.addAll(List.of("--constraint", c)));
        args.addAll(List.of("--traffic-mode", trafficMode));
        String yaml = SweepJob.render(scenario, name, args, shards, image, resultsClaim, filesInImage);
        Files.writeString(emitJob, yaml, StandardCharsets.UTF_8);
        if (!quiet) {
            spec.commandLine().getOut().println("wrote " + emitJob + ": an Indexed Job of " + shards + " shard(s)"
                    + (filesInImage ? "" : " and a ConfigMap with " + SweepJob.filesOf(scenario).size() + " file(s)"));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private TrafficMode mode() {
        return switch (trafficMode) {
            case "auto" -> null;
            case "exact" -> TrafficMode.EXACT;
            case "fluid" -> TrafficMode.FLUID;
            default -> throw new UsageError("--traffic-mode " + trafficMode + ": expected exact, fluid or auto");
        };
    }

    /** The arguments that decide what runs: shards of one sweep must have equal ones. */
    private Map<String, Object> definition() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("set", sets);
        d.put("replications", replications);
        d.put("sample", sample);
        d.put("sampleSeed", sampleSeed);
        d.put("objective", objective);
        d.put("constraints", constraints);
        return d;
    }

    /** Every output of a sweep (or a shard), drawn from its table alone, into {@code dir} opened at {@code out}. */
    static void write(Path out, OutputDirectory dir, SweepJson sweep, SweepObjective goal, PrintWriter console,
                      boolean quiet) throws IOException {
        List<SweepObjective.Ranked> ranking = goal.rank(sweep.table());
        String text = SweepRanking.render(sweep.table(), goal, ranking);
        SweepCsv.write(sweep.table(), dir.staged("sweep.csv"));
        Files.writeString(dir.staged("sweep.txt"), text, StandardCharsets.UTF_8);
        sweep.write(dir.staged("sweep.json"));
        io.kubesim.reports.sweep.SweepPage.write(sweep.table(), goal.quantities(), goal.describe(),
                ranking.stream().map(SweepObjective.Ranked::point).toList(),
                ranking.stream().map(SweepObjective.Ranked::feasible).toList(), dir.staged("sweep.html"));
        dir.commit();
        if (!quiet) {
            console.print(text);
            console.println("  wrote " + out.resolve("sweep.csv") + ", sweep.txt, sweep.html, sweep.json");
            console.flush();
        }
    }
}
