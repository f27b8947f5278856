package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * {@code library/statefulset-zone-failure.yaml} as its comment tells it (k8s-semantics.md 11.7,
 * 14.3, 14.6): zone-c fails; the Deployment's pod moves to another zone after the taint eviction,
 * the StatefulSet member whose volume lives in zone-c is held by its Terminating pod, then (once the
 * dead Node objects are deleted) stays Pending on the volume's node affinity until zone-c has nodes
 * again.
 */
class StatefulSetZoneFailureLibraryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double ZONE_FAILED = 3 * 60;
    private static final double NODES_DELETED = 12 * 60;
    private static final double ZONE_BACK = 20 * 60;

    @TempDir
    static Path tmp;
    static JsonNode summary;
    static List<JsonNode> events;
    static List<String[]> series;
    /** The member scheduled into zone-c, the zone that fails (which one depends on the seed's placements). */
    static String member;

    @BeforeAll
    static void run() throws IOException {
        Path out = tmp.resolve("zone");
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("statefulset-zone-failure.yaml"), "--out",
                out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        summary = JSON.readTree(out.resolve("summary.json").toFile());
        events = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("events.jsonl"))) {
            events.add(JSON.readTree(line));
        }
        series = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("timeseries.csv"))) {
            series.add(line.split(",", 4));
        }
        member = events.stream().filter(e -> e.get("reason").asText().equals("Scheduled")
                        && e.get("object").asText().startsWith("Pod/default/orders-db-")
                        && e.get("message").asText().contains(" to pool-c-"))
                .findFirst().orElseThrow().get("object").asText().substring("Pod/default/".length());
    }

    private static List<JsonNode> events(String reason, String objectPrefix) {
        return events.stream().filter(e -> e.get("reason").asText().equals(reason)
                && e.get("object").asText().startsWith(objectPrefix)).toList();
    }

    /** When the Service, having dropped below {@code count} ready endpoints after {@code after}, has them again. */
    private static double endpointsReadyAgain(String service, int count, double after) {
        boolean dropped = false;
        for (String[] row : series) {
            if (row[1].equals("service_endpoints_ready") && row[2].equals("service=" + service)
                    && Double.parseDouble(row[0]) > after) {
                double ready = Double.parseDouble(row[3]);
                dropped |= ready < count;
                if (dropped && ready == count) {
                    return Double.parseDouble(row[0]);
                }
            }
        }
        throw new AssertionError(service + " never has " + count + " ready endpoints after " + after);
    }

    @Test
    @DisplayName("11.2, 14.2: each member's claim gets a volume in its own zone")
    void oneVolumePerMember() {
        assertEquals(3, summary.get("volumes").get("claimsBound").asInt(), summary.get("volumes").toString());
        assertEquals(3, summary.get("volumes").get("volumesProvisioned").asInt(), summary.get("volumes").toString());
    }

    @Test
    @DisplayName("the Deployment's evicted pod is replaced in another zone and storefront is whole again before the "
            + "zone recovers")
    void deploymentMovesBeforeRecovery() {
        double back = endpointsReadyAgain("storefront", 3, ZONE_FAILED);
        assertTrue(back < NODES_DELETED, "storefront whole again at " + back);
        List<JsonNode> scheduled = events("Scheduled", "Pod/default/storefront-");
        assertEquals(4, scheduled.size());
        assertFalse(scheduled.get(3).get("message").asText().contains("pool-c-"), scheduled.get(3).toString());
    }

    @Test
    @DisplayName("11.7: the StatefulSet member is not recreated while its Terminating pod holds the name")
    void memberHeldByItsTerminatingPod() {
        List<JsonNode> created = events.stream().filter(e -> e.get("source").asText().equals("statefulset-controller")
                && e.get("message").asText().startsWith("create Pod " + member + " ")).toList();
        assertEquals(2, created.size());
        double evicted = events("TaintManagerEviction", "Pod/default/" + member).get(0).get("time").asDouble();
        double recreated = created.get(1).get("time").asDouble();
        assertTrue(evicted < NODES_DELETED && recreated > NODES_DELETED, evicted + " " + recreated);
    }

    @Test
    @DisplayName("14.3: the recreated member stays Pending on its volume's zone (VolumeZone / volume node affinity "
            + "conflict) and is Ready only after zone-c has nodes again")
    void memberPendingOnItsVolumeUntilRecovery() {
        List<JsonNode> failed = events("FailedScheduling", "Pod/default/" + member);
        assertFalse(failed.isEmpty());
        for (JsonNode f : failed) {
            assertTrue(f.get("message").asText().contains("node(s) had volume node affinity conflict"), f.toString());
            assertTrue(f.get("time").asDouble() < ZONE_BACK, f.toString());
        }
        List<JsonNode> scheduled = events("Scheduled", "Pod/default/" + member);
        JsonNode last = scheduled.get(scheduled.size() - 1);
        assertTrue(last.get("time").asDouble() >= ZONE_BACK, last.toString());
        assertTrue(last.get("message").asText().contains(" to pool-c-"), last.toString());
        double whole = endpointsReadyAgain("orders-db", 3, ZONE_FAILED);
        assertTrue(whole > ZONE_BACK, "orders-db whole again at " + whole);
    }

    @Test
    @DisplayName("each Service's failures are the requests sent to the dead zone before its pods left the endpoints: "
            + "their connects got no answer (k8s-semantics.md 17.5)")
    void errorRatioOfEachService() {
        for (String service : List.of("storefront", "orders-db")) {
            JsonNode s = summary.get("services").get(service);
            assertTrue(s.get("failed").asInt() > 0, s.toString());
            assertEquals(s.get("failed").asInt(), s.get("failedByCause").get("connect_timeout").asInt(), s.toString());
            assertTrue(s.get("failed").asDouble() / s.get("requests").asDouble() < 0.05, s.toString());
        }
    }
}
