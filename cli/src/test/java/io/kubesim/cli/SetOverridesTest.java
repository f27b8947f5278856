package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --set} on the commands that read a scenario: a what-if without a copied manifest. */
class SetOverridesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PRESTOP = "deployment/checkout:spec.template.spec.containers[name=checkout].lifecycle="
            + "{preStop: {sleep: {seconds: 5}}}";

    @TempDir
    Path tmp;

    private JsonNode summary(Path out) throws IOException {
        return JSON.readTree(out.resolve("summary.json").toFile());
    }

    @Test
    void aPreStopSetOnTheCommandLineRemovesTheRolloutsFailures() throws IOException {
        Path plain = tmp.resolve("plain");
        Path fixed = tmp.resolve("fixed");
        assertEquals(ExitCodes.OK, CliHarness.run("run", CliHarness.library("no-prestop.yaml"), "--out",
                plain.toString(), "-q").exitCode());
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("no-prestop.yaml"), "--out", fixed.toString(),
                "-q", "--set", PRESTOP, "--set", "scenario:traffic[0].arrivals.steps[1].rate=100");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertTrue(summary(plain).at("/requests/failed").asLong() > 0);
        assertEquals(0, summary(fixed).at("/requests/failed").asLong(), "the library's own prestop-sleep.yaml result");
        double ratio = (double) summary(fixed).at("/requests/total").asLong() / summary(plain).at("/requests/total")
                .asLong();
        assertEquals(1.0 / 3, ratio, 0.02, "100 requests a second instead of 300");
    }

    @Test
    void aBadSetIsOneLocatedErrorAndNothingIsWritten() {
        Path out = tmp.resolve("bad");
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("no-prestop.yaml"), "--out", out.toString(),
                "--set", "deployment/checkout:spec.replicas=-1");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
        assertEquals("error: --set #1:1:35: replicas must be greater than or equal to 0, got -1", r.err().strip());
        assertFalse(Files.exists(out));
        assertFalse(r.err().contains("Exception"));
    }

    @Test
    void validateTakesSetToo() {
        CliHarness.Result ok = CliHarness.run("validate", CliHarness.library("no-prestop.yaml"), "--set", PRESTOP);
        assertEquals(ExitCodes.OK, ok.exitCode(), ok.err());
        CliHarness.Result bad = CliHarness.run("validate", CliHarness.library("no-prestop.yaml"), "--set",
                "deployment/chekout:spec.replicas=2");
        assertEquals(ExitCodes.BAD_INPUT, bad.exitCode());
        assertTrue(bad.err().contains("--set #1:1:1: no deployment named \"chekout\" in the scenario's manifests"),
                bad.err());
    }
}
