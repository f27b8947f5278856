package io.kubesim.scenarios.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Location;
import io.kubesim.scenarios.SharedFiles;
import io.kubesim.traffic.ArrivalSpec;
import io.kubesim.traffic.RateSeries;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every shared trace replays in its own layout, with the facts /work/shared/traces/SOURCES.md
 * states. Skipped when the shared folder ({@code ../shared/traces} from the repository) is absent.
 */
class SharedTracesTest {
    private static final OptionErrors OPTION_ERRORS = (option, message) ->
            new InputException(Location.ofFile("scenario.yaml#" + option), message);
    private static Path dir;

    @BeforeAll
    static void findTraces() {
        Optional<Path> traces = SharedFiles.traces();
        assumeTrue(traces.isPresent(), "shared traces (../shared/traces beside the repository) are not present");
        dir = traces.get();
    }

    private static ArrivalSpec read(String file, TraceOptions options) {
        Path p = dir.resolve(file);
        return TraceReader.read(p, p.toString(), options, true, OPTION_ERRORS);
    }

    private static double requests(RateSeries s) {
        double total = 0;
        for (int i = 0; i + 1 < s.times().length; i++) {
            total += s.rates()[i] * (s.times()[i + 1] - s.times()[i]) / 1e6;
        }
        return total;
    }

    @Test
    @DisplayName("Azure LLM 2023: 19,366 arrivals over 3,501.72 s, the first gap 4.3145790 s")
    void azureLlmTimestamps() {
        long[] t = ((ArrivalSpec.Recorded) read("azure-llm-inference-2023-conv.csv",
                TraceOptions.of(TraceLayout.TIMESTAMPS))).times();
        assertEquals(19_366, t.length);
        assertEquals(0, t[0]);
        assertEquals(4_314_579, t[1]);
        assertEquals(3_501_721_937L, t[t.length - 1], "19:14:08.4025270 - 18:15:46.6805900");
    }

    @Test
    @DisplayName("NASA July 1995: 39,693 minute steps then silence, the first 42/60 per second, 1,891,713 requests")
    void nasaRatePerMinute() {
        ArrivalSpec.Rate r = (ArrivalSpec.Rate) read("nasa-http-1995-07-requests-per-minute.csv",
                TraceOptions.of(TraceLayout.RATE_PER_MINUTE));
        RateSeries s = r.series();
        assertTrue(r.poisson());
        assertEquals(39_693 + 1, s.times().length);
        assertEquals(42 / 60.0, s.rates()[0], 1e-12);
        assertEquals(60_000_000L, s.times()[1]);
        assertEquals(39_693L * 60_000_000L, s.times()[39_693], "the minutes are consecutive");
        assertEquals(0, s.rates()[39_693]);
        assertEquals(1_891_713, requests(s), 1e-3);
    }

    @Test
    @DisplayName("Azure Functions 2019, all functions: 480 minutes of 523 to 1,460 invocations, 339,657 in all")
    void azureFunctionsSummed() {
        RateSeries s = ((ArrivalSpec.Rate) read("azure-functions-2019-sample-100fn-invocations-per-minute.csv",
                TraceOptions.of(TraceLayout.AZURE_FUNCTIONS_2019))).series();
        assertEquals(480 + 1, s.times().length);
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int i = 0; i < 480; i++) {
            min = Math.min(min, s.rates()[i] * 60);
            max = Math.max(max, s.rates()[i] * 60);
        }
        assertEquals(523, min, 1e-9);
        assertEquals(1_460, max, 1e-9);
        assertEquals(589 / 60.0, s.rates()[0], 1e-12, "minute 480 (08:00) plays at 0");
        assertEquals(339_657, requests(s), 1e-6);
    }

    @Test
    @DisplayName("Azure Functions 2019, one function by a unique prefix: the queue function's 273,379 invocations")
    void azureFunctionByPrefix() {
        RateSeries s = ((ArrivalSpec.Rate) read("azure-functions-2019-sample-100fn-invocations-per-minute.csv",
                new TraceOptions(TraceLayout.AZURE_FUNCTIONS_2019, null, null, "1fa"))).series();
        assertEquals(446 / 60.0, s.rates()[0], 1e-12);
        assertEquals(273_379, requests(s), 1e-6);
    }

    @Test
    @DisplayName("Azure Functions 2019: an ambiguous prefix and an unknown function are errors at the option")
    void azureFunctionErrors() {
        String f = "azure-functions-2019-sample-100fn-invocations-per-minute.csv";
        InputException ambiguous = assertThrows(InputException.class,
                () -> read(f, new TraceOptions(TraceLayout.AZURE_FUNCTIONS_2019, null, null, "1")));
        assertEquals("scenario.yaml#function", ambiguous.file());
        assertTrue(ambiguous.detail().startsWith("\"1\" is the prefix of 11 functions ("), ambiguous.detail());
        InputException unknown = assertThrows(InputException.class,
                () -> read(f, new TraceOptions(TraceLayout.AZURE_FUNCTIONS_2019, null, null, "zzz")));
        assertEquals("no function \"zzz\" in the trace's HashFunction column (use a HashFunction value, a unique "
                + "prefix of one, or all)", unknown.detail());
    }
}
