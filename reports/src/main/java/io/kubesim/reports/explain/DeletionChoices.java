package io.kubesim.reports.explain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ReplicaSet controller's {@code PodDeletionChoice} decisions of a run, by pod: why a
 * scale-down chose each pod it deleted (the ranking rule of ActivePodsWithRanks, in words).
 */
final class DeletionChoices {
    /** Looked up by pod only, never iterated into an output. */
    private final Map<String, List<JsonNode>> byPod = new HashMap<>();

    DeletionChoices(RunRecord run) {
        for (JsonNode d : run.decisions()) {
            if (d.path("kind").asText().equals("PodDeletionChoice")) {
                byPod.computeIfAbsent(d.path("object").asText(), k -> new ArrayList<>()).add(d);
            }
        }
    }

    /** The reason recorded for deleting {@code namespace/pod} between {@code from} and {@code to} seconds, or null. */
    String reason(String namespace, String pod, double from, double to) {
        for (JsonNode d : byPod.getOrDefault("Pod/" + namespace + "/" + pod, List.of())) {
            double t = d.path("time").asDouble();
            if (t >= from && t <= to) {
                return d.path("facts").path("reason").asText(null);
            }
        }
        return null;
    }
}
