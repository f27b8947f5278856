package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * library/closed-loop-rollout.yaml against open-loop-rollout.yaml: the same slow-warm-up rollout
 * under 15 virtual users and under the fixed rate they send before it. The closed loop sends fewer
 * requests while the new pods are slow and records far fewer failures (k8s-semantics.md 17.5: what
 * a client sees; the closed loop's rate follows the latency).
 */
class ClosedLoopRolloutLibraryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private JsonNode summary(String scenario) throws IOException {
        Path out = tmp.resolve(scenario);
        CliHarness.Result r = CliHarness.run("run", CliHarness.library(scenario), "--out", out.toString(), "-q");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        return JSON.readTree(out.resolve("summary.json").toFile());
    }

    /** Mean entry requests per second between 70 s and 120 s, before the rollout. */
    private double rateBeforeRollout(String scenario) throws IOException {
        double sum = 0;
        int n = 0;
        for (String line : Files.readAllLines(tmp.resolve(scenario).resolve("timeseries.csv"))) {
            String[] c = line.split(",");
            if (c[1].equals("service_requests") && !c[0].equals("time")) {
                double t = Double.parseDouble(c[0]);
                if (t >= 70 && t < 120) {
                    sum += Double.parseDouble(c[3]);
                    n++;
                }
            }
        }
        return sum / n;
    }

    @Test
    @DisplayName("the same rate before the rollout; in its window the closed loop sends fewer requests and fails far less")
    void closedLoopBacksOff() throws IOException {
        JsonNode closed = summary("closed-loop-rollout.yaml");
        JsonNode open = summary("open-loop-rollout.yaml");
        double closedRate = rateBeforeRollout("closed-loop-rollout.yaml");
        double openRate = rateBeforeRollout("open-loop-rollout.yaml");
        assertTrue(Math.abs(closedRate - openRate) < 0.05 * openRate,
                "an equivalent pair: 15 users send about the fixed rate before the rollout: " + closedRate + " vs " + openRate);
        JsonNode c = closed.get("actions").get(0);
        JsonNode o = open.get("actions").get(0);
        assertEquals(c.get("start").asDouble(), o.get("start").asDouble());
        assertTrue(c.get("requests").asLong() < 0.9 * o.get("requests").asLong(),
                "fewer requests while the new pods are slow: " + c.get("requests") + " vs " + o.get("requests"));
        assertTrue(c.get("failed").asLong() * 100 < o.get("failed").asLong(),
                "far fewer failures: " + c.get("failed") + " vs " + o.get("failed"));
        assertTrue(o.get("failed").asLong() > 500, "the open loop's slow pods overflow: " + o.get("failed"));
    }
}
