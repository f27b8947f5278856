package io.kubesim.reports.explain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/** Finds the pod a user named ({@code name} or {@code namespace/name}) among the pods a run recorded. */
final class PodKeys {
    private static final int LISTED = 5;

    private PodKeys() {
    }

    /**
     * The pod's {@code namespace/name}; a {@link RunRecordException} naming close matches when
     * there is none: pods of the same owner (the name up to its last '-' is theirs too), then those
     * a few edits away, closest first.
     */
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
        String stem = asked.contains("/") ? asked.substring(asked.indexOf('/') + 1) : asked;
        String owner = stem.contains("-") ? stem.substring(0, stem.lastIndexOf('-') + 1) : stem;
        record Near(String pod, int distance) {
        }
        List<Near> close = new ArrayList<>();
        for (String p : pods) {
            String name = p.substring(p.indexOf('/') + 1);
            int d = distance(stem, name);
            if (name.startsWith(owner) || d <= Math.max(3, stem.length() / 3)) {
                close.add(new Near(p, d));
            }
        }
        close.sort(Comparator.comparingInt(Near::distance).thenComparing(Near::pod));
        StringBuilder msg = new StringBuilder("--pod " + asked + ": no such pod in " + run.dir());
        if (!close.isEmpty()) {
            msg.append(" (similar: ").append(String.join(", ", close.stream().limit(LISTED).map(Near::pod).toList()))
                    .append(close.size() > LISTED ? ", ..." : "").append(')');
        }
        throw new RunRecordException(msg.toString());
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
