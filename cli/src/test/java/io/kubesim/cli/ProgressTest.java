package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.engine.SimTime;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The progress line of long runs (issue 14): what it says, when it appears, how often it is
 * redrawn and that it leaves nothing behind. A fake wall clock drives it.
 */
class ProgressTest {
    private static final long MS = 1_000_000L; // nanoseconds
    private static final long THIRTY_MINUTES = SimTime.minutes(30);

    /** A wall clock the test moves by hand. */
    private static final class FakeClock {
        long nanos;
    }

    private final FakeClock clock = new FakeClock();
    private final StringWriter err = new StringWriter();

    private Progress progress(boolean terminal) {
        return new Progress(new PrintWriter(err, true), terminal, () -> clock.nanos);
    }

    /** What a terminal shows after the characters written so far: \r goes back to the start of the line. */
    private static String screen(String written) {
        StringBuilder line = new StringBuilder();
        int col = 0;
        for (char c : written.toCharArray()) {
            if (c == '\r') {
                col = 0;
            } else if (c == '\n') {
                line.setLength(0);
                col = 0;
            } else {
                if (col < line.length()) {
                    line.setCharAt(col, c);
                } else {
                    line.append(c);
                }
                col++;
            }
        }
        return line.toString();
    }

    private static long redraws(String written) {
        return written.chars().filter(c -> c == '\r').count();
    }

    @Nested
    @DisplayName("the line")
    class Line {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                # case                       | simulated s | total s | events     | phase ms | elapsed ms | expected
                a third in, ETA twice that   | 600         | 1800    | 3600000    | 3000     | 3000       | kubesim: simulated 10m / 30m (33%), 1.2M events/s, wall 0:03, ETA 0:06
                nothing simulated yet         | 0           | 1800    | 0          | 2500     | 2500       | kubesim: simulated 0s / 30m (0%), 0 events/s, wall 0:02, ETA --
                thousands of events           | 3605        | 86400   | 40000      | 4000     | 64000      | kubesim: simulated 1h0m5s / 24h (4%), 10.0k events/s, wall 1:04, ETA 1:31
                over an hour of wall time     | 43200       | 86400   | 7200000    | 3600000  | 3600000    | kubesim: simulated 12h / 24h (50%), 2.0k events/s, wall 1:00:00, ETA 1:00:00
                """)
        void says(String name, long simulatedSeconds, long totalSeconds, long events, long phaseMs, long elapsedMs,
                  String expected) {
            assertEquals(expected, Progress.line("kubesim", SimTime.seconds(simulatedSeconds),
                    SimTime.seconds(totalSeconds), events, phaseMs * MS, elapsedMs * MS));
        }

        @Test
        @DisplayName("fits an 80-column terminal for a day-long run at millions of events per second")
        void fitsATerminal() {
            String line = Progress.line("capacity, 12 runs", SimTime.seconds(12 * 86_399), SimTime.seconds(12 * 86_400),
                    999_000_000_000L, 3_599_000 * MS, 3_599_000 * MS);
            assertTrue(line.length() <= 100, line); // a label of a few words still leaves room
            String run = Progress.line("kubesim", SimTime.seconds(86_399), SimTime.seconds(86_400), 999_000_000_000L,
                    3_599_000 * MS, 3_599_000 * MS);
            assertTrue(run.length() < 80, run.length() + ": " + run);
        }
    }

    @Test
    @DisplayName("a run shorter than two seconds shows nothing; from two seconds on the line appears")
    void twoSecondThreshold() {
        Progress p = progress(true);
        for (clock.nanos = 0; clock.nanos < Progress.THRESHOLD_NANOS; clock.nanos += 100 * MS) {
            p.update(SimTime.minutes(1), THIRTY_MINUTES, 1000);
        }
        p.clear();
        assertEquals("", err.toString(), "nothing written, not even a clearing");

        clock.nanos = Progress.THRESHOLD_NANOS;
        p.update(SimTime.minutes(15), THIRTY_MINUTES, 1000);
        assertEquals("kubesim: simulated 15m / 30m (50%), 500 events/s, wall 0:02, ETA 0:02", screen(err.toString()));
    }

    @Test
    @DisplayName("redrawn at most four times a second however often the engine reports")
    void throttled() {
        Progress p = progress(true);
        long updates = 0;
        for (clock.nanos = 0; clock.nanos <= 12_000 * MS; clock.nanos += MS) { // a slice every wall millisecond
            p.update(clock.nanos / 1000, THIRTY_MINUTES, clock.nanos / MS);
            updates++;
        }
        long redraws = redraws(err.toString());
        assertEquals(12_001, updates);
        assertEquals(4 * 10 + 1, redraws, "10 s shown (from 2 s to 12 s), a redraw every 250 ms");
    }

    @Test
    @DisplayName("cleared at the end: the terminal line is blank again and the next output starts at column 0")
    void clearedAtTheEnd() {
        Progress p = progress(true);
        clock.nanos = 3_000 * MS;
        p.update(SimTime.minutes(10), THIRTY_MINUTES, 123_456);
        assertFalse(screen(err.toString()).isBlank());
        p.clear();
        assertTrue(screen(err.toString()).isBlank(), "only spaces remain: " + screen(err.toString()));
        assertTrue(err.toString().endsWith("\r"), "the cursor is back at the start of the line");

        err.getBuffer().setLength(0);
        p.clear();
        assertEquals("", err.toString(), "a second clear writes nothing");
    }

    @Test
    @DisplayName("a shorter line wipes the tail of the longer one before it")
    void shorterLineWipesTheTail() {
        Progress p = progress(true);
        clock.nanos = 3_000 * MS;
        p.update(SimTime.minutes(10), SimTime.minutes(24 * 60), 123_456_789);
        clock.nanos += 300 * MS;
        p.phase("x");
        p.update(0, SimTime.seconds(1), 0);
        String shown = screen(err.toString());
        assertEquals("x: simulated 0s / 1s (0%), 0 events/s, wall 0:03, ETA --", shown.stripTrailing());
    }

    @Test
    @DisplayName("capacity: each phase (the runs at one size) measures its own rate and ETA, the wall time counts from the start")
    void phases() {
        Progress p = progress(true);
        clock.nanos = 10_000 * MS;
        p.phase("capacity, 3 runs");
        clock.nanos = 14_000 * MS;
        p.update(SimTime.minutes(30), SimTime.minutes(90), 40_000);
        assertEquals("capacity, 3 runs: simulated 30m / 1h30m (33%), 10.0k events/s, wall 0:14, ETA 0:08",
                screen(err.toString()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "on a terminal: shown,              true,  false, true",
            "-q on a terminal: nothing,         true,  true,  false",
            "stderr not a terminal: nothing,    false, false, false",
            "not a terminal and -q: nothing,    false, true,  false"})
    void shownOnlyOnATerminalWithoutQuiet(String name, boolean terminal, boolean quiet, boolean shown) {
        Progress p = Progress.of(new PrintWriter(err, true), quiet, terminal, () -> clock.nanos);
        for (clock.nanos = 0; clock.nanos < 10_000 * MS; clock.nanos += 50 * MS) {
            p.update(clock.nanos, THIRTY_MINUTES, 10);
        }
        assertEquals(shown, !err.toString().isEmpty());
        p.clear();
        assertTrue(screen(err.toString()).isBlank());
    }

    @Test
    @DisplayName("the tests' JVM (surefire's fork, no console) counts as no terminal")
    void noConsoleIsNoTerminal() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.console() == null, "run without a console");
        assertFalse(Progress.stderrIsTerminal());
    }

    @Test
    @DisplayName("the ETA follows the recent pace: a slow start (every pod created at once) stops counting after 30 s")
    void etaFollowsTheRecentPace() {
        Progress p = progress(true);
        clock.nanos = Progress.THRESHOLD_NANOS;
        p.update(SimTime.seconds(1), THIRTY_MINUTES, 1000); // 1 s simulated in the first 2 s of wall
        for (long wallMs = 2_250; wallMs <= 20_000; wallMs += 250) { // still slow: 1 s simulated per wall second
            clock.nanos = wallMs * MS;
            p.update(SimTime.seconds(1) + SimTime.seconds(wallMs - 2_000) / 1000, THIRTY_MINUTES, 1000);
        }
        assertTrue(screen(err.toString()).endsWith("ETA 29:41"), screen(err.toString()));
        long simulated = SimTime.seconds(19);
        for (long wallMs = 20_250; wallMs <= 55_000; wallMs += 250) { // then 30 simulated seconds per wall second
            clock.nanos = wallMs * MS;
            simulated += SimTime.seconds(15) / 2;
            p.update(simulated, THIRTY_MINUTES, 1000);
        }
        String line = screen(err.toString());
        assertTrue(line.startsWith("kubesim: simulated 17m49s / 30m (59%)"), line);
        assertTrue(line.endsWith("ETA 0:24"), "12m11s left at 30 simulated seconds per second: " + line);
    }
}
