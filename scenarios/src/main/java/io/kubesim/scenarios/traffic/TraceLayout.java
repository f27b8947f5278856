package io.kubesim.scenarios.traffic;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The layouts of trace file kubesim replays, by the name a scenario gives them. */
public enum TraceLayout {
    /** One row per request; a timestamp column. */
    TIMESTAMPS("timestamps"),
    /** One row per minute: its start and its request count. */
    RATE_PER_MINUTE("rate-per-minute"),
    /** One row per second: its start and its request count (the rate). */
    RATE_PER_SECOND("rate-per-second"),
    /** The Azure Functions 2019 matrix: one row per function, one column per minute of the day. */
    AZURE_FUNCTIONS_2019("azure-functions-2019");

    private final String id;

    TraceLayout(String id) {
        this.id = id;
    }

    /** The name used in scenario files. */
    public String id() {
        return id;
    }

    /** The layout called {@code id}, if any. */
    public static Optional<TraceLayout> byId(String id) {
        return Arrays.stream(values()).filter(l -> l.id.equals(id)).findFirst();
    }

    /** All names, in documentation order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(TraceLayout::id).toList();
    }
}
