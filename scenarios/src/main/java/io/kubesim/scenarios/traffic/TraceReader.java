package io.kubesim.scenarios.traffic;

import io.kubesim.engine.SimTime;
import io.kubesim.traffic.ArrivalSpec;
import java.nio.file.Path;

/**
 * Reads a trace file in one of the {@link TraceLayout layouts} into the arrivals it records:
 * timestamps become {@link ArrivalSpec.Recorded} instants, rate layouts an {@link ArrivalSpec.Rate}
 * step series (Poisson or evenly spaced as asked). The file is streamed once, row by row.
 * Errors are {@link io.kubesim.scenarios.InputException}s at the file, line and column of the bad
 * value, or made by {@code errors} where an option does not fit the file.
 */
public final class TraceReader {
    private TraceReader() {
    }

    /**
     * Reads {@code file} (called {@code name} in messages), unscaled.
     *
     * @param poisson for rate layouts: Poisson arrivals (true) or evenly spaced ones
     */
    public static ArrivalSpec read(Path file, String name, TraceOptions options, boolean poisson, OptionErrors errors) {
        if (options.start() != null && options.layout() != TraceLayout.TIMESTAMPS) {
            throw errors.at("start", "start applies to the timestamps layout; use offset to skip into a "
                    + options.layout().id() + " trace");
        }
        if (options.function() != null && options.layout() != TraceLayout.AZURE_FUNCTIONS_2019) {
            throw errors.at("function", "function applies to the azure-functions-2019 layout only");
        }
        if (options.column() != null && options.layout() == TraceLayout.AZURE_FUNCTIONS_2019) {
            throw errors.at("column", "column does not apply to the azure-functions-2019 layout; pick a row with function");
        }
        try (CsvCursor csv = CsvCursor.open(file, name)) {
            return switch (options.layout()) {
                case TIMESTAMPS -> new ArrivalSpec.Recorded(TimestampTrace.read(csv, options, errors));
                case RATE_PER_MINUTE -> new ArrivalSpec.Rate(
                        RateTrace.read(csv, options, SimTime.MICROS_PER_MINUTE, errors), poisson);
                case RATE_PER_SECOND -> new ArrivalSpec.Rate(
                        RateTrace.read(csv, options, SimTime.MICROS_PER_SECOND, errors), poisson);
                case AZURE_FUNCTIONS_2019 -> new ArrivalSpec.Rate(AzureFunctionsTrace.read(csv, options, errors), poisson);
            };
        }
    }
}
