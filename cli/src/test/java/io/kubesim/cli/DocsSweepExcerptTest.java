package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/sweeps.md's example sweep prints what the page shows (keeps the docs true). */
class DocsSweepExcerptTest {
    @TempDir
    Path tmp;

    @Test
    void theDocumentedSweepPrintsTheDocumentedRanking() throws IOException {
        String doc = Files.readString(CliHarness.ROOT.resolve("docs/sweeps.md"));
        Path out = tmp.resolve("sweep");
        CliHarness.Result r = CliHarness.run("sweep", CliHarness.library("no-prestop.yaml"),
                "--set", "deployment/checkout:spec.strategy.rollingUpdate.maxSurge=0,1,25%",
                "--set", "deployment/checkout:spec.strategy.rollingUpdate.maxUnavailable=0,1",
                "--set", "deployment/checkout:spec.template.spec.containers[name=checkout].lifecycle={},"
                        + "{preStop: {sleep: {seconds: 5}}}",
                "--replications", "3", "--constraint", "action[rollout checkout].p99Ms < 200", "--out", out.toString(),
                "-q");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        String ranking = Files.readString(out.resolve("sweep.txt"));
        assertTrue(doc.contains("```\n" + ranking + "```"), "docs/sweeps.md shows:\n" + ranking);
    }
}
