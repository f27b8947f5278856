package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.SimulationSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The scenario's {@code warmup}: how long from the start requests count as startup (kept out of
 * gates). Read as a duration from 0s to the scenario's duration; anything else is a located error.
 */
class WarmupTest {
    /** Line 6 is "warmup: ...", its value at column 9. */
    private static final String SCENARIO = """
            apiVersion: kubesim.io/v1alpha1
            kind: Scenario
            metadata:
              name: warm
            duration: 5m
            warmup: WARMUP
            cluster:
              nodePools:
                - {name: pool, count: 1, allocatable: {cpu: "4", memory: 8Gi}}
            """;

    @TempDir
    Path dir;

    private SimulationSpec load(String text) {
        try {
            Path file = dir.resolve("s.yaml");
            Files.writeString(file, text);
            return ScenarioLoader.load(file).value();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("without warmup there is none: only the Services' cold start is startup")
    void defaultIsNone() {
        assertEquals(0, load(SCENARIO.replace("warmup: WARMUP\n", "")).warmup());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            seconds           | 60s   | 60000000
            minutes           | 1m30s | 90000000
            zero              | 0s    | 0
            the whole run     | 5m    | 300000000
            """)
    @DisplayName("a duration from 0s to the scenario's duration")
    void readAsADuration(String name, String text, long micros) {
        assertEquals(micros, load(SCENARIO.replace("WARMUP", text)).warmup());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            negative          | -10s  | duration must not be negative, got "-10s"
            a bare number     | 60    | expected a duration with a unit such as 60s, 5m or 1h30m, got a bare number (60)
            not a duration    | soon  | invalid duration "soon": expected e.g. 30s, 5m, 1h30m, 1.5s, 250ms
            longer than run   | 6m    | warmup 6m0s is longer than the duration 5m0s: expected at most the duration
            """)
    @DisplayName("anything else is an error at the value, saying what is expected")
    void badValuesAreLocated(String name, String text, String message) {
        InputException e = assertThrows(InputException.class, () -> load(SCENARIO.replace("WARMUP", text)));
        assertEquals(message, e.detail(), e.format());
        assertEquals(6, e.line(), e.format());
        assertEquals(9, e.column(), e.format());
    }
}
