package io.kubesim.scenarios.traffic;

/**
 * What to read from a trace file, as the scenario says it; unset options are null.
 *
 * @param layout   the file's layout
 * @param column   timestamps: the timestamp column's name (default the first column); rate
 *                 layouts: the count column's name (default the second column)
 * @param start    timestamps only: the instant that plays at time 0 (default the first row's)
 * @param function azure-functions-2019 only: a HashFunction value or a unique prefix of one, or
 *                 {@code all} (the default) for the sum of every function
 */
public record TraceOptions(TraceLayout layout, String column, String start, String function) {
    /** The {@code function} value that sums every row. */
    public static final String ALL_FUNCTIONS = "all";

    /** Just a layout, every option at its default. */
    public static TraceOptions of(TraceLayout layout) {
        return new TraceOptions(layout, null, null, null);
    }
}
