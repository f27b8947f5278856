package io.kubesim.scenarios.traffic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Location;
import io.kubesim.traffic.ArrivalSpec;
import io.kubesim.traffic.RateSeries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each trace layout on small files written here, and every bad file as one located error. */
class TraceReaderTest {
    private static final OptionErrors OPTION_ERRORS = (option, message) ->
            new InputException(new Location("scenario.yaml", 9, 9), option + ": " + message);

    @TempDir
    static Path dir;

    private static Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static ArrivalSpec read(Path p, TraceOptions options) {
        return TraceReader.read(p, p.toString(), options, false, OPTION_ERRORS);
    }

    private static long[] recorded(Path p, TraceOptions options) {
        return ((ArrivalSpec.Recorded) read(p, options)).times();
    }

    private static RateSeries series(Path p, TraceOptions options) {
        return ((ArrivalSpec.Rate) read(p, options)).series();
    }

    @Nested
    class Timestamps {
        @Test
        @DisplayName(".NET timestamps with CRLF: relative to the first, 7th digit rounded half up, equal instants kept")
        void dotNetTimestamps() throws Exception {
            Path p = write("llm.csv", "TIMESTAMP,ContextTokens\r\n2023-11-16 18:15:46.6805900,1\r\n"
                    + "2023-11-16 18:15:46.6805905,2\r\n2023-11-16 18:15:47.0000000,3\r\n2023-11-16 18:15:47.0000000,4\r\n");
            assertArrayEquals(new long[]{0, 1, 319_410, 319_410}, recorded(p, TraceOptions.of(TraceLayout.TIMESTAMPS)));
        }

        @Test
        @DisplayName("ISO-8601 with offsets in a named column; instants compared across offsets")
        void isoInANamedColumn() throws Exception {
            Path p = write("iso.csv", "id,at\na,2023-11-16T18:15:46Z\nb,2023-11-16T19:15:46.5+01:00\n\n");
            assertArrayEquals(new long[]{0, 500_000},
                    recorded(p, new TraceOptions(TraceLayout.TIMESTAMPS, "at", null, null)));
        }

        @Test
        @DisplayName("start: arrivals relative to it, earlier rows dropped")
        void start() throws Exception {
            Path p = write("start.csv", "t\n2023-11-16 18:00:00\n2023-11-16 18:00:10\n2023-11-16 18:00:12.25\n");
            assertArrayEquals(new long[]{5_000_000, 7_250_000},
                    recorded(p, new TraceOptions(TraceLayout.TIMESTAMPS, null, "2023-11-16 18:00:05", null)));
        }
    }

    @Nested
    class Rates {
        @Test
        @DisplayName("rate-per-minute: count/60 per second per minute, a missing minute is 0, silence after the last")
        void perMinute() throws Exception {
            Path p = write("m.csv", "minute_start,requests\n1995-07-01T00:00:00-04:00,42\n"
                    + "1995-07-01T00:01:00-04:00,60\n1995-07-01T00:03:00-04:00,6\n");
            RateSeries s = series(p, TraceOptions.of(TraceLayout.RATE_PER_MINUTE));
            assertArrayEquals(new long[]{0, 60_000_000, 120_000_000, 180_000_000, 240_000_000}, s.times());
            assertArrayEquals(new double[]{0.7, 1, 0, 0.1, 0}, s.rates(), 1e-12);
        }

        @Test
        @DisplayName("rate-per-second: second,requests with second numbers, relative to the first row")
        void perSecondNumbered() throws Exception {
            Path p = write("s.csv", "second,requests\n1,5\n2,0\n3,2.5\n");
            RateSeries s = series(p, TraceOptions.of(TraceLayout.RATE_PER_SECOND));
            assertArrayEquals(new long[]{0, 1_000_000, 2_000_000, 3_000_000}, s.times());
            assertArrayEquals(new double[]{5, 0, 2.5, 0}, s.rates(), 1e-12);
        }

        @Test
        @DisplayName("rate-per-second: time,rate with timestamps and the rate column named")
        void perSecondTimestamped() throws Exception {
            Path p = write("tr.csv", "time,other,rate\n2024-01-01T00:00:00Z,x,3\n2024-01-01T00:00:01Z,x,4\n");
            RateSeries s = series(p, new TraceOptions(TraceLayout.RATE_PER_SECOND, "rate", null, null));
            assertArrayEquals(new double[]{3, 4, 0}, s.rates(), 1e-12);
        }

        @Test
        @DisplayName("rate layouts replay evenly spaced when asked")
        void evenlySpaced() throws Exception {
            Path p = write("e.csv", "second,requests\n0,5\n");
            assertFalse(((ArrivalSpec.Rate) read(p, TraceOptions.of(TraceLayout.RATE_PER_SECOND))).poisson());
        }
    }

    @Nested
    class AzureFunctions {
        static final String MATRIX = "HashOwner,HashApp,HashFunction,Trigger,480,481,482\n"
                + "o1,a1,abc111,http,1,2,3\n"
                + "o1,a1,abc222,timer,10,20,30\n"
                + "o2,a2,ffe000,queue,60,0,120\n";

        @Test
        @DisplayName("all functions summed per minute, from the first minute column")
        void all() throws Exception {
            RateSeries s = series(write("az.csv", MATRIX), TraceOptions.of(TraceLayout.AZURE_FUNCTIONS_2019));
            assertArrayEquals(new long[]{0, 60_000_000, 120_000_000, 180_000_000}, s.times());
            assertArrayEquals(new double[]{71 / 60.0, 22 / 60.0, 153 / 60.0, 0}, s.rates(), 1e-12);
        }

        @Test
        @DisplayName("one function by its full hash or a unique prefix")
        void oneFunction() throws Exception {
            Path p = write("az1.csv", MATRIX);
            assertArrayEquals(new double[]{1, 0, 2, 0},
                    series(p, new TraceOptions(TraceLayout.AZURE_FUNCTIONS_2019, null, null, "ff")).rates(), 1e-12);
            assertArrayEquals(new double[]{10 / 60.0, 20 / 60.0, 30 / 60.0, 0},
                    series(p, new TraceOptions(TraceLayout.AZURE_FUNCTIONS_2019, null, null, "abc222")).rates(), 1e-12);
        }

        @Test
        @DisplayName("an ambiguous prefix names the candidates")
        void ambiguous() throws Exception {
            Path p = write("az2.csv", MATRIX);
            InputException e = assertThrows(InputException.class,
                    () -> read(p, new TraceOptions(TraceLayout.AZURE_FUNCTIONS_2019, null, null, "abc")));
            assertEquals("scenario.yaml:9:9: function: \"abc\" is the prefix of 2 functions (abc111, abc222); "
                    + "give more of the hash", e.format());
        }
    }

    static Stream<Arguments> badTraces() {
        return Stream.of(
                Arguments.of("a timestamp that is not one", TraceLayout.TIMESTAMPS, "t,n\r\n2023-11-16 18:15:46,1\r\n"
                        + "2023-11-16 25:00:00,2\r\n", 3, 1, "expected a timestamp such as 2023-11-16 18:15:46.6805900 "
                        + "or 1995-07-01T00:00:00-04:00, got \"2023-11-16 25:00:00\""),
                Arguments.of("timestamps going back", TraceLayout.TIMESTAMPS, "t,n\n2023-11-16 18:15:46,1\n"
                        + "2023-11-16 18:15:45,2\n", 3, 1, "timestamps must not decrease: 2023-11-16 18:15:45 is before "
                        + "the row above"),
                Arguments.of("a negative count", TraceLayout.RATE_PER_MINUTE, "minute_start,requests\n"
                        + "1995-07-01T00:00:00-04:00,-5\n", 2, 27, "expected a request count of 0 or more, got -5"),
                Arguments.of("a count that is not a number", TraceLayout.RATE_PER_SECOND, "second,requests\n0,1\n1,lots\n",
                        3, 3, "expected a request count, got \"lots\""),
                Arguments.of("a row missing its count", TraceLayout.RATE_PER_SECOND, "second,requests\n0,1\n1\n",
                        3, 1, "expected at least 2 columns, got 1"),
                Arguments.of("minutes out of order", TraceLayout.RATE_PER_MINUTE, "m,r\n5,1\n4,1\n", 3, 1,
                        "rows must be at least one minute apart and in order: 4 is within or before the row above"),
                Arguments.of("a header only", TraceLayout.RATE_PER_MINUTE, "m,r\n", 0, 0, "no rows after the header"),
                Arguments.of("an empty file", TraceLayout.TIMESTAMPS, "", 0, 0,
                        "empty trace: expected a header row and one row per request"),
                Arguments.of("a short matrix row", TraceLayout.AZURE_FUNCTIONS_2019,
                        "HashOwner,HashApp,HashFunction,Trigger,480,481\no,a,f,http,1\n", 2, 12,
                        "expected 6 columns as in the header, got 5"),
                Arguments.of("a bad invocation count", TraceLayout.AZURE_FUNCTIONS_2019,
                        "HashOwner,HashApp,HashFunction,Trigger,480,481\no,a,f,http,1,x\n", 2, 14,
                        "expected a number of invocations (an integer of 0 or more), got \"x\""),
                Arguments.of("a matrix without minute columns", TraceLayout.AZURE_FUNCTIONS_2019,
                        "HashOwner,HashApp,HashFunction,Trigger\n", 1, 32,
                        "expected minute-of-day columns (480, 481, ...) at the end of the header"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void badTraces(String name, TraceLayout layout, String text, int line, int column, String message) throws Exception {
        Path p = write("bad.csv", text);
        InputException e = assertThrows(InputException.class, () -> read(p, TraceOptions.of(layout)));
        assertEquals(new Location(p.toString(), line, column), e.location(), e.format());
        assertEquals(message, e.detail());
    }

    @Test
    @DisplayName("a missing file is an error on the file")
    void missingFile() {
        Path p = dir.resolve("nope.csv");
        InputException e = assertThrows(InputException.class, () -> read(p, TraceOptions.of(TraceLayout.TIMESTAMPS)));
        assertEquals(p + ": no such file", e.format());
    }

    @Test
    @DisplayName("an unknown column, and options that do not fit the layout, are errors at the option")
    void optionErrors() throws Exception {
        Path p = write("opt.csv", "t,n\n2023-11-16 18:15:46,1\n");
        assertEquals("scenario.yaml:9:9: column: no column \"ts\" in the trace's header (columns: t, n)",
                assertThrows(InputException.class,
                        () -> read(p, new TraceOptions(TraceLayout.TIMESTAMPS, "ts", null, null))).format());
        assertEquals("scenario.yaml:9:9: function: function applies to the azure-functions-2019 layout only",
                assertThrows(InputException.class,
                        () -> read(p, new TraceOptions(TraceLayout.TIMESTAMPS, null, null, "all"))).format());
        assertEquals("scenario.yaml:9:9: start: start applies to the timestamps layout; use offset to skip into a "
                        + "rate-per-minute trace", assertThrows(InputException.class,
                () -> read(p, new TraceOptions(TraceLayout.RATE_PER_MINUTE, null, "2023-11-16 18:15:46", null))).format());
    }
}
