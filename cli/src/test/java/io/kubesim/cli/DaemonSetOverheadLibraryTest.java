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
 * library/daemonset-overhead.yaml and its baseline without DaemonSets: the node agents run on
 * every node (k8s-semantics.md 12.2) and take room the services would otherwise have, so
 * {@code kubesim capacity} needs more nodes with them than without.
 */
class DaemonSetOverheadLibraryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private int nodes(String scenario) throws IOException {
        Path out = tmp.resolve(scenario);
        CliHarness.Result r = CliHarness.run("capacity", CliHarness.library(scenario), "--out", out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        return JSON.readTree(out.resolve("capacity.json").toFile()).get("answer").get("nodes").asInt();
    }

    @Test
    @DisplayName("capacity answers more nodes with the three node agents than without them")
    void agentsCostNodes() throws IOException {
        int with = nodes("daemonset-overhead.yaml");
        int without = nodes("daemonset-overhead-without.yaml");
        assertTrue(with > without, with + " nodes with the agents, " + without + " without");
        assertEquals(6, with, "as the scenario's header says");
        assertEquals(4, without, "as the scenario's header says");
    }

    @Test
    @DisplayName("a run: every node has one pod of each agent, all of them ready")
    void everyNodeRunsTheAgents() throws IOException {
        Path out = tmp.resolve("run");
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("daemonset-overhead.yaml"), "--out",
                out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        long created = Files.readAllLines(out.resolve("events.jsonl")).stream()
                .map(l -> {
                    try {
                        return JSON.readTree(l);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .filter(e -> e.get("reason").asText().equals("SuccessfulCreate")
                        && e.get("object").asText().startsWith("DaemonSet/kube-system/"))
                .count();
        assertEquals(3 * 6, created, "3 agents on 6 nodes");
        JsonNode pods = JSON.readTree(out.resolve("summary.json").toFile()).get("pods");
        assertEquals(10 + 3 + 4 + 18, pods.get("scheduled").asInt());
        assertEquals(0, pods.get("pendingAtEnd").asInt());
    }
}
