package io.kubesim.sim;

import io.kubesim.metrics.LatencyHistogram;
import java.util.Map;

/**
 * The served latencies per Service (display name, in traffic order) outside the action windows:
 * during each Service's startup (summary.json {@code startup}) and in the rest of the run
 * ({@code baseline}). Each action's own are on its {@link ActionWindow#latencies()}.
 */
public record AttributedLatencies(Map<String, LatencyHistogram> startup, Map<String, LatencyHistogram> baseline) {
    /** A run without traffic. */
    public static final AttributedLatencies NONE = new AttributedLatencies(Map.of(), Map.of());

    public AttributedLatencies {
        startup = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(startup));
        baseline = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(baseline));
    }
}
