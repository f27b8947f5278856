package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubesim sweep}: maxSurge x maxUnavailable over library/default-max-unavailable.yaml with
 * replications; its ranking against single runs of its best and worst points, the outputs
 * independent of the thread count, and shards merged into the same bytes.
 */
class SweepCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SURGE = "deployment/orders:spec.strategy.rollingUpdate.maxSurge";
    private static final String UNAVAILABLE = "deployment/orders:spec.strategy.rollingUpdate.maxUnavailable";
    private static final List<String> FILES = List.of("sweep.csv", "sweep.txt", "sweep.html", "sweep.json");

    @TempDir
    Path tmp;

    private CliHarness.Result sweep(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("sweep", CliHarness.library("default-max-unavailable.yaml"),
                "--set", SURGE + "=0,1,25%", "--set", UNAVAILABLE + "=0,1", "--replications", "2",
                "--out", out.toString()));
        args.addAll(List.of(extra));
        return CliHarness.run(args.toArray(new String[0]));
    }

    @Test
    void theRankingMatchesSingleRunsOfItsBestAndWorstPoints() throws IOException {
        Path out = tmp.resolve("sweep");
        CliHarness.Result r = sweep(out, "--constraint", "failed < 3000", "--constraint", "p99Ms < 100000");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        for (String f : FILES) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        String page = Files.readString(out.resolve("sweep.html"));
        assertTrue(page.contains("<th>failed (mean [95 % CI])</th><th>p99Ms (mean [95 % CI])</th>"),
                "the page's ranking shows the objective and each constraint's quantity");
        String text = Files.readString(out.resolve("sweep.txt"));
        assertTrue(text.startsWith("sweep default-max-unavailable: 6 points x 2 replications (12 runs); objective min failed"),
                text);
        // point 0 (0/0) is refused as the API server refuses it; the others rank by mean failures
        assertTrue(text.contains("refused: maxSurge and maxUnavailable may not both be 0"), text);
        JsonNode sweep = JSON.readTree(out.resolve("sweep.json").toFile());
        List<String> rankedLines = text.lines().filter(l -> l.matches("\\s+\\d+\\s+\\d+\\s+maxSurge.*")).toList();
        String best = rankedLines.get(0);
        String worst = rankedLines.get(rankedLines.size() - 1);
        double bestMean = single(best);
        double worstMean = single(worst);
        assertTrue(bestMean < worstMean, best + " / " + worst);
        assertTrue(text.contains("violates failed < 3000"), "the worst points break the constraint: " + text);
        assertEquals(6, sweep.get("points").size());
    }

    /** The mean failures of the point on a ranking line, from {@code run --set ... --replications 2}. */
    private double single(String rankingLine) throws IOException {
        String[] f = rankingLine.trim().split("\\s+");
        String surge = f[2].replace("maxSurge=", "").replace(",", "");
        String unavailable = f[3].replace("maxUnavailable=", "");
        Path out = tmp.resolve("single-" + f[1]);
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("default-max-unavailable.yaml"), "--out",
                out.toString(), "-q", "--set", SURGE + "=" + surge, "--set", UNAVAILABLE + "=" + unavailable,
                "--replications", "2");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        double mean = JSON.readTree(out.resolve("summary.json").toFile()).at("/replications/quantities/failed/mean")
                .asDouble();
        assertTrue(rankingLine.contains(io.kubesim.reports.sweep.MeanInterval.readable(mean)),
                "the sweep's mean is the single runs' mean: " + rankingLine + " vs " + mean);
        return mean;
    }

    @Test
    void outputsDoNotDependOnTheThreadCountAndShardsMergeIntoTheSameBytes() throws IOException {
        Path one = tmp.resolve("one");
        Path two = tmp.resolve("two");
        assertEquals(ExitCodes.OK, sweep(one, "-q", "--jobs", "1").exitCode());
        assertEquals(ExitCodes.OK, sweep(two, "-q", "--jobs", "2").exitCode());
        List<String> shards = new ArrayList<>(List.of("sweep", "merge"));
        for (int i = 1; i <= 3; i++) {
            Path shard = tmp.resolve("shard-" + i);
            CliHarness.Result r = sweep(shard, "-q", "--shard", i + "/3");
            assertEquals(ExitCodes.OK, r.exitCode(), r.err());
            shards.add(shard.toString());
        }
        Path merged = tmp.resolve("merged");
        shards.addAll(List.of("--out", merged.toString(), "-q"));
        CliHarness.Result m = CliHarness.run(shards.toArray(new String[0]));
        assertEquals(ExitCodes.OK, m.exitCode(), m.err());
        for (String f : FILES) {
            String local = Files.readString(one.resolve(f));
            assertEquals(local, Files.readString(two.resolve(f)), f + " with 1 and 2 threads");
            assertEquals(local, Files.readString(merged.resolve(f)), f + " merged from 3 shards");
        }
    }

    @Test
    void mergeRefusesIncompleteOrMixedShards() {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(ExitCodes.OK, sweep(a, "-q", "--shard", "1/2").exitCode());
        assertEquals(ExitCodes.OK, sweep(b, "-q", "--shard", "1/2", "--objective", "min p99Ms").exitCode());
        CliHarness.Result missing = CliHarness.run("sweep", "merge", a.toString(), "--out", tmp.resolve("m").toString());
        assertEquals(ExitCodes.BAD_INPUT, missing.exitCode());
        assertTrue(missing.err().contains("missing shard(s) [2] of 2"), missing.err());
        CliHarness.Result mixed = CliHarness.run("sweep", "merge", a.toString(), b.toString(), "--out",
                tmp.resolve("m").toString());
        assertEquals(ExitCodes.BAD_INPUT, mixed.exitCode());
        assertTrue(mixed.err().contains("the shards come from different sweeps"), mixed.err());
    }

    @Test
    void usageErrors() {
        CliHarness.Result none = CliHarness.run("sweep", CliHarness.library("default-max-unavailable.yaml"), "--set",
                SURGE + "=1", "--out", tmp.resolve("x").toString());
        assertEquals(ExitCodes.BAD_INPUT, none.exitCode());
        assertTrue(none.err().contains("no --set has more than one value"), none.err());
        CliHarness.Result shard = sweep(tmp.resolve("y"), "--shard", "4/3");
        assertEquals(ExitCodes.BAD_INPUT, shard.exitCode());
        assertTrue(shard.err().contains("--shard 4/3: expected I/N with 1 <= I <= N"), shard.err());
        CliHarness.Result target = CliHarness.run("sweep", CliHarness.library("default-max-unavailable.yaml"), "--set",
                "deployment/nope:spec.replicas=1,2", "--out", tmp.resolve("z").toString());
        assertEquals(ExitCodes.BAD_INPUT, target.exitCode());
        assertTrue(target.err().contains("no deployment named \"nope\""), target.err());
    }
}
