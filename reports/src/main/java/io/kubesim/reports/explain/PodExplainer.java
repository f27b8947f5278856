package io.kubesim.reports.explain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** {@code kubesim explain --pod NAME [--at TIME]}: one pod's life from the run's records. */
public final class PodExplainer {
    private PodExplainer() {
    }

    /**
     * @param pod  the pod's name, or {@code namespace/name}
     * @param at   seconds: explain the pod's state at this time (steps after it are left out); null for all
     */
    public static Explanation explain(RunRecord run, String pod, Double at) {
        String key = PodKeys.resolve(run, pod);
        List<Explanation.Step> steps = new ArrayList<>();
        for (JsonNode e : run.events()) {
            double t = e.path("time").asDouble();
            if (at != null && t > at) {
                break;
            }
            if (e.path("object").asText().equals("Pod/" + key)) {
                steps.add(new Explanation.Step(t, e.path("reason").asText() + ": " + e.path("message").asText()));
            }
        }
        return new Explanation("pod " + key, steps, List.of());
    }
}
