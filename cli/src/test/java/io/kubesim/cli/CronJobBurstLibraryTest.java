package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code library/cronjob-burst.yaml} as its header tells it (k8s-semantics.md 13.9, 3.6, 8): the
 * report CronJob starts a Job at 5m, 10m and 15m; the first one's pods preempt the backfill pods
 * on the full cluster, and the cluster autoscaler adds a node for the evicted backfill.
 */
class CronJobBurstLibraryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 2026-01-01T00:00Z (the default startTime) in minutes since the epoch. */
    private static final long START_MINUTE = 1_767_225_600L / 60;

    @TempDir
    static Path tmp;
    static Path out;
    static JsonNode summary;

    @BeforeAll
    static void run() throws IOException {
        out = tmp.resolve("cron");
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("cronjob-burst.yaml"), "--out", out.toString(),
                "-q");
        assertEquals(0, r.exitCode(), r.err());
        summary = JSON.readTree(out.resolve("summary.json").toFile());
    }

    @Test
    @DisplayName("13.9: a Job every 5 minutes, named <cronjob>-<minutes since the epoch>, 100 ms after its time")
    void jobsStartOnSchedule() throws IOException {
        List<JsonNode> created = CliHarness.events(out, "SuccessfulCreate").stream()
                .filter(e -> e.get("source").asText().equals("cronjob-controller")).toList();
        assertEquals(3, created.size());
        for (int i = 0; i < 3; i++) {
            assertEquals("Created job report-" + (START_MINUTE + 5 * (i + 1)), created.get(i).get("message").asText());
            assertEquals(300.0 * (i + 1) + 0.1, created.get(i).get("time").asDouble(), 1e-9);
        }
    }

    @Test
    @DisplayName("13.7: the burst's Jobs run to completion: the first two are Complete within the run")
    void jobsComplete() throws IOException {
        List<JsonNode> completed = CliHarness.events(out, "Completed");
        assertEquals(List.of("Job/default/report-" + (START_MINUTE + 5), "Job/default/report-" + (START_MINUTE + 10)),
                completed.stream().map(e -> e.get("object").asText()).toList());
        completed.forEach(e -> assertEquals("Job completed", e.get("message").asText()));
        double first = completed.get(0).get("time").asDouble();
        assertTrue(first > 300 + 120 && first < 300 + 180, "2 minutes of work after preemption and start: " + first);
    }

    @Test
    @DisplayName("the console names the CronJob with its Jobs started and completed")
    void consoleLine() {
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("cronjob-burst.yaml"), "--out",
                tmp.resolve("console").toString());
        assertTrue(r.out().contains("  cronjob report                       3 job(s) started, 2 complete, 0 failed; "
                + "0 held back by Forbid, 0 missed, 0 replaced"), r.out());
    }

    @Test
    @DisplayName("3.6: the report pods preempt the 4 backfill pods (priority 1000 over 0), never the api pods")
    void preemptsBackfill() {
        JsonNode pods = summary.get("pods");
        assertEquals(4, pods.get("preempted").asInt());
        assertEquals("{\"backfill\":4}", pods.get("preemptedByWorkload").toString());
        assertEquals(4, summary.get("deployments").get("api").get("minAvailableObserved").asInt());
    }

    @Test
    @DisplayName("8: the evicted backfill triggers one scale-up (2 -> 3 nodes); nothing is pending at the end")
    void autoscalerScalesUp() throws IOException {
        JsonNode ca = summary.get("clusterAutoscaler");
        assertEquals(1, ca.get("scaleUps").asInt());
        assertEquals(3, ca.get("maxNodes").asInt());
        assertEquals(0, summary.get("pods").get("pendingAtEnd").asInt());
        assertTrue(CliHarness.events(out, "TriggeredScaleUp").stream()
                .allMatch(e -> e.get("object").asText().startsWith("Pod/default/backfill-")));
    }
}
