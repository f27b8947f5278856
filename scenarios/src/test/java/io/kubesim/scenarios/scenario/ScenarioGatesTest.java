package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.scenarios.gate.GateExpression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A scenario's {@code gates:} list: read in order, and each bad entry is a located error. */
class ScenarioGatesTest {
    private static final String BASE = """
            apiVersion: kubesim.io/v1alpha1
            kind: Scenario
            metadata: {name: t}
            duration: 1m
            manifests: [web.yaml]
            cluster:
              nodePools:
                - {name: pool-a, count: 1, allocatable: {cpu: "4", memory: 16Gi}}
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void writeManifest() throws Exception {
        Files.writeString(dir.resolve("web.yaml"), ScenarioInputErrorsTest.WEB);
    }

    private Path scenario(String gates) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, BASE + gates);
        return file;
    }

    @Test
    @DisplayName("gates are read in file order, as --fail-on would parse them")
    void readsInOrder() throws Exception {
        Path file = scenario("gates:\n  - p99Ms[web] > 250\n  - 'errorRatio >= 1%'\n  - minAvailable[Deployment/web] < 1\n");
        ScenarioLoader.load(file);
        assertEquals(List.of(GateExpression.parse("p99Ms[web] > 250"), GateExpression.parse("errorRatio >= 1%"),
                GateExpression.parse("minAvailable[Deployment/web] < 1")), ScenarioGates.read(file));
    }

    @Test
    @DisplayName("no gates field means no gates")
    void none() throws Exception {
        Path file = scenario("");
        ScenarioLoader.load(file);
        assertEquals(List.of(), ScenarioGates.read(file));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad operator  | gates:\\n  - p99Ms[web] => 250       | 10 | 5  | gate "p99Ms[web] => 250": column 12: expected an operator (> >= < <= == !=), got "=> 250"
            unknown name  | gates:\\n  - failed > 0\\n  - latency > 1    | 11 | 5  | gate "latency > 1": column 1: unknown quantity "latency"
            not a list    | gates: p99Ms > 1                     | 9  | 8  | expected a list
            empty entry   | gates:\\n  - ''                      | 10 | 5  | expected a non-empty string
            """)
    @DisplayName("a bad gate is an error at its list item")
    void rejects(String name, String gates, int line, int column, String message) throws Exception {
        Path file = scenario(gates.replace("\\n", "\n") + "\n");
        InputException e = assertThrows(InputException.class, () -> ScenarioLoader.load(file));
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertEquals(true, e.detail().startsWith(message), e.detail());
    }
}
