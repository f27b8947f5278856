package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@code kubesim explain} accepts as a run directory and a time, and how it refuses the rest (exit 2, one line). */
class ExplainInputTest {
    @TempDir
    static Path tmp;
    static Path run;

    @BeforeAll
    static void runWithDecisions() {
        run = tmp.resolve("run");
        CliHarness.Result r = CliHarness.run("run", CliHarness.ROOT.resolve("library/no-prestop.yaml").toString(),
                "--out", run.toString(), "--decisions", "-q", "--until", "150s");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    }

    @ParameterizedTest(name = "--at {0} is {1} s")
    @CsvSource({"2:03.2, 123.2", "1:02:03, 3723", "123.5, 123.5", "90s, 90", "2m3s, 123", "0, 0"})
    void times(String text, double seconds) {
        assertEquals(seconds, ExplainCommand.parseTime(text), 1e-9);
    }

    @Test
    @DisplayName("run --decisions writes decisions.jsonl and scheduling.jsonl next to the other outputs")
    void decisionsFilesWritten() {
        assertTrue(Files.isRegularFile(run.resolve("decisions.jsonl")));
        assertTrue(Files.isRegularFile(run.resolve("scheduling.jsonl")));
    }

    @Test
    @DisplayName("a run written without --decisions: exit 2 saying to run again with --decisions")
    void withoutDecisions() {
        Path plain = tmp.resolve("plain");
        assertEquals(ExitCodes.OK, CliHarness.run("run", CliHarness.ROOT.resolve("library/no-prestop.yaml").toString(),
                "--out", plain.toString(), "-q", "--until", "10s").exitCode());
        CliHarness.Result r = CliHarness.run("explain", plain.toString(), "--rollout", "checkout");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
        assertEquals("error: " + plain + ": no scheduling.jsonl; explain reads what `kubesim run --decisions` writes: "
                + "run the scenario again with --decisions", r.err().strip());
    }

    @Test
    @DisplayName("a directory that is no run: exit 2 naming it")
    void notARun() {
        CliHarness.Result r = CliHarness.run("explain", tmp.resolve("nothing").toString(), "--failures", "checkout");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
        assertTrue(r.err().strip().endsWith("nothing: not a directory (expected the --out directory of kubesim run)"), r.err());
    }

    @Test
    @DisplayName("a damaged decisions.jsonl: exit 2 with file, line and column")
    void damagedRecords() throws Exception {
        Path copy = tmp.resolve("damaged");
        Files.createDirectories(copy);
        for (String f : new String[] {"summary.json", "events.jsonl", "scheduling.jsonl"}) {
            Files.copy(run.resolve(f), copy.resolve(f));
        }
        Files.writeString(copy.resolve("decisions.jsonl"), "{\"time\":1}\n{\"time\": oops}\n");
        CliHarness.Result r = CliHarness.run("explain", copy.toString(), "--rollout", "checkout");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
        assertTrue(r.err().startsWith("error: " + copy.resolve("decisions.jsonl") + ":2:"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    @DisplayName("exactly one question: none, or two, is a usage error")
    void oneQuestion() {
        assertEquals(ExitCodes.BAD_INPUT, CliHarness.run("explain", run.toString()).exitCode());
        assertEquals(ExitCodes.BAD_INPUT,
                CliHarness.run("explain", run.toString(), "--rollout", "checkout", "--failures", "checkout").exitCode());
    }

    @Test
    @DisplayName("--at only with --pod or --failures, and only a time")
    void atRules() {
        CliHarness.Result r = CliHarness.run("explain", run.toString(), "--rollout", "checkout", "--at", "2:00");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
        assertEquals("error: --at applies to --pod and --failures", r.err().strip());
        r = CliHarness.run("explain", run.toString(), "--failures", "checkout", "--at", "soon");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
        assertEquals("error: --at soon: expected a time such as 90s, 2m3s, 2:03.2 or 123.5", r.err().strip());
    }

    @Test
    @DisplayName("an unknown Service names the ones the run has")
    void unknownService() {
        CliHarness.Result r = CliHarness.run("explain", run.toString(), "--failures", "nope");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
        assertEquals("error: --failures nope: no such Service with traffic in the run (services: checkout)", r.err().strip());
    }
}
