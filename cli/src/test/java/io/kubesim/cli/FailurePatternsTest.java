package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed failure patterns as (bad, fixed) pairs of library scenarios: each pair differs in one
 * setting, and the test asserts the direction and the documented size of the difference.
 */
class FailurePatternsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private JsonNode summary(String scenario) throws IOException {
        Path out = tmp.resolve(scenario);
        CliHarness.Result r = CliHarness.run("run", CliHarness.library(scenario), "--out", out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        return JSON.readTree(out.resolve("summary.json").toFile());
    }

    @Test
    @DisplayName("no preStop: a rolling deploy under load fails about 1.2 % of requests with 502; a 5 s preStop sleep: none")
    void preStopSleep() throws IOException {
        JsonNode bad = summary("no-prestop.yaml").get("requests");
        JsonNode fixed = summary("prestop-sleep.yaml").get("requests");
        long total = bad.get("total").asLong();
        long failed = bad.get("failed").asLong();
        assertTrue(total > 60_000, "300 req/s for 4 minutes");
        assertTrue(failed > total * 0.005 && failed < total * 0.03, "documented as about 1.2 %: " + failed);
        assertEquals(failed, bad.get("byCause").get("connection_refused").asLong(), "every failure is a refused connection");
        assertEquals(failed, bad.get("byStatus").get("502").asLong());
        assertEquals(0, fixed.get("failed").asLong());
        assertEquals(total, fixed.get("total").asLong(), 5, "the same load");
    }
}
