package io.kubesim.sim;

import io.kubesim.metrics.LatencyHistogram;
import java.util.Map;

/**
 * The served latencies per Service (display name): during each Service's startup (summary.json
 * {@code startup}), outside startup and every action window ({@code baseline}), and everything
 * after startup, windows included (what latency gates measure). Each action's own are on its
 * {@link ActionWindow#latencies()}.
 */
public record AttributedLatencies(Map<String, LatencyHistogram> startup, Map<String, LatencyHistogram> baseline,
                                  Map<String, LatencyHistogram> afterStartup) {
    /** A run without traffic. */
    public static final AttributedLatencies NONE = new AttributedLatencies(Map.of(), Map.of(), Map.of());

    public AttributedLatencies {
        startup = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(startup));
        baseline = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(baseline));
        afterStartup = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(afterStartup));
    }
}
