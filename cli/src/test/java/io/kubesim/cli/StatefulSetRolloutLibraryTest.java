package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** library/statefulset-rollout.yaml does what its header says (k8s-semantics.md 11.3, 11.5, 11.7). */
class StatefulSetRolloutLibraryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    @DisplayName("header: created in order at 0s, 25.1s, 50.2s; only orders-db-2 replaced, deleted at 3m0s and "
            + "recreated at 3m5s")
    void headerFigures() throws IOException {
        Path out = tmp.resolve("run");
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("statefulset-rollout.yaml"), "--out",
                out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> controller = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("events.jsonl"))) {
            JsonNode e = JSON.readTree(line);
            if (e.get("source").asText().equals("statefulset-controller")) {
                controller.add(e.get("time").asText() + " " + e.get("reason").asText() + " "
                        + e.get("message").asText().split(" ")[2]);
            }
        }
        assertEquals(List.of("0 SuccessfulCreate orders-db-0", "25.1 SuccessfulCreate orders-db-1",
                "50.2 SuccessfulCreate orders-db-2", "180 SuccessfulDelete orders-db-2",
                "185 SuccessfulCreate orders-db-2"), controller);
        JsonNode pods = JSON.readTree(out.resolve("summary.json").toFile()).get("pods");
        assertEquals(4, pods.get("scheduled").asInt(), pods.toString());
    }

    @Test
    @DisplayName("the partitioned rollout is complete once orders-db-2 is Ready on the new revision (kubectl rollout "
            + "status: updatedReplicas >= replicas - partition), so its timeline action settles")
    void partitionedRolloutSettles() throws IOException {
        Path out = tmp.resolve("settle");
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("statefulset-rollout.yaml"), "--out",
                out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        JsonNode w = summary.get("workloads").get("StatefulSet/orders-db");
        assertEquals(1, w.get("rollouts").get("count").asInt());
        double seconds = w.get("rollouts").get("seconds").get(0).asDouble();
        double readyAgain = 0;
        for (String line : Files.readAllLines(out.resolve("events.jsonl"))) {
            JsonNode e = JSON.readTree(line);
            if (e.get("object").asText().equals("Pod/default/orders-db-2") && e.get("time").asDouble() > 180
                    && e.get("reason").asText().equals("Started")) {
                readyAgain = e.get("time").asDouble();
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(readyAgain > 185 && seconds > readyAgain - 180,
                "complete after the new orders-db-2 started at " + readyAgain + ": " + seconds + " s");
        JsonNode action = summary.get("actions").get(0);
        org.junit.jupiter.api.Assertions.assertFalse(action.get("end").isNull(), action.toString());
        org.junit.jupiter.api.Assertions.assertTrue(action.get("end").asDouble() >= 180 + seconds, action.toString());
        assertEquals(w.get("currentRevision").asText().equals(w.get("updateRevision").asText()), false,
                "ordinals below the partition keep the current revision");
    }
}
