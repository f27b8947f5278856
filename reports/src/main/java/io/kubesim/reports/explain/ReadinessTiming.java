package io.kubesim.reports.explain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * Why a pod turned Ready when it did, from a {@code ReadinessChanged} decision's facts: how long
 * after its container started, and the readiness probe timing that allowed no sooner (a first
 * probe only after initialDelaySeconds, then every periodSeconds, successThreshold in a row).
 */
final class ReadinessTiming {
    private ReadinessTiming() {
    }

    /** {@code 183.1 s after the container started (readiness probe: initialDelaySeconds 180, periodSeconds 3)}, or "". */
    static String of(JsonNode facts) {
        JsonNode p = facts.path("readinessProbe");
        if (!facts.path("ready").asBoolean() || !facts.has("sinceStartSeconds") || !p.isObject()) {
            return ""; // without a readiness probe, Ready comes with the start: nothing to add
        }
        return String.format(Locale.ROOT, "%.1f s after the container started", facts.path("sinceStartSeconds").asDouble())
                + " (readiness probe: initialDelaySeconds " + p.path("initialDelaySeconds").asInt()
                + ", periodSeconds " + p.path("periodSeconds").asInt()
                + (p.path("successThreshold").asInt() > 1 ? ", successThreshold " + p.path("successThreshold").asInt() : "")
                + ")";
    }
}
