package io.kubesim.api;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A label selector: matchLabels AND matchExpressions. An empty selector matches everything; a
 * {@code null} selector (where the API allows one) matches nothing, as upstream.
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {
    public static final LabelSelector EVERYTHING = new LabelSelector(Map.of(), List.of());

    public LabelSelector {
        matchLabels = Collections2.sortedCopy(matchLabels);
        matchExpressions = List.copyOf(matchExpressions);
    }

    public static LabelSelector of(Map<String, String> matchLabels) {
        return new LabelSelector(matchLabels, List.of());
    }

    public boolean isEmpty() {
        return matchLabels.isEmpty() && matchExpressions.isEmpty();
    }

    public boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, String> e : matchLabels.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (int i = 0; i < matchExpressions.size(); i++) {
            if (!matchExpressions.get(i).matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** {@code key=value,key in (a,b)} for messages. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(matchLabels).forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(k).append('=').append(v);
        });
        for (Requirement r : matchExpressions) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(r.key()).append(' ').append(r.operator().wireName()).append(' ').append(r.values());
        }
        return sb.toString();
    }
}
