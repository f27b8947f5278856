package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kubesim compare}: what changed between two runs, and whether it is more than seed noise. */
class CompareCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PRESTOP = "deployment/checkout:spec.template.spec.containers[name=checkout].lifecycle="
            + "{preStop: {sleep: {seconds: 5}}}";

    @TempDir
    Path tmp;

    private Path run(String name, String... extra) {
        Path out = tmp.resolve(name);
        String[] args = new String[5 + extra.length];
        System.arraycopy(new String[] {"run", CliHarness.library("no-prestop.yaml"), "--out", out.toString(), "-q"}, 0,
                args, 0, 5);
        System.arraycopy(extra, 0, args, 5, extra.length);
        assertEquals(ExitCodes.OK, CliHarness.run(args).exitCode());
        return out;
    }

    @Test
    void singleRunsAreComparedValueAgainstValueLargestChangeFirst() throws IOException {
        Path a = run("a");
        Path b = run("b", "--set", PRESTOP);
        CliHarness.Result r = CliHarness.run("compare", a.toString(), b.resolve("summary.json").toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        long failedA = JSON.readTree(a.resolve("summary.json").toFile()).at("/requests/failed").asLong();
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].startsWith("compare no-prestop (seed 1) -> no-prestop (seed 1)"), r.out());
        assertTrue(lines[2].matches("failed\\s+" + failedA + "\\s+0\\s+-" + failedA + " \\(-100 %\\)"), lines[2]);
        assertTrue(r.out().contains("other quantities unchanged"), r.out());
        assertTrue(!r.out().contains("significant"), "no test without replications");
    }

    @Test
    void withReplicationsAChangeIsJudgedAgainstSeedNoise() throws IOException {
        Path a = run("ra", "--replications", "3");
        Path b = run("rb", "--replications", "3", "--set", PRESTOP);
        Path a2 = run("ra2", "--replications", "3", "--set", "scenario:seed=99");
        JsonNode changes = JSON.readTree(CliHarness.run("compare", a.toString(), b.toString(), "--json").out())
                .get("changes");
        JsonNode failed = changes.get(0);
        assertEquals("failed", failed.get("quantity").asText());
        assertTrue(failed.get("significant").asBoolean(), failed.toString());
        assertEquals(3, failed.at("/a/n").asInt());
        assertTrue(failed.at("/a/ci95").isArray());
        String[] rows = CliHarness.run("compare", a.toString(), b.toString()).out().split("\n");
        int columnB = rows[1].indexOf("  B  ") + 2;
        for (int i = 2; i < rows.length - 1; i++) {
            assertEquals("  ", rows[i].substring(columnB - 2, columnB), "column B starts in the same place: " + rows[i]);
            assertTrue(rows[i].charAt(columnB) != ' ', "column B starts in the same place: " + rows[i]);
        }
        // the same setting under other seeds: whatever differs is noise
        JsonNode noise = JSON.readTree(CliHarness.run("compare", a.toString(), a2.toString(), "--json").out());
        for (JsonNode c : noise.get("changes")) {
            if (c.get("quantity").asText().equals("failed")) {
                assertTrue(!c.get("significant").asBoolean(), c.toString());
            }
        }
    }

    @Test
    void aMissingRunIsAUsageError() {
        CliHarness.Result r = CliHarness.run("compare", tmp.resolve("nope").toString(), tmp.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("no summary.json"), r.err());
    }
}
