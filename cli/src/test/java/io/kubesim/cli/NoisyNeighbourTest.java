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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The noisy-neighbour seed failure pattern as a (bad, fixed) pair: a leaking pod without a memory
 * limit drives its node into memory pressure and the kubelet evicts its neighbours first
 * (k8s-semantics.md 4.5, ranking by priority); with a limit at twice its request only the leaking
 * container is OOM-killed and restarted (4.2 backoff) while the neighbours keep serving.
 */
class NoisyNeighbourTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path run(String scenario) {
        return run(scenario, scenario);
    }

    private Path run(String scenario, String dir) {
        Path out = tmp.resolve(dir);
        CliHarness.Result r = CliHarness.run("run", CliHarness.library(scenario), "--out", out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }

    private static List<JsonNode> events(Path out, String reason) throws IOException {
        return CliHarness.events(out, reason);
    }

    @Test
    @DisplayName("no limit: MemoryPressure, the lower-priority storefront pods are evicted before the cache, requests fail")
    void leakWithoutLimitEvictsNeighbours() throws IOException {
        Path out = run("noisy-neighbour.yaml");
        JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
        List<JsonNode> evicted = events(out, "Evicted");
        assertTrue(evicted.size() >= 2, "evicted: " + evicted.size());
        assertEquals(evicted.size(), s.get("pods").get("evicted").asInt());
        assertTrue(evicted.get(0).get("object").asText().startsWith("Pod/default/storefront-"),
                "the neighbour goes first: " + evicted.get(0));
        assertTrue(evicted.get(0).get("message").asText().startsWith("The node was low on resource: memory."));
        int cache = -1;
        for (int i = 0; i < evicted.size(); i++) {
            if (evicted.get(i).get("object").asText().startsWith("Pod/default/session-cache-")) {
                cache = i;
                break;
            }
        }
        assertTrue(cache != 0, "the higher-priority cache is not the first victim");
        JsonNode pressured = s.get("nodes").get("byNode");
        assertEquals(1, pressured.size(), "one node under pressure: " + pressured);
        String node = pressured.fieldNames().next();
        assertTrue(pressured.get(node).get("memoryPressureSeconds").asDouble() >= 300,
                "at least the 5 min transition period");
        assertEquals(evicted.size(), pressured.get(node).get("evicted").asInt());
        assertEquals(0, s.get("pods").get("oomKilled").asInt(), "nothing has a limit to hit");
        assertTrue(s.get("requests").get("failed").asLong() > 0, "the storefront loses requests");
        for (JsonNode sched : events(out, "Scheduled")) {
            if (sched.get("time").asDouble() > evicted.get(0).get("time").asDouble()) {
                assertFalse(sched.get("message").asText().endsWith(" to " + node),
                        "replacements avoid the node with the memory-pressure taint: " + sched);
            }
        }
        assertTrue(events(out, "NodeHasInsufficientMemory").size() >= 1);
    }

    @Test
    @DisplayName("limit at 2x request: only the cache is OOMKilled and restarted; no pressure, no eviction, no failed request")
    void limitKillsOnlyTheOffender() throws IOException {
        Path out = run("noisy-neighbour-limits.yaml");
        JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
        JsonNode pods = s.get("pods");
        assertTrue(pods.get("oomKilled").asInt() >= 2, "the leak reaches 2Gi every ~5 min: " + pods);
        assertEquals(pods.get("oomKilled").asInt(), pods.get("restarts").asInt(), "each kill is followed by a restart");
        assertEquals(0, pods.get("evicted").asInt());
        for (JsonNode e : events(out, "OOMKilled")) {
            assertTrue(e.get("object").asText().startsWith("Pod/default/session-cache-"), e.toString());
        }
        assertTrue(events(out, "NodeHasInsufficientMemory").isEmpty());
        assertEquals(0, s.get("requests").get("failed").asLong(), "the storefront serves everything");
        assertTrue(s.get("requests").get("total").asLong() > 200_000);
    }

    @Test
    @DisplayName("evictions, OOM kills and usage series are deterministic: two runs give the same bytes")
    void deterministic() throws IOException {
        Path a = run("noisy-neighbour.yaml", "a");
        Path b = run("noisy-neighbour.yaml", "b");
        for (String f : new String[]{"timeseries.csv", "events.jsonl"}) {
            assertEquals(-1L, Files.mismatch(a.resolve(f), b.resolve(f)), f);
        }
        assertTrue(Files.readString(a.resolve("timeseries.csv")).contains(",node_memory_available_bytes,node=pool-a-1,"));
    }
}
