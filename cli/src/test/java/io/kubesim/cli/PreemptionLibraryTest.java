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
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * library/preemption.yaml does what its header says (k8s-semantics.md 3.6 preemption with
 * PodDisruptionBudgets, 3.2 queue order): the latency-critical API preempts batch pods on a full
 * cluster, only etl pods are victims (the reports budget allows no disruption), the API is
 * nominated then bound, and the evicted batch work stays Pending.
 */
class PreemptionLibraryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path run(String dir) {
        Path out = tmp.resolve(dir);
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("preemption.yaml"), "--out", out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }

    private static List<JsonNode> events(Path out, String reason) throws IOException {
        return CliHarness.events(out, reason);
    }

    @Test
    @DisplayName("header: 4 etl victims (5 Preempted events) at 2m, reports spared by its PDB, the API bound within 10 s, 4 etl pods Pending at end")
    void headerFigures() throws IOException {
        Path out = run("run");
        JsonNode pods = JSON.readTree(out.resolve("summary.json").toFile()).get("pods");
        assertEquals(4, pods.get("preempted").asInt(), pods.toString());
        assertEquals(4, pods.get("preemptions").asInt(), "one preemption per API replica");
        assertEquals("{\"etl\":4}", pods.get("preemptedByWorkload").toString(), "victims are etl pods only");
        assertEquals(4, pods.get("pendingAtEnd").asInt(), "the preempted batch work stays Pending");

        TreeSet<String> victims = new TreeSet<>();
        List<JsonNode> preempted = events(out, "Preempted");
        assertEquals(5, preempted.size(), "one victim, still terminating, is named twice");
        for (JsonNode e : preempted) {
            assertEquals(120.0, e.get("time").asDouble(), "preempted when the API scales up");
            String victim = e.get("object").asText();
            assertTrue(victim.startsWith("Pod/default/etl-"), "the reports PDB spares its pods: " + e);
            assertTrue(e.get("message").asText().startsWith("Preempted by pod "), e.toString());
            victims.add(victim);
        }
        assertEquals(4, victims.size());

        int apiBound = 0;
        for (JsonNode e : events(out, "Scheduled")) {
            if (e.get("object").asText().startsWith("Pod/default/api-")) {
                assertTrue(e.get("time").asDouble() <= 130.0, "nominated at 120 s, bound once victims are gone: " + e);
                apiBound++;
            }
        }
        assertEquals(4, apiBound);
        JsonNode deployments = JSON.readTree(out.resolve("summary.json").toFile()).get("deployments");
        assertEquals(4, deployments.get("api").get("readyReplicas").asInt());
        assertEquals(4, deployments.get("reports").get("minAvailableObserved").asInt(), "no reports pod was ever lost");

        boolean etlWaits = false;
        for (JsonNode e : events(out, "FailedScheduling")) {
            String msg = e.get("message").asText();
            if (e.get("object").asText().startsWith("Pod/default/etl-")) {
                assertTrue(msg.endsWith("preemption: not eligible due to preemptionPolicy=Never."), msg);
                etlWaits = e.get("time").asDouble() >= 128.0 || etlWaits;
            }
        }
        assertTrue(etlWaits, "the etl replacements still fail to schedule once the API pods are bound");
    }

    @Test
    @DisplayName("header: without the reports PDB the victims are the pods that started last on their nodes, mostly reports pods")
    void withoutTheBudgetReportsPodsAreTheVictims() throws IOException {
        Path scenario = Path.of(CliHarness.library("preemption.yaml"));
        Path dir = tmp.resolve("no-pdb");
        Files.createDirectories(dir.resolve("manifests"));
        String manifests = Files.readString(scenario.resolveSibling("manifests/preemption.yaml"));
        int pdb = manifests.indexOf("---\napiVersion: policy/v1");
        assertTrue(pdb > 0);
        Files.writeString(dir.resolve("manifests/preemption.yaml"), manifests.substring(0, pdb));
        Files.copy(scenario, dir.resolve("preemption.yaml"));
        Path out = tmp.resolve("no-pdb-out");
        CliHarness.Result r = CliHarness.run("run", dir.resolve("preemption.yaml").toString(), "--out", out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode pods = JSON.readTree(out.resolve("summary.json").toFile()).get("pods");
        assertEquals("{\"etl\":1,\"reports\":3}", pods.get("preemptedByWorkload").toString());
    }

    @Test
    @DisplayName("preemptions are deterministic: two runs give the same bytes")
    void deterministic() throws IOException {
        Path a = run("a");
        Path b = run("b");
        for (String f : new String[]{"timeseries.csv", "events.jsonl"}) {
            assertEquals(-1L, Files.mismatch(a.resolve(f), b.resolve(f)), f);
        }
    }
}
