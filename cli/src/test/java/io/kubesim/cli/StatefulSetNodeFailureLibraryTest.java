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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code library/statefulset-node-failure.yaml} as its comment tells it (k8s-semantics.md 11.7,
 * 14.5, 14.6): a member and a Deployment pod lose their node; the Deployment pod is replaced at the
 * taint eviction, the member only after its pod object is gone (the Node's deletion) and its
 * ReadWriteOnce volume has been force-detached 6 minutes later.
 */
class StatefulSetNodeFailureLibraryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double NODE_DELETED = 12 * 60;
    /** ReconcilerMaxWaitForUnmountDuration (14.5). */
    private static final double FORCE_DETACH_WAIT = 6 * 60;

    @TempDir
    static Path tmp;
    static JsonNode summary;
    static List<JsonNode> events;
    /** The member scheduled to pool-b-1, the node that fails (which one depends on the seed's placements). */
    static String member;

    @BeforeAll
    static void run() throws IOException {
        Path out = tmp.resolve("node");
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("statefulset-node-failure.yaml"), "--out",
                out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        summary = JSON.readTree(out.resolve("summary.json").toFile());
        events = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("events.jsonl"))) {
            events.add(JSON.readTree(line));
        }
        member = events.stream().filter(e -> e.get("reason").asText().equals("Scheduled")
                        && e.get("object").asText().startsWith("Pod/default/orders-db-")
                        && e.get("message").asText().endsWith(" to pool-b-1"))
                .findFirst().orElseThrow().get("object").asText().substring("Pod/default/".length());
    }

    private static double time(String reason, String objectPrefix, int index) {
        List<JsonNode> es = events.stream().filter(e -> e.get("reason").asText().equals(reason)
                && e.get("object").asText().startsWith(objectPrefix)).toList();
        assertTrue(es.size() > index, "no " + reason + " #" + index + " for " + objectPrefix);
        return es.get(index).get("time").asDouble();
    }

    @Test
    @DisplayName("11.7: the Deployment pod is replaced at its eviction; the member only after its pod object is "
            + "removed with the deleted Node")
    void orderOfReplacements() {
        double evicted = time("TaintManagerEviction", "Pod/default/" + member, 0);
        assertEquals(evicted, time("TaintManagerEviction", "Pod/default/storefront-", 0));
        double storefrontReplaced = time("SuccessfulCreate", "ReplicaSet/default/storefront-", 3);
        assertEquals(evicted, storefrontReplaced, "a ReplicaSet counts the Terminating pod as gone");
        double removed = time("RemovingNode", "Node/", 0);
        assertEquals(NODE_DELETED, removed);
        List<JsonNode> created = events.stream().filter(e -> e.get("message").asText()
                .startsWith("create Pod " + member + " in StatefulSet")).toList();
        assertEquals(2, created.size());
        assertTrue(created.get(1).get("time").asDouble() > removed, created.get(1).toString());
    }

    @Test
    @DisplayName("14.5, 14.6: the recreated member meets Multi-Attach and gets its volume only after the 6-minute "
            + "force detach")
    void multiAttachThenForceDetach() {
        double recreated = time("Scheduled", "Pod/default/" + member, 1);
        double multiAttach = time("FailedAttachVolume", "Pod/default/" + member, 0);
        assertEquals(recreated, multiAttach);
        String message = events.stream().filter(e -> e.get("reason").asText().equals("FailedAttachVolume"))
                .findFirst().orElseThrow().get("message").asText();
        assertTrue(message.startsWith("Multi-Attach error for volume \"pvc-") && message.endsWith(
                "Volume is already exclusively attached to one node and can't be attached to another"), message);
        double attached = time("SuccessfulAttachVolume", "Pod/default/" + member, 1);
        assertTrue(attached >= recreated + FORCE_DETACH_WAIT && attached <= recreated + FORCE_DETACH_WAIT + 60,
                "attached at " + attached + ", recreated at " + recreated);
        assertTrue(time("FailedMount", "Pod/default/" + member, 0) < attached);
        assertEquals(1, summary.get("volumes").get("forcedDetaches").asInt());
    }

    @Test
    @DisplayName("the member is back long after the Deployment pod")
    void memberBackAfterDeploymentPod() {
        double storefrontReady = time("Scheduled", "Pod/default/storefront-", 3);
        double memberAttached = time("SuccessfulAttachVolume", "Pod/default/" + member, 1);
        assertTrue(memberAttached - storefrontReady > FORCE_DETACH_WAIT, storefrontReady + " " + memberAttached);
        assertEquals(3, summary.get("workloads").get("StatefulSet/orders-db").get("ready").asInt());
    }
}
