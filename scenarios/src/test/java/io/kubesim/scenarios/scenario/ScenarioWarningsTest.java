package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.scenarios.Diagnostic;
import io.kubesim.scenarios.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Non-fatal findings of a scenario load come back as warnings, each at its own file, line and column. */
class ScenarioWarningsTest {
    @TempDir
    Path dir;

    @Test
    void manifestWarningsPointIntoTheManifestAndLateActionsAreFlagged() throws Exception {
        Files.writeString(dir.resolve("web.yaml"),
                ScenarioInputErrorsTest.WEB.replace("spec:\n  selector", "spec:\n  replcas: 2\n  selector"));
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, ScenarioInputErrorsTest.BASE.replace("  - at: 1m", "  - at: 11m"));
        List<String> warnings = ScenarioLoader.load(file).warnings().stream().map(Diagnostic::format).toList();
        assertEquals(List.of(
                dir.resolve("web.yaml") + ":5:3: warning: unknown field \"spec.replcas\" in Deployment (ignored): "
                        + "did you mean \"replicas\"?",
                file + ":15:9: warning: at 11m0s is after the end of the scenario (10m0s); the action never happens"),
                warnings);
    }

    @Test
    void failingOrRemovingMoreNodesThanThePoolHasIsFlagged() throws Exception {
        Files.writeString(dir.resolve("web.yaml"), ScenarioInputErrorsTest.WEB);
        for (String action : new String[]{"failNodes", "removeNodes"}) {
            Path file = dir.resolve(action + ".yaml");
            Files.writeString(file, ScenarioInputErrorsTest.BASE.replace("scale: {deployment: web, replicas: 2}",
                    action + ": {pool: pool-a, count: 5}"));
            List<String> warnings = ScenarioLoader.load(file).warnings().stream().map(Diagnostic::format).toList();
            assertEquals(List.of(file + ":16:" + (action.length() + 29) + ": warning: count 5 is more than the 3 node(s) "
                    + "pool pool-a can have at this time; the action takes every node it has"), warnings);
        }
    }
}
