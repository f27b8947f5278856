package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs and CronJobs through the command line: a refused schedule, real manifests, byte-identical runs. */
class JobManifestsRunTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("a CronJob schedule the API server refuses: exit 2, located at the schedule, nothing written")
    void badScheduleIsExit2() throws IOException {
        Path m = tmp.resolve("cron.yaml");
        Files.writeString(m, """
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: nightly}
                spec:
                  schedule: "0 25 * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          containers: [{name: c, image: i}]
                """);
        CliHarness.Result r = CliHarness.run("validate", m.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(m + ":5:13: invalid schedule \"0 25 * * *\": end of range (25) above maximum (23)"),
                r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    @DisplayName("gke-samples/mix-train-and-inference: the Job loads; suspended for Kueue, it says so and makes no pod")
    void kueueJobStaysSuspended() throws IOException {
        Path manifest = CliHarness.ROOT.getParent().resolve("shared/manifests/gke-samples/mix-train-and-inference.yaml");
        if (!Files.exists(manifest)) {
            return; // the shared corpus is beside the repository only in the team's workspace
        }
        Path scenario = tmp.resolve("s.yaml");
        Files.writeString(scenario, "apiVersion: kubesim.io/v1alpha1\nkind: Scenario\nmetadata: {name: mix}\n"
                + "duration: 1m\nmanifests: ['" + manifest + "']\n"
                + "cluster: {nodePools: [{name: pool, count: 3, allocatable: {cpu: '8', memory: 32Gi}}]}\n");
        Path out = tmp.resolve("out");
        CliHarness.Result r = CliHarness.run("run", scenario.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("Job \"finetune-gemma-l4\" is suspended for Kueue"), r.err());
        assertTrue(r.out().contains("  job finetune-gemma-l4") && r.out().contains("Suspended, 0/2 succeeded"), r.out());
        List<JsonNode> suspended = CliHarness.events(out, "Suspended");
        assertEquals("Job/default/finetune-gemma-l4", suspended.get(0).get("object").asText());
    }

    @Test
    @DisplayName("13.4: mix-train-and-inference's Indexed Job, resumed (as Kueue would admit it), runs indexes 0 and 1 "
            + "beside the inference server on GPU nodes and completes")
    void resumedIndexedJobRunsToCompletion() throws IOException {
        Path manifest = CliHarness.ROOT.getParent().resolve("shared/manifests/gke-samples/mix-train-and-inference.yaml");
        if (!Files.exists(manifest)) {
            return; // the shared corpus is beside the repository only in the team's workspace
        }
        String text = Files.readString(manifest);
        String admitted = text.replace("suspend: true # Set to true", "suspend: false # Set to true");
        assertFalse(text.equals(admitted), "the manifest still suspends its Job for Kueue");
        Path copy = tmp.resolve("mix.yaml");
        Files.writeString(copy, admitted);
        Path scenario = tmp.resolve("s.yaml");
        Files.writeString(scenario, "apiVersion: kubesim.io/v1alpha1\nkind: Scenario\nmetadata: {name: mix}\n"
                + "duration: 15m\nmanifests: ['" + copy + "']\n"
                + "cluster: {nodePools: [{name: g2, count: 3, allocatable: {cpu: '16', memory: 64Gi,"
                + " nvidia.com/gpu: 2}, labels: {cloud.google.com/gke-accelerator: nvidia-l4}}]}\n"
                + "applications: {finetune-gemma-l4: {runTime: 6m}}\n");
        Path out = tmp.resolve("out");
        CliHarness.Result r = CliHarness.run("run", scenario.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<JsonNode> created = CliHarness.events(out, "SuccessfulCreate").stream()
                .filter(e -> e.get("object").asText().equals("Job/default/finetune-gemma-l4")).toList();
        assertEquals(2, created.size(), "parallelism 2: both indexes at once");
        assertTrue(created.stream().anyMatch(e -> e.get("message").asText().startsWith("Created pod: finetune-gemma-l4-0-")));
        assertTrue(created.stream().anyMatch(e -> e.get("message").asText().startsWith("Created pod: finetune-gemma-l4-1-")));
        List<JsonNode> completed = CliHarness.events(out, "Completed");
        assertEquals("Job/default/finetune-gemma-l4", completed.get(0).get("object").asText());
        JsonNode job = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("summary.json").toFile())
                .get("workloads").get("Job/finetune-gemma-l4");
        assertEquals("Complete", job.get("outcome").asText(), job.toString());
        assertEquals(2, job.get("succeeded").asInt());
        // The inference server asks for 30Gi of ephemeral-storage; the pool does not declare it, so
        // its nodes have the default 100Gi, as every real node reports some.
        assertTrue(CliHarness.events(out, "FailedScheduling").stream()
                .noneMatch(e -> e.get("message").asText().contains("ephemeral-storage")));
    }

    @Test
    @DisplayName("determinism: the CronJob library scenario twice gives byte-identical outputs")
    void deterministic() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(0, CliHarness.run("run", CliHarness.library("cronjob-burst.yaml"), "--out", a.toString(), "-q")
                .exitCode());
        assertEquals(0, CliHarness.run("run", CliHarness.library("cronjob-burst.yaml"), "--out", b.toString(), "-q")
                .exitCode());
        for (String f : List.of("events.jsonl", "timeseries.csv")) {
            assertEquals(Files.readString(a.resolve(f)), Files.readString(b.resolve(f)), f);
        }
    }
}
