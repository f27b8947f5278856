package io.kubesim.cli.sweep;

import io.kubesim.cli.UsageError;
import io.kubesim.reports.sweep.SweepJson;
import io.kubesim.reports.sweep.SweepTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kubesim sweep merge DIR... --out OUT}: joins the shards of one sweep (each a
 * {@code --shard i/n} output directory) into the outputs one local sweep writes, byte for byte.
 * Shards of different sweeps, a missing shard or one given twice are usage errors.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Joins the output directories of a sweep's shards (--shard I/N) into one sweep's outputs.")
public final class SweepMergeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DIR", description = "The shards' output directories.")
    List<Path> shards;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the joined results.")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "Print no ranking.")
    boolean quiet;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        SweepJson merged = merge(read(shards));
        @SuppressWarnings("unchecked")
        List<String> constraints = (List<String>) merged.definition().get("constraints");
        SweepObjective goal = SweepObjective.parse((String) merged.definition().get("objective"), constraints);
        try (io.kubesim.reports.OutputDirectory dir = io.kubesim.cli.OutDir.open(out)) {
            SweepCommand.write(out, dir, merged, goal, spec.commandLine().getOut(), quiet);
        }
        return 0;
    }

    private static List<SweepJson> read(List<Path> dirs) {
        List<SweepJson> out = new ArrayList<>();
        for (Path d : dirs) {
            try {
                out.add(SweepJson.read(d.resolve("sweep.json")));
            } catch (IOException e) {
                throw new UsageError("sweep merge: " + d + ": no readable sweep.json (" + e.getMessage() + ")");
            }
        }
        return out;
    }

    /** The shards' tables joined: points in grid order, quantities in the sweep's canonical order. */
    static SweepJson merge(List<SweepJson> parts) {
        SweepJson first = parts.get(0);
        Map<Integer, SweepJson> byShard = new TreeMap<>();
        int n = -1;
        for (SweepJson p : parts) {
            if (!p.definition().equals(first.definition()) || !p.table().scenario().equals(first.table().scenario())) {
                throw new UsageError("sweep merge: the shards come from different sweeps (" + first.definition()
                        + " and " + p.definition() + ")");
            }
            if (p.shard() == null) {
                throw new UsageError("sweep merge: a directory holds a whole sweep, not a shard (--shard I/N)");
            }
            int[] slice = SweepShards.parse(p.shard());
            if (n >= 0 && slice[1] != n) {
                throw new UsageError("sweep merge: shards of " + n + " and of " + slice[1] + " slices");
            }
            n = slice[1];
            if (byShard.put(slice[0], p) != null) {
                throw new UsageError("sweep merge: shard " + p.shard() + " given twice");
            }
        }
        if (byShard.size() != n) {
            List<Integer> missing = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                if (!byShard.containsKey(i)) {
                    missing.add(i);
                }
            }
            throw new UsageError("sweep merge: missing shard(s) " + missing + " of " + n);
        }
        TreeMap<Integer, SweepTable.Point> points = new TreeMap<>();
        Map<Integer, List<Map<String, Double>>> runs = new LinkedHashMap<>();
        Map<Integer, String> refusals = new TreeMap<>();
        for (SweepJson p : byShard.values()) {
            SweepTable t = p.table();
            for (int i = 0; i < t.points().size(); i++) {
                SweepTable.Point point = t.points().get(i);
                points.put(point.index(), point);
                refusals.put(point.index(), t.refusals().get(i));
                List<Map<String, Double>> reps = new ArrayList<>();
                for (int r = 0; r < t.seeds().size(); r++) {
                    Map<String, Double> m = new LinkedHashMap<>();
                    for (int q = 0; q < t.quantities().size(); q++) {
                        m.put(t.quantities().get(q), t.values()[i][r][q]);
                    }
                    reps.add(m);
                }
                runs.put(point.index(), reps);
            }
        }
        List<Map<String, Double>> measured = new ArrayList<>();
        for (int index : points.keySet()) {
            measured.addAll(runs.get(index));
        }
        @SuppressWarnings("unchecked")
        List<String> constraints = (List<String>) first.definition().get("constraints");
        List<String> wanted = SweepObjective.parse((String) first.definition().get("objective"), constraints)
                .quantities();
        SweepTable table = SweepRunner.table(first.table().scenario(), new ArrayList<>(points.values()),
                first.table().parameters(), wanted, first.table().seeds(), measured,
                new ArrayList<>(refusals.values()));
        return new SweepJson(first.definition(), null, table);
    }
}
