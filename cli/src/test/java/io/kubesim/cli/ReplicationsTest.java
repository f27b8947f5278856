package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --replications N}: derived seeds, means and confidence intervals, independent of threads. */
class ReplicationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path run(String name, String... extra) {
        Path out = tmp.resolve(name);
        String[] args = new String[4 + extra.length];
        args[0] = "run";
        args[1] = CliHarness.library("bad-release-canary.yaml");
        args[2] = "--out";
        args[3] = out.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        CliHarness.Result r = CliHarness.run(args);
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        return out;
    }

    private static JsonNode summaryWithoutWallTime(Path out) throws IOException {
        ObjectNode s = (ObjectNode) JSON.readTree(out.resolve("summary.json").toFile());
        s.remove("wallSeconds");
        return s;
    }

    @Test
    void replicationsGiveMeansAndIntervalsWhateverTheThreadCount() throws IOException {
        Path single = run("single", "-q");
        Path one = run("one-thread", "-q", "--replications", "4", "--jobs", "1");
        Path two = run("two-threads", "-q", "--replications", "4", "--jobs", "2");
        assertEquals(Files.readString(one.resolve("replications.csv")), Files.readString(two.resolve("replications.csv")));
        assertEquals(summaryWithoutWallTime(one), summaryWithoutWallTime(two));

        JsonNode s = summaryWithoutWallTime(one);
        JsonNode failed = s.at("/replications/quantities/failed");
        assertEquals(4, s.at("/replications/count").asInt());
        assertEquals(s.at("/seed").asLong(), s.at("/replications/seeds/0").asLong(), "replication 1 is the scenario's seed");
        assertNotEquals(s.at("/replications/seeds/0").asLong(), s.at("/replications/seeds/1").asLong());
        assertEquals(JSON.readTree(single.resolve("summary.json").toFile()).at("/requests/failed").asDouble(),
                failed.at("/values/0").asDouble(), "replication 1 is the plain run");

        // mean and Student-t 95 % interval recomputed from the values
        double[] v = new double[4];
        double mean = 0;
        for (int i = 0; i < 4; i++) {
            v[i] = failed.at("/values/" + i).asDouble();
            mean += v[i] / 4;
        }
        double var = 0;
        for (double x : v) {
            var += (x - mean) * (x - mean) / 3;
        }
        double half = new TDistribution(3).inverseCumulativeProbability(0.975) * Math.sqrt(var) / 2;
        assertEquals(mean, failed.at("/mean").asDouble(), 1e-3);
        assertEquals(mean - half, failed.at("/ci95/0").asDouble(), 1e-3);
        assertEquals(mean + half, failed.at("/ci95/1").asDouble(), 1e-3);
        assertTrue(s.at("/replications/quantities").has("action[rollout rollout/checkout].failed"));
    }

    @Test
    void theConsoleShowsTheIntervals() {
        Path out = tmp.resolve("console");
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("bad-release-canary.yaml"), "--out",
                out.toString(), "--replications", "3");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertTrue(r.out().contains("replications: 3 runs (mean, 95 % confidence interval)"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.trim().startsWith("failed ") && l.contains("[") && l.contains("..")),
                r.out());
    }

    @Test
    void theConsoleLeavesOutServicesNobodyCalledAndKeepsItsColumnsAligned() {
        Map<String, Object> summary = Map.of("services", Map.of(
                "web", Map.of("requests", 120),
                "idle-db", Map.of("requests", 0)));
        List<ReplicationStats.Quantity> qs = List.of(
                ReplicationStats.stats("failed", List.of(1.0, 3.0)),
                ReplicationStats.stats("failed[web]", List.of(1.0, 3.0)),
                ReplicationStats.stats("p99Ms[idle-db]", List.of(0.0, 0.0)),
                ReplicationStats.stats("failed[idle-db]", List.of(0.0, 0.0)),
                ReplicationStats.stats("action[rollout a-very-long-namespace/a-very-long-deployment-name].failed",
                        List.of(1.0, 3.0)));
        String out = ReplicationsConsole.render(2, qs, summary);
        assertTrue(out.contains("failed[web]"), out);
        assertFalse(out.contains("idle-db"), out);
        List<Integer> valueColumns = out.lines().skip(1).map(l -> l.indexOf("  [")).distinct().toList();
        assertEquals(1, valueColumns.size(), out);
    }

    @Test
    void zeroReplicationsIsAUsageError() {
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("bad-release-canary.yaml"), "--out",
                tmp.resolve("x").toString(), "--replications", "0");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("--replications 0: expected 1 to 1000"), r.err());
    }
}
