package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code kubesim explain RUN_DIR --rollout DEPLOYMENT} and {@code --action N}, end to end through the
 * command line: library/rolling-update.yaml is run twice with {@code --decisions}, and the
 * explanation of its rollout, as text and as JSON, must equal the golden files under
 * {@code cli/src/test/resources/explain/} byte for byte, from both runs.
 *
 * <p>To regenerate the golden files after an intended change of the output, run this test with
 * {@code -Dkubesim.updateGoldens=true} (e.g. {@code mvn -B -o -pl cli -am test -Dtest=ExplainRolloutTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dkubesim.updateGoldens=true}) and review the diff.
 */
class ExplainRolloutTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static Path first;
    static Path second;

    @BeforeAll
    static void runTwice() {
        first = run("rolling-update.yaml", "first");
        second = run("rolling-update.yaml", "second");
    }

    private static Path run(String scenario, String dir) {
        Path out = shared.resolve(dir);
        CliHarness.Result r = CliHarness.run("run", CliHarness.library(scenario), "--decisions", "--out",
                out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "text, rolling-update-rollout-web.txt, ''",
            "json, rolling-update-rollout-web.json, --json"})
    @DisplayName("explain --rollout web on rolling-update.yaml equals its golden file, byte for byte, from two runs")
    void golden(String format, String file, String flag) throws IOException {
        String[] question = flag.isEmpty() ? new String[] {"--rollout", "web"} : new String[] {"--rollout", "web", flag};
        String fromFirst = CliHarness.explain(first, question);
        assertEquals(fromFirst, CliHarness.explain(second, question), "byte-identical across runs");
        GoldenFiles.assertMatches(file, fromFirst);
    }

    @Test
    @DisplayName("the walk shows the 25%/25% bounds of 10 replicas (k8s-semantics.md 2.2), steps numbered from 1, new pods "
            + "becoming available before the step they allow, the completion and the cost")
    void walksTheRollout() throws IOException {
        JsonNode e = JSON.readTree(CliHarness.explain(first, "--rollout", "web", "--json"));
        assertEquals("rollout of web (timeline action 1, 2:00.0 to 2:36.0)", e.path("subject").asText());
        JsonNode steps = e.path("steps");
        assertTrue(steps.get(0).path("text").asText().contains("at most 13 pods (10 replicas + maxSurge 25% = 3), "
                + "at least 8 available (10 - maxUnavailable 25% = 2)"), steps.get(0).toString());
        int expected = 1;
        boolean availableBefore = false;
        for (JsonNode s : steps) {
            JsonNode f = s.path("facts");
            if (s.path("text").asText().startsWith("step ")) {
                assertEquals(expected++, f.path("step").asInt());
                if (f.path("role").asText().equals("old") && f.path("step").asInt() > 2) {
                    assertTrue(availableBefore, "an old pod goes only after new ones became available: " + s);
                }
                availableBefore = false;
            } else if (s.path("text").asText().endsWith("became available")) {
                availableBefore = true;
            }
        }
        JsonNode last = steps.get(steps.size() - 1);
        assertTrue(last.path("text").asText().startsWith("rollout complete"), last.toString());
        JsonNode summary = JSON.readTree(first.resolve("summary.json").toFile());
        assertEquals(summary.at("/deployments/web/rollouts/0/end").asDouble(), last.path("time").asDouble(), 1e-9,
                "the completion the decisions record is the one summary.json reports");
        String conclusions = e.path("conclusions").toString();
        assertTrue(conclusions.contains("The rollout took " + String.format(java.util.Locale.ROOT, "%.1f s",
                summary.at("/deployments/web/rollouts/0/seconds").asDouble())), conclusions);
        assertTrue(conclusions.contains("Deployment/web at least 8 available"), conclusions);
    }

    @Test
    @DisplayName("the cost of a rollout that drops requests (no-prestop.yaml) is summary.json actions[0]: failed requests by "
            + "Service and cause")
    void rolloutCost() throws IOException {
        Path out = run("no-prestop.yaml", "no-prestop");
        JsonNode action = JSON.readTree(out.resolve("summary.json").toFile()).path("actions").get(0);
        long failed = action.path("failed").asLong();
        assertTrue(failed > 0, "no-prestop's rollout drops requests");
        JsonNode e = JSON.readTree(CliHarness.explain(out, "--rollout", "checkout", "--json"));
        String cost = e.path("conclusions").get(e.path("conclusions").size() - 1).asText();
        assertTrue(cost.startsWith("Cost inside the window (summary.json actions[0]): "
                + String.format(java.util.Locale.ROOT, "%,d failed requests of %,d: checkout %,d (connection_refused",
                failed, action.path("requests").asLong(), failed)), cost);
    }

    @Test
    @DisplayName("an outage in the cost is an outage as summary.json counts it: early-readiness.yaml's search was out "
            + "with its endpoints ready (its new pods failed what they were sent), not without a ready endpoint")
    void outageWithReadyEndpoints() throws IOException {
        Path out = run("early-readiness.yaml", "early-readiness");
        JsonNode action = JSON.readTree(out.resolve("summary.json").toFile()).path("actions").get(0);
        double outage = action.path("outageSeconds").path("search").asDouble();
        assertTrue(outage > 0, "early-readiness's rollout puts search out: " + action);
        String text = CliHarness.explain(out, "--action", "1");
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "search was out for %.1f s", outage)), text);
        assertFalse(text.contains("no ready endpoint"), text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            drain-no-pdb.yaml: every eviction allowed, all pods stop together   | drain-no-pdb.yaml   | kubectl asks to evict 3 pods: all allowed | none refused: no PodDisruptionBudget held any back, so the evicted pods stopped together at 3:30.0
            drain-with-pdb.yaml: the PDB refuses two evictions at first         | drain-with-pdb.yaml | refused: The disruption budget cart needs 2 healthy pods | 2 refused at first by a PodDisruptionBudget
            node-failure.yaml: taint eviction after the default 300 s toleration | node-failure.yaml   | the taint-eviction controller deletes 2 pods | 300.0 s after it went NotReady
            node-failure.yaml: the deletion scheduled at the NoExecute taint (k8s-semantics.md 7) | node-failure.yaml | 2:55.0  the taint-eviction controller will delete 2 pods at 7:55.0 (it tolerates node.kubernetes.io/unreachable:NoExecute for tolerationSeconds 300) | 2 pods created by their controllers
            """)
    @DisplayName("explain --action 1 tells a drain or node failure from its window: evictions with their PDB verdicts, "
            + "replacements, and the cost")
    void otherActions(String name, String scenario, String step, String conclusion) {
        Path out = run(scenario, scenario.replace(".yaml", ""));
        String text = CliHarness.explain(out, "--action", "1");
        assertTrue(text.contains(step), text);
        assertTrue(text.contains(conclusion), text);
        assertTrue(text.contains("Cost inside the window (summary.json actions[0])"), text);
        assertEquals(text, CliHarness.explain(out, "--action", "1"), "deterministic");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            --action 0                  | --action   | 0       | error: --action 0: the run has 1 timeline action (1..1)
            --action out of range       | --action   | 2       | error: --action 2: the run has 1 timeline action (1..1)
            --rollout of an unknown one | --rollout  | payments | error: --rollout payments: no rollout of it on the timeline (rollouts: web)
            """)
    @DisplayName("a question the run cannot answer is exit 2 with one line naming what the run has")
    void badQuestions(String name, String option, String value, String message) {
        CliHarness.Result r = CliHarness.run("explain", first.toString(), option, value);
        assertEquals(2, r.exitCode());
        assertEquals(message + System.lineSeparator(), r.err());
        assertEquals("", r.out());
    }
}
