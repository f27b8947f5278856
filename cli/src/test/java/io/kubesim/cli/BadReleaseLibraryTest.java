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
 * library/bad-release-rolling.yaml against bad-release-rollback.yaml: a rolling update to a version
 * that fails 30 % of its requests, unguarded and with rollbackOn; the numbers their comments give.
 */
class BadReleaseLibraryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path run(String scenario) {
        Path out = tmp.resolve(scenario);
        CliHarness.Result r = CliHarness.run("run", CliHarness.library(scenario), "--out", out.toString(), "-q");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        return out;
    }

    @Test
    @DisplayName("unguarded, the bad version's 503s grow to 30 % of all requests and stay; rollbackOn undoes it and "
            + "bounds the failures to about a fifth")
    void rollbackBoundsTheBadRelease() throws IOException {
        Path plainRun = run("bad-release-rolling.yaml");
        Path guardedRun = run("bad-release-rollback.yaml");
        JsonNode plain = JSON.readTree(plainRun.resolve("summary.json").toFile());
        JsonNode guarded = JSON.readTree(guardedRun.resolve("summary.json").toFile());
        assertEquals(19_857, plain.at("/requests/failed").asLong(), "as its comment says");
        assertEquals(4_465, guarded.at("/requests/failed").asLong(), "as its comment says");
        assertEquals(plain.at("/requests/failed").asLong(), plain.at("/requests/byStatus/503").asLong());
        for (JsonNode s : new JsonNode[] {plain, guarded}) {
            for (JsonNode v : (Iterable<JsonNode>) s.at("/workloads/Deployment~1checkout/versions")::elements) {
                boolean bad = v.get("image").asText().endsWith(":1.5.0");
                assertEquals(bad, v.get("failed").asLong() > 0, "only the bad version fails: " + v);
            }
        }
        assertEquals(1, plain.at("/actions").size());
        assertEquals("undo", guarded.at("/actions/1/kind").asText());
        assertTrue(Files.readString(guardedRun.resolve("events.jsonl")).contains("\"reason\":\"RollbackTriggered\""));
    }
}
