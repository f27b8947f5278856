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
 * {@code library/rwo-volume-node-failure.yaml} as its comment tells it (k8s-semantics.md 14.6): a
 * one-replica Deployment on a WaitForFirstConsumer ReadWriteOnce volume loses its node; the
 * replacement is kept to the volume's zone and then waits on Multi-Attach until the node recovers.
 */
class RwoVolumeNodeFailureLibraryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double RECOVERED_AT = 18 * 60;

    @TempDir
    static Path tmp;
    static JsonNode summary;
    static List<JsonNode> events;

    @BeforeAll
    static void run() throws IOException {
        Path out = tmp.resolve("rwo");
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("rwo-volume-node-failure.yaml"), "--out",
                out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        summary = JSON.readTree(out.resolve("summary.json").toFile());
        events = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("events.jsonl"))) {
            events.add(JSON.readTree(line));
        }
    }

    private static List<JsonNode> events(String reason) {
        return events.stream().filter(e -> e.get("reason").asText().equals(reason)).toList();
    }

    @Test
    @DisplayName("14.2: the volume is provisioned for the first consumer and attached to the node it was scheduled to")
    void provisionedInTheFirstConsumersZone() {
        assertEquals(1, events("ProvisioningSucceeded").size());
        JsonNode scheduled = events("Scheduled").get(0);
        assertTrue(scheduled.get("message").asText().endsWith(" to pool-a-3"), scheduled.toString());
        assertTrue(scheduled.get("time").asDouble() >= events("ProvisioningSucceeded").get(0).get("time").asDouble());
    }

    @Test
    @DisplayName("14.6: the replacement goes to the other node of the volume's zone and waits on Multi-Attach while "
            + "the old pod is Terminating on the dead node")
    void replacementWaitsOnMultiAttach() {
        List<JsonNode> scheduled = events("Scheduled");
        assertEquals(2, scheduled.size());
        JsonNode replacement = scheduled.get(1);
        assertTrue(replacement.get("message").asText().endsWith(" to pool-a-1"), replacement.toString());
        String oldPod = scheduled.get(0).get("object").asText().substring("Pod/default/".length());
        JsonNode multiAttach = events("FailedAttachVolume").get(0);
        assertEquals(replacement.get("object"), multiAttach.get("object"));
        assertTrue(multiAttach.get("message").asText().endsWith("Volume is already used by pod(s) " + oldPod),
                multiAttach.toString());
        assertTrue(events("FailedMount").size() >= 4, "the kubelet reports every 2 min while it waits");
    }

    @Test
    @DisplayName("14.5: the volume moves only after the node recovers (detach, then attach), so the outage ends then")
    void recoveryUnblocksTheAttach() {
        List<JsonNode> attached = events("SuccessfulAttachVolume");
        assertEquals(2, attached.size());
        double at = attached.get(1).get("time").asDouble();
        assertTrue(at > RECOVERED_AT && at <= RECOVERED_AT + 30, "attached at " + at);
        JsonNode outage = summary.get("outages").get(0);
        assertTrue(outage.get("end").asDouble() > at, outage.toString());
        assertTrue(outage.get("start").asDouble() < 130, outage.toString());
        assertEquals(0, summary.get("volumes").get("forcedDetaches").asInt());
        assertEquals(1, summary.get("volumes").get("claimsBound").asInt());
    }
}
