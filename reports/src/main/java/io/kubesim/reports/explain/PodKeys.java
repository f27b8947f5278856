package io.kubesim.reports.explain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.TreeSet;

/** Finds the pod a user named ({@code name} or {@code namespace/name}) among the pods a run recorded. */
final class PodKeys {
    private PodKeys() {
    }

    /** The pod's {@code namespace/name}; a {@link RunRecordException} naming close matches when there is none. */
    static String resolve(RunRecord run, String asked) {
        TreeSet<String> pods = new TreeSet<>();
        for (JsonNode e : run.events()) {
            String object = e.path("object").asText();
            if (object.startsWith("Pod/")) {
                pods.add(object.substring(4));
            }
        }
        for (String p : pods) {
            if (p.equals(asked) || (!asked.contains("/") && p.endsWith("/" + asked))) {
                return p;
            }
        }
        TreeSet<String> close = new TreeSet<>();
        String stem = asked.contains("/") ? asked.substring(asked.indexOf('/') + 1) : asked;
        for (String p : pods) {
            if (p.contains(stem.length() > 6 ? stem.substring(0, 6) : stem)) {
                close.add(p);
            }
        }
        StringBuilder msg = new StringBuilder("--pod " + asked + ": no such pod in " + run.dir());
        if (!close.isEmpty()) {
            msg.append(" (similar: ").append(String.join(", ", close.stream().limit(5).toList()))
                    .append(close.size() > 5 ? ", ..." : "").append(')');
        }
        throw new RunRecordException(msg.toString());
    }
}
