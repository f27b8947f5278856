package io.kubesim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** "Did you mean" picks a close known name, and nothing when no name is close. */
class SuggestionsTest {
    private static final List<String> FIELDS = List.of("containers", "duration", "replicas", "sampleInterval", "seed");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(value = {
            "replcas, replicas",
            "duraton, duration",
            "contaienrs, containers",
            "Replicas, replicas",
            "sampleintervall, sampleInterval",
            "seeds, seed",
            "owner, NONE",
            "x, NONE",
    }, nullValues = "NONE")
    void closest(String given, String expected) {
        assertEquals(expected, Suggestions.closest(given, FIELDS));
    }
}
