package io.kubesim.api;

import java.util.List;
import java.util.Map;

/**
 * One term of a node selector: all label expressions and all field expressions must match.
 * The only supported field is {@code metadata.name}, as upstream.
 */
public record NodeSelectorTerm(List<Requirement> matchExpressions, List<Requirement> matchFields) {
    public NodeSelectorTerm {
        matchExpressions = List.copyOf(matchExpressions);
        matchFields = List.copyOf(matchFields);
    }

    /** An empty term matches no node (component-helpers nodeaffinity: empty terms match nothing). */
    public boolean matches(String nodeName, Map<String, String> nodeLabels) {
        if (matchExpressions.isEmpty() && matchFields.isEmpty()) {
            return false;
        }
        for (Requirement r : matchExpressions) {
            if (!r.matches(nodeLabels)) {
                return false;
            }
        }
        for (Requirement r : matchFields) {
            if (!r.matches(Map.of("metadata.name", nodeName))) {
                return false;
            }
        }
        return true;
    }
}
