package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code library/cluster-autoscaler-burst.yaml} as its header tells it (k8s-semantics.md section
 * 8): pods Pending from the burst until the next scan plus the pool's provisioning time, the node
 * count binpacking needs, and the extra nodes removed after scale-down-unneeded-time.
 */
class ClusterAutoscalerBurstLibraryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double BURST = 120;
    private static final double SCAN = 10;
    private static final double PROVISIONING = 90;
    private static final double BURST_END = 480;
    private static final double UNNEEDED_TIME = 600;

    @TempDir
    static Path tmp;
    static JsonNode summary;
    static List<String[]> series;
    static List<JsonNode> events;

    @BeforeAll
    static void run() throws IOException {
        Path out = tmp.resolve("ca");
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("cluster-autoscaler-burst.yaml"), "--out",
                out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        summary = JSON.readTree(out.resolve("summary.json").toFile());
        series = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("timeseries.csv"))) {
            series.add(line.split(",", -1));
        }
        events = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("events.jsonl"))) {
            events.add(JSON.readTree(line));
        }
    }

    /** The first time the series (with labels) takes a value meeting the test, from {@code after}. */
    private static double firstTime(String name, String labels, double after, java.util.function.DoublePredicate p) {
        for (String[] row : series) {
            if (row[1].equals(name) && row[2].equals(labels) && Double.parseDouble(row[0]) >= after
                    && p.test(Double.parseDouble(row[3]))) {
                return Double.parseDouble(row[0]);
            }
        }
        return -1;
    }

    @Test
    @DisplayName("pods are Pending from the burst until the next scan plus the 90 s provisioning time")
    void pendingUntilNewNodesAreReady() {
        assertEquals(BURST, firstTime("cluster_pods_pending", "", 0, v -> v > 0));
        double cleared = firstTime("cluster_pods_pending", "", BURST, v -> v == 0);
        assertEquals(BURST + SCAN + PROVISIONING, cleared, SCAN, "pending until the new nodes are Ready");
        assertEquals(BURST + SCAN, firstTime("nodegroup_target_size", "nodegroup=general", 0, v -> v == 4));
        assertEquals(cleared, firstTime("nodegroup_ready_nodes", "nodegroup=general", 0, v -> v == 4));
    }

    @Test
    @DisplayName("binpacking: 6 pending one-CPU pods on 4-CPU templates need 2 nodes; each pod gets TriggeredScaleUp")
    void nodesAddedAsBinpackingNeeds() {
        JsonNode ca = summary.get("clusterAutoscaler");
        assertEquals(1, ca.get("scaleUps").asInt());
        assertEquals(2, ca.get("nodesAdded").asInt());
        assertEquals(4, ca.get("maxNodes").asInt());
        long triggered = events.stream().filter(e -> e.get("reason").asText().equals("TriggeredScaleUp")).count();
        assertEquals(6, triggered);
        assertTrue(events.stream().filter(e -> e.get("reason").asText().equals("TriggeredScaleUp")).allMatch(
                e -> e.get("message").asText().equals("pod triggered scale-up: [{general 2->4 (max: 6)}]")));
    }

    @Test
    @DisplayName("after the burst, the extra nodes go after scale-down-unneeded-time, down to the pool's minimum")
    void nodesRemovedAfterUnneededTime() {
        JsonNode ca = summary.get("clusterAutoscaler");
        assertEquals(2, ca.get("nodesRemoved").asInt());
        assertEquals(2, ca.get("byGroup").get("general").get("targetSizeAtEnd").asInt());
        assertEquals(2, summary.get("nodes").get("atEnd").asInt());
        double removed = firstTime("nodegroup_ready_nodes", "nodegroup=general", BURST_END, v -> v == 2);
        assertEquals(BURST_END + SCAN + UNNEEDED_TIME, removed, SCAN);
        long scaleDownEvents = events.stream().filter(e -> e.get("reason").asText().startsWith("ScaleDown")).count();
        assertEquals(2, scaleDownEvents);
    }

    @Test
    @DisplayName("no pod is pending at the end, and a rerun gives byte-identical outputs")
    void noPendingAtEndAndDeterministic() throws IOException {
        assertEquals(0, summary.get("pods").get("pendingAtEnd").asInt());
        Path again = tmp.resolve("again");
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("cluster-autoscaler-burst.yaml"), "--out",
                again.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("ca").resolve("events.jsonl")),
                Files.readAllBytes(again.resolve("events.jsonl")));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("ca").resolve("timeseries.csv")),
                Files.readAllBytes(again.resolve("timeseries.csv")));
    }
}
