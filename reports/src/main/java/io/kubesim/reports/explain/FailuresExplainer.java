package io.kubesim.reports.explain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** {@code kubesim explain --failures SERVICE [--at TIME]}: the causal chain behind a Service's failed requests. */
public final class FailuresExplainer {
    private FailuresExplainer() {
    }

    public static Explanation explain(RunRecord run, String service, Double at) {
        JsonNode services = run.summary().path("services");
        if (!services.has(service)) {
            List<String> names = new ArrayList<>();
            services.fieldNames().forEachRemaining(names::add);
            throw new RunRecordException("--failures " + service + ": no such Service with traffic in the run"
                    + (names.isEmpty() ? "" : " (services: " + String.join(", ", names) + ")"));
        }
        List<Explanation.Step> steps = new ArrayList<>();
        for (JsonNode a : run.summary().path("actions")) {
            JsonNode f = a.path("failedByService").path(service);
            if (f.path("failed").asLong() > 0) {
                steps.add(new Explanation.Step(a.path("start").asDouble(), f.path("failed").asLong()
                        + " requests failed during the " + a.path("kind").asText() + " of " + a.path("target").asText()));
            }
        }
        return new Explanation("failures of service " + service, steps, List.of());
    }
}
