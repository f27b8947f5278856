package io.kubesim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's time.ParseDuration grammar, in microseconds of virtual time. */
class DurationsTest {
    @ParameterizedTest(name = "{0} = {1} us")
    @CsvSource({
            "0, 0",
            "90s, 90000000",
            "5m, 300000000",
            "1h30m, 5400000000",
            "1.5s, 1500000",
            "250ms, 250000",
            "10us, 10",
            "10µs, 10",
            "10μs, 10",
            "2000ns, 2",
            ".5s, 500000",
            "1.s, 1000000",
            "1h1m1s1ms1us, 3661001001",
            "+3s, 3000000",
            "0.25h, 900000000",
    })
    void parsesGoDurations(String text, long micros) {
        assertEquals(micros, Durations.parseMicros(text));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "30      | missing unit in duration \"30\": write e.g. 30s",
            "1.5     | missing unit in duration \"1.5\": write e.g. 1.5s",
            "-5s     | duration must not be negative",
            "5x      | unknown unit \"x\" in duration \"5x\"",
            "5 s     | unknown unit \" s\"",
            "s       | invalid duration \"s\"",
            "1.2.3s  | missing unit in duration \"1.2.3s\"",
            "5m3     | missing unit in duration \"5m3\"",
            "1ns     | finer than the simulator's resolution of 1us",
            "3000000h | is too large",
    })
    void rejectsWhatGoRejectsAndBareNumbers(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parseMicros(text));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void emptyStringIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Durations.parseMicros(""));
    }
}
