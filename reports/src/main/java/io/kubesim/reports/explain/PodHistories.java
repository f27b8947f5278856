package io.kubesim.reports.explain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What events.jsonl says about each pod's start, for timing a rollout's steps: which ReplicaSet
 * created it and when, the node it was bound to, how long its image pull took, when its first
 * container started and when it was first stopped. Keyed by {@code namespace/name}.
 */
final class PodHistories {
    private static final Pattern PULLED = Pattern.compile("in (\\d+(?:\\.\\d+)?)(ms|s)\\b");
    private static final Pattern ASSIGNED = Pattern.compile("^Successfully assigned (\\S+) to (\\S+)");

    /** One pod's start as the events tell it; a field is null when no event said it. */
    static final class History {
        String replicaSet;
        Double created;
        String node;
        Double pullSeconds;
        Double started;
        Double killed;
    }

    /** Looked up by key only, never iterated into an output. */
    private final Map<String, History> byPod = new HashMap<>();

    static PodHistories of(RunRecord run) {
        PodHistories h = new PodHistories();
        for (JsonNode e : run.events()) {
            String object = e.path("object").asText();
            String reason = e.path("reason").asText();
            String message = e.path("message").asText();
            double t = e.path("time").asDouble();
            if (object.startsWith("ReplicaSet/") && reason.equals("SuccessfulCreate")
                    && message.startsWith("Created pod: ")) {
                String ns = namespaceOf(object);
                History p = h.at(ns + "/" + message.substring("Created pod: ".length()));
                p.replicaSet = object.substring(object.lastIndexOf('/') + 1);
                p.created = t;
            } else if (object.startsWith("Pod/")) {
                History p = h.at(object.substring(4));
                switch (reason) {
                    case "Scheduled" -> {
                        Matcher m = ASSIGNED.matcher(message);
                        if (m.find()) {
                            p.node = m.group(2);
                        }
                    }
                    case "Pulled" -> {
                        Matcher m = PULLED.matcher(message);
                        double s = !m.find() ? 0 : Double.parseDouble(m.group(1)) / (m.group(2).equals("ms") ? 1000 : 1);
                        p.pullSeconds = p.pullSeconds == null ? s : p.pullSeconds + s;
                    }
                    case "Started" -> {
                        if (p.started == null) {
                            p.started = t;
                        }
                    }
                    case "Killing" -> {
                        if (p.killed == null) {
                            p.killed = t;
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        return h;
    }

    private History at(String key) {
        return byPod.computeIfAbsent(key, k -> new History());
    }

    /** The pod's history, or an empty one when no event named it. */
    History of(String key) {
        History h = byPod.get(key);
        return h == null ? new History() : h;
    }

    static String namespaceOf(String object) {
        String[] parts = object.split("/");
        return parts.length >= 3 ? parts[1] : "default";
    }
}
